"""Profile one benchmarked page in-process: ``.venv/bin/python bench/profile_page.py roster``.

Runs the page through Django's test client as the benchmarks do (DEBUG off, the same
users and data, seeded by ``make bench`` first), warms it up, then profiles ``--repeat``
requests under cProfile and prints the top entries by own time and by cumulative time.

Pages: roster, activity_log, care_grid, welfare_list, board, proposal_list, dashboard,
summary_preview. ``--html FILE`` writes the page's HTML, to compare before and after.
"""

import argparse
import cProfile
import io
import os
import pstats
import sys
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:///{}".format(BENCH_DIR / "bench.sqlite3"))
os.environ.setdefault("DJANGO_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402


def care_year():
    today = timezone.localdate()
    return (today.year if today.month >= 9 else today.year - 1) - 1


PAGES = {
    "roster": ("bench-chair", lambda: reverse("members:member_list")),
    "activity_log": ("bench-activities-chair", lambda: reverse("activities:activity_list")),
    "care_grid": (
        "bench-activities-chair",
        lambda: "{}?year={}".format(reverse("activities:care_grid"), care_year()),
    ),
    "welfare_list": ("bench-activities-chair", lambda: reverse("activities:visit_list")),
    "board": ("bench-democracy-teacher", lambda: reverse("disclosure:board")),
    "proposal_list": ("bench-democracy-chair", lambda: reverse("congress:proposal_list")),
    "dashboard": ("bench-summary-chair", lambda: "/?kind=school_year&year={}".format(care_year())),
    "summary_preview": (
        "bench-summary-chair",
        lambda: "{}?period=school_year".format(reverse("reports:summary", kwargs={"year": care_year()})),
    ),
}


PROJECT_CODE = (
    r"/(members|activities|congress|disclosure|reports|unionhub|templatetags|crispy_\w+|django_tables2|django_filters)/"
)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("page", choices=sorted(PAGES))
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--html", help="write the page's HTML to this file")
    args = parser.parse_args()
    username, url = PAGES[args.page]
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    url = url()

    def get():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    content = get().content
    if args.html:
        Path(args.html).write_bytes(content)
    for _ in range(5):
        get()
    profile = cProfile.Profile()
    profile.enable()
    for _ in range(args.repeat):
        get()
    profile.disable()
    for order in ("tottime", "cumulative", "project"):
        out = io.StringIO()
        stats = pstats.Stats(profile, stream=out)
        if order == "project":
            # What the project's own code and the template libraries it uses cost, cumulatively.
            stats.sort_stats("cumulative").print_stats(PROJECT_CODE, args.top)
        else:
            stats.sort_stats(order).print_stats(args.top)
        print("# {} ({} requests, by {})".format(url, args.repeat, order))
        print(out.getvalue().split("\n", 5)[-1])


if __name__ == "__main__":
    main()
