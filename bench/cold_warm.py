"""The dashboard and the summary preview, cold and warm: ``.venv/bin/python bench/cold_warm.py``.

Uses the busy school that ``bench/summary.py`` seeds (seeding it when missing) and a chair
of that school, then measures, for its busy school year, through Django's test client
(DEBUG off):

a. the dashboard ``reports:dashboard`` (``?kind=school_year&year=…``);
b. the summary preview ``reports:summary`` (``?period=school_year``);

each cold (Django's cache emptied with ``cache.clear()`` before every request, outside the
timing) and warm (the same request repeated): median wall and CPU milliseconds and the
query count. Prints one JSON object.
"""

import json
import os
import sys
import time
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
from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402
from roster import REPEAT, median_ms, queries  # noqa: E402
from summary import analyze, busy_school_year, schools, seed, seeded  # noqa: E402

from unionhub.roles import Role  # noqa: E402

CHAIR_USERNAME = "bench-summary-chair"


def chair(school):
    User = get_user_model()
    user = User.objects.filter(username=CHAIR_USERNAME, school=school).first()
    if user is None:
        User.objects.filter(username=CHAIR_USERNAME).delete()
        user = User.objects.create_user(
            username=CHAIR_USERNAME, password="bench-pass-123", school=school, role=Role.CHAIR
        )
    return user


def cold_and_warm(client, url):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    figures = {"url": url}
    figures["cold_ms"], figures["cold_cpu_ms"] = median_ms(call, before=cache.clear)
    cache.clear()
    figures["cold_queries"] = queries(call)
    figures["warm_ms"], figures["warm_cpu_ms"] = median_ms(call)
    figures["warm_queries"] = queries(call)
    return figures


def main():
    call_command("migrate", verbosity=0, interactive=False)
    today = timezone.localdate()
    year = busy_school_year(today)
    seed_seconds = None
    with scopes_disabled():
        if not seeded(year):
            print("Seeding the summary benchmark…", file=sys.stderr, flush=True)
            start = time.perf_counter()
            with transaction.atomic():
                seed(year)
            seed_seconds = round(time.perf_counter() - start, 1)
        busy = schools().first()
        user = chair(busy)
    analyze()
    client = Client()
    client.force_login(user)
    figures = {
        "busy_school_year": year,
        "seeded_now_s": seed_seconds,
        "repeat": REPEAT,
        "dashboard": cold_and_warm(client, "{}?kind=school_year&year={}".format(reverse("reports:dashboard"), year)),
        "summary_preview": cold_and_warm(
            client, "{}?period=school_year".format(reverse("reports:summary", kwargs={"year": year}))
        ),
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
