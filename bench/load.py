"""Load test: `make load` (``.venv/bin/python bench/load.py``).

Serves the app as it is deployed (gunicorn, 3 sync workers, production settings, persistent
database connections, static files collected for whitenoise) on a free port of 127.0.0.1,
on PostgreSQL when ``DATABASE_URL`` is set (the database is created if missing), else on
``bench/load.sqlite3``. Seeds, once, the district of ``bench/district.py`` (100 schools with
a year of records) and, in its first school, a chair, a staff member and a teacher who log
in with a password, proposals, notices in their window and 168 pairs of past school years
whose months the load fills.

Then drives the server from ``wrk`` (``bench/load/*.lua``), each role logged in once here
before it starts:

a. each main page alone, then its bare JSON view (``load_urls``) in the same run: requests/s,
   p50/p95/p99 latency, errors (any answer outside 2xx/3xx, and socket errors), and the
   page's requests/s as a share of its bare view's;
b. a mix of the roles at once: teachers reading the board, their record and their home page;
   staff reading lists and entering activities, visits and 168 logs through the real forms
   (each POST uses the one-time token of a form it fetched); the chair on the dashboard,
   the summary preview and its .docx; and the bare view.

Stops gunicorn (also on failure), then checks in the database that every record the mix
created exists exactly once. Prints one JSON document; exits non-zero when a record is
missing or duplicated (the throughput targets are reported, not enforced).

Environment: ``LOAD_DURATION`` (seconds per page, 8), ``LOAD_MIX_DURATION`` (15),
``LOAD_CONNECTIONS`` (16), ``LOAD_THREADS`` (2).
"""

import datetime
import http.client
import json
import os
import random
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
LUA_DIR = BENCH_DIR / "load"
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DATABASE_URL", "sqlite:///{}".format(BENCH_DIR / "load.sqlite3"))
# What a deployment sets (README, "Deploying behind gunicorn"); this process and the server share it.
os.environ.update(
    {
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
        "DJANGO_CONN_MAX_AGE": "60",
        "LOAD_STATIC_ROOT": tempfile.mkdtemp(prefix="unionhub-load-static-"),
    }
)


def ensure_postgres_database(url):
    """Creates the database of a PostgreSQL ``url`` when it does not exist yet."""
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        return
    import psycopg
    from psycopg import sql

    name = parts.path.lstrip("/")
    server = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True) as connection:
        if connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


ensure_postgres_database(os.environ["DATABASE_URL"])

import district  # noqa: E402  (sets Django up, with the settings above)
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from activities.models import Activity, CareLog, CarePair, Category, Visit  # noqa: E402
from congress.choices import ProposalState  # noqa: E402
from congress.models import Proposal, Seconding  # noqa: E402
from disclosure.choices import NoticeStatus  # noqa: E402
from disclosure.models import Notice, NoticeCategory  # noqa: E402
from disclosure.workdays import window_end  # noqa: E402
from members.models import Department, Member  # noqa: E402
from unionhub.models import School, SubmissionToken  # noqa: E402
from unionhub.roles import Role  # noqa: E402

PASSWORD = "bench-pass-123"
USERS = {"chair": "load-chair", "staff": "load-staff", "teacher": "load-teacher"}
PROPOSALS = 120
CURRENT_NOTICES = 6
# 168 pairs of school years long past, left empty by the seed: the mix logs their months,
# each month once, so that every 168 log it saves is a new row.
RESERVED_SCHOOL_YEARS = range(2001, 2011)
# Every record the mix creates is marked with this and the run's id (titles, gifts, notes).
MARK = "负载测试"
WORKERS = 3
DURATION = int(os.environ.get("LOAD_DURATION", 8))
MIX_DURATION = int(os.environ.get("LOAD_MIX_DURATION", 15))
WARMUP = 2
CONNECTIONS = int(os.environ.get("LOAD_CONNECTIONS", 16))
THREADS = int(os.environ.get("LOAD_THREADS", 2))
WRK_TIMEOUT = "20s"


def progress(message):
    print("  {}".format(message), file=sys.stderr, flush=True)


# Seeding -------------------------------------------------------------------------------


def load_school():
    return School.objects.filter(district__name=district.DISTRICT_NAME).order_by("pk").first()


def fixtures_ready(school):
    User = get_user_model()
    return (
        User.objects.filter(username__in=USERS.values(), school=school).count() == len(USERS)
        and Member.objects.filter(school=school, user__username=USERS["teacher"]).exists()
        and Proposal.all_objects.filter(school=school).count() == PROPOSALS
        and CarePair.all_objects.filter(school=school, school_year__in=RESERVED_SCHOOL_YEARS).count()
        == len(RESERVED_SCHOOL_YEARS) * district.MEMBERS_PER_SCHOOL
    )


def district_ready(year):
    """``district.seeded``, not counting the notices added here."""
    schools = School.objects.filter(district__name=district.DISTRICT_NAME)
    return (
        schools.count() == district.SCHOOLS
        and Activity.all_objects.filter(school__in=schools, starts_on__year=year)
        .exclude(title__startswith=MARK)
        .count()
        == district.SCHOOLS * district.ACTIVITIES_PER_SCHOOL
        and CareLog.objects.filter(pair__school__in=schools)
        .exclude(pair__school_year__in=RESERVED_SCHOOL_YEARS)
        .count()
        == district.SCHOOLS * district.PAIRS_PER_SCHOOL * 12
        and Notice.all_objects.filter(school__in=schools).exclude(title__startswith=MARK).count()
        == district.SCHOOLS * district.NOTICES_PER_SCHOOL
    )


def remove_fixtures(school):
    """Removes what ``seed_fixtures`` and the mixes added (before reseeding either)."""
    forget_earlier_runs(school)
    User = get_user_model()
    Member.all_objects.filter(school=school).update(user=None)
    User.objects.filter(username__in=USERS.values()).delete()
    Seconding.objects.filter(school=school).delete()
    Proposal.all_objects.filter(school=school).delete()
    Notice.all_objects.filter(school=school, title__startswith=MARK).delete()
    CarePair.all_objects.filter(school=school, school_year__in=RESERVED_SCHOOL_YEARS).delete()


def seed_fixtures(school, year, today):
    """The load school's logins, proposals, current notices and reserved 168 pairs."""
    rng = random.Random(2026)
    User = get_user_model()
    remove_fixtures(school)

    users = {role: User(username=name, school=school, role=role) for role, name in USERS.items()}
    for user in users.values():
        user.set_password(PASSWORD)
        user.save()
    members = list(Member.objects.filter(school=school).order_by("pk"))
    # The teacher is the first member: a 168 pair, activities taken part in, a visit or two.
    members[0].user = users[Role.TEACHER]
    members[0].save(update_fields=["user"])

    departments = list(Department.objects.filter(school=school))
    states = list(ProposalState)
    proposals = Proposal.objects.bulk_create(
        [
            Proposal(
                school=school,
                title="关于改善教职工午餐条件的提案（{}）".format(n + 1),
                reasons="教师反映强烈。",
                measures="建议学校研究解决。",
                proposer=rng.choice(members),
                state=states[n % len(states)],
                submitted_on=datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365)),
                department=rng.choice(departments) if n % 3 == 0 else None,
            )
            for n in range(PROPOSALS)
        ]
    )
    Seconding.objects.bulk_create(
        [
            Seconding(school=school, proposal=p, member=m, seconded_on=p.submitted_on)
            for p in proposals
            for m in rng.sample([m for m in members if m.pk != p.proposer_id], rng.randint(2, 4))
        ]
    )
    categories = list(NoticeCategory.objects.filter(school=school))
    Notice.objects.bulk_create(
        [
            Notice(
                school=school,
                title="{}：本学期评优评先结果（{}）".format(MARK, n + 1),
                category=rng.choice(categories),
                body="公示内容：详见附件。",
                starts_on=today,
                working_days=5,
                ends_on=window_end(today, 5),
                status=NoticeStatus.PUBLISHED,
                published_at=timezone.now(),
            )
            for n in range(CURRENT_NOTICES)
        ]
    )
    CarePair.objects.bulk_create(
        [
            CarePair(
                school=school,
                teacher=m,
                student_name="学生{}".format(n),
                student_class="初二（3）班",
                reason="学习困难",
                school_year=school_year,
            )
            for school_year in RESERVED_SCHOOL_YEARS
            for n, m in enumerate(members[: district.MEMBERS_PER_SCHOOL])
        ]
    )


def forget_earlier_runs(school):
    """Removes what earlier runs' mixes created, so that every run reads the same pages."""
    for model, field in ((Activity, "title"), (Visit, "gifts")):
        marked = {"{}__startswith".format(field): MARK}
        pks = list(model.all_objects.filter(school=school, **marked).values_list("pk", flat=True))
        model.all_objects.filter(pk__in=pks).delete()
        model.history.filter(id__in=pks).delete()
    reserved = CarePair.all_objects.filter(school=school, school_year__in=RESERVED_SCHOOL_YEARS)
    CareLog.objects.filter(pair__in=reserved).delete()
    CareLog.history.filter(pair_id__in=reserved.values("pk")).delete()
    SubmissionToken.objects.filter(school=school).delete()


def open_notice_windows(school, today):
    """The added notices are in their window today, whichever day the run is."""
    for n, notice in enumerate(Notice.objects.filter(school=school, title__startswith=MARK).order_by("pk")):
        notice.starts_on = today - datetime.timedelta(days=n % 3)
        notice.ends_on = window_end(notice.starts_on, notice.working_days)
        notice.save(update_fields=["starts_on", "ends_on"])


def seed(today):
    year = district.bench_year(today)
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    seeded_now = False
    with scopes_disabled():
        if not district_ready(year):
            progress("seeding the district (a few minutes, once)…")
            with transaction.atomic():
                if load_school() is not None:
                    remove_fixtures(load_school())
                district.seed(district.DISTRICT_NAME, district.SCHOOLS, district.USERNAME, year, random.Random(2018))
            seeded_now = True
        school = load_school()
        if seeded_now or not fixtures_ready(school):
            with transaction.atomic():
                seed_fixtures(school, year, today)
            seeded_now = True
        forget_earlier_runs(school)
        open_notice_windows(school, today)
    if seeded_now:
        # Planner statistics after a bulk load, as a database in use has.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return school, year, round(time.perf_counter() - started, 1) if seeded_now else None


# The server -----------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def collect_static():
    started = time.perf_counter()
    call_command("collectstatic", verbosity=0, interactive=False)
    return round(time.perf_counter() - started, 1)


def start_server(port, log):
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "unionhub.wsgi:application",
        "--chdir",
        str(ROOT),
        "--bind",
        "127.0.0.1:{}".format(port),
        "--workers",
        str(WORKERS),
        "--worker-class",
        "sync",
        # The default control socket is one path for every gunicorn of the machine.
        "--no-control-socket",
    ]
    # The project before bench/, whose file names would hide its apps; load_settings from bench/.
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([str(ROOT), str(BENCH_DIR)]))
    # Its own process group, so that stopping it reaches the workers too.
    return subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True)


def stop_server(server):
    if server.poll() is not None:
        return
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait()


class Browser:
    """A few requests as a browser behind nginx sends them (HTTPS told by the proxy header),
    keeping the cookies it is given."""

    def __init__(self, port):
        self.port = port
        self.origin = "https://127.0.0.1:{}".format(port)
        self.cookies = {}

    def request(self, method, path, data=None):
        headers = {"X-Forwarded-Proto": "https", "Host": "127.0.0.1:{}".format(self.port)}
        if self.cookies:
            headers["Cookie"] = "; ".join("{}={}".format(k, v) for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True)
            headers.update(
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Origin": self.origin,
                    "Referer": self.origin + path,
                }
            )
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            client.request(method, path, body=body, headers=headers)
            response = client.getresponse()
            content = response.read()
        finally:
            client.close()
        for cookie in response.headers.get_all("Set-Cookie") or []:
            name, _, value = cookie.split(";", 1)[0].partition("=")
            self.cookies[name.strip()] = value
        return response.status, response.headers, content.decode("utf-8", "replace")

    def login(self, username):
        status, _, body = self.request("GET", "/accounts/login/")
        assert status == 200, ("login page", status)
        token = csrf_token(body)
        status, headers, _ = self.request(
            "POST", "/accounts/login/", {"csrfmiddlewaretoken": token, "username": username, "password": PASSWORD}
        )
        assert status == 302 and "sessionid" in self.cookies, ("login", username, status, headers.get("Location"))
        return {name: self.cookies[name] for name in ("sessionid", "csrftoken")}


def csrf_token(body):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)


def wait_until_up(server, port, timeout=90):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError("gunicorn exited with {}".format(server.returncode))
        try:
            status, _, _ = Browser(port).request("GET", "/accounts/login/")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within {} s".format(timeout))


# Driving it -----------------------------------------------------------------------------


def lua(value):
    """``value`` as a Lua literal (dicts, lists, strings, numbers)."""
    if isinstance(value, dict):
        return "{" + ", ".join("[{}] = {}".format(lua(str(k)), lua(v)) for k, v in value.items()) + "}"
    if isinstance(value, (list, tuple)):
        return "{" + ", ".join(lua(v) for v in value) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid Lua string here


def page_list(year, teacher_member):
    """The main pages with the role that reads each, and the bare view each is compared to."""
    care_year = year - 1  # the school year whose months the seed's year fills most
    return {
        "roster": {"path": "/members/", "role": "staff", "bare": "bare_roster"},
        "bare_roster": {"path": "/bench/bare/roster/", "role": "staff"},
        "activity_log": {"path": "/activities/", "role": "staff", "bare": "bare_activities"},
        "bare_activities": {"path": "/bench/bare/activities/", "role": "staff"},
        "care_grid": {"path": "/activities/care/?year={}".format(care_year), "role": "staff", "bare": "bare_care"},
        "bare_care": {"path": "/bench/bare/care/?year={}".format(care_year), "role": "staff"},
        "welfare_list": {"path": "/activities/welfare/", "role": "staff", "bare": "bare_visits"},
        "bare_visits": {"path": "/bench/bare/visits/", "role": "staff"},
        "board": {"path": "/disclosure/", "role": "teacher", "bare": "bare_board"},
        "bare_board": {"path": "/bench/bare/board/", "role": "teacher"},
        "proposal_list": {"path": "/congress/proposals/", "role": "chair", "bare": "bare_proposals"},
        "bare_proposals": {"path": "/bench/bare/proposals/", "role": "chair"},
        "dashboard": {"path": "/?year={}".format(year), "role": "chair", "bare": "bare_year"},
        "bare_year": {"path": "/bench/bare/year/?year={}".format(year), "role": "chair"},
        "summary_preview": {"path": "/reports/{}/".format(year), "role": "chair", "bare": "bare_year"},
        # Read in the mix only.
        "teacher_record": {"path": "/members/{}/".format(teacher_member), "role": "teacher"},
        "teacher_home": {"path": "/", "role": "teacher"},
        "summary_docx": {"path": "/reports/{}/summary.docx".format(year), "role": "chair"},
    }


LIST_PAGES = ["roster", "activity_log", "care_grid", "welfare_list", "board", "proposal_list"]
WARM_PAGES = ["dashboard", "summary_preview"]

# The mix, as steps in a cycle of 100 requests before the POSTs each form GET brings (so about
# 112 in all). Teachers read most; staff enter a day's records; the chair now and then
# previews the summary and exports it.
MIX = {
    "board": ("board", 24),
    "teacher_record": ("teacher_record", 10),
    "teacher_home": ("teacher_home", 10),
    "activity_form": ("activity_form", 4),
    "visit_form": ("visit_form", 4),
    "care_pair": ("care_pair", 4),
    "activity_log": ("activity_log", 8),
    "roster": ("roster", 8),
    "welfare_list": ("welfare_list", 4),
    "care_grid": ("care_grid", 4),
    "proposal_list": ("proposal_list", 6),
    "dashboard": ("dashboard", 3),
    "summary_preview": ("summary_preview", 2),
    "summary_docx": ("summary_docx", 1),
    "bare_board": ("bare_board", 8),
}


def schedule(rng):
    steps = [name for name, (_page, weight) in MIX.items() for _ in range(weight)]
    rng.shuffle(steps)
    return steps


def mix_config(pages, school, today, run, rng):
    with scopes_disabled():
        members = list(Member.objects.filter(school=school).order_by("pk").values_list("pk", flat=True))
        category = Category.objects.filter(school=school, is_active=True).order_by("position", "pk").first()
        pairs = list(
            CarePair.objects.filter(school=school, school_year__in=RESERVED_SCHOOL_YEARS)
            .order_by("school_year", "pk")
            .values_list("pk", "school_year")
        )
    steps = {name: dict(pages[page]) for name, (page, _weight) in MIX.items() if page in pages}
    steps["activity_form"] = {"path": "/activities/new/", "role": "staff"}
    steps["visit_form"] = {"path": "/activities/welfare/visits/new/", "role": "staff"}
    steps["care_pair"] = {"role": "staff"}
    steps["fallback"] = dict(pages["board"])
    day = today.isoformat()
    return {
        "run": run,
        "mark": MARK,
        "schedule": schedule(rng),
        "steps": steps,
        "forms": {
            "activity": {
                "marker": 'id="activity-form"',
                "path": "/activities/new/",
                "role": "staff",
                "label_field": "title",
                "fields": [
                    ["category", category.pk],
                    ["starts_on", day],
                    ["location", "会议室"],
                    ["organiser", "校工会"],
                    ["outside_participants", "0"],
                    ["description", "教职工活动。"],
                    *[["participants", pk] for pk in members[1:6]],
                ],
            },
            "visit": {
                "marker": 'id="visit-form"',
                "path": "/activities/welfare/visits/new/",
                "role": "staff",
                "label_field": "gifts",
                "fields": [
                    ["member", members[10]],
                    ["visited_person", "member"],
                    ["reason", "illness"],
                    ["visited_on", day],
                    ["amount", "500"],
                    ["funding_source", "union"],
                    ["visitors", members[1]],
                    ["visitors", members[2]],
                ],
            },
        },
        "care": {
            "pairs": [[pk, school_year] for pk, school_year in pairs],
            "page": "/activities/care/pairs/%d/",
            "log": "/activities/care/pairs/%d/log/",
            "marker": "/activities/care/pairs/(%d+)/log/",
            "refused": '/log/" class="card card-body"',
        },
        "created": {
            "activity": "^/activities/(%d+)/$",
            "visit": "^/activities/welfare/visits/(%d+)/$",
            "care": "^/activities/care/pairs/(%d+)/#m%-(%d+%-%d+)$",
        },
    }


def write_config(path, port, cookies, pages, mix):
    config = {
        "host": "127.0.0.1:{}".format(port),
        "origin": "https://127.0.0.1:{}".format(port),
        "threads": THREADS,
        "cookies": {
            role: "sessionid={}; csrftoken={}".format(c["sessionid"], c["csrftoken"]) for role, c in cookies.items()
        },
        "pages": pages,
        "mix": mix,
    }
    Path(path).write_text("return " + lua(config) + "\n", encoding="utf-8")


def wrk(script, port, seconds, config, page=None):
    """One wrk run; its report (common.lua's JSON line) with requests/s and milliseconds."""
    env = dict(os.environ, LOAD_CONFIG=str(config), LOAD_LUA_DIR=str(LUA_DIR), LOAD_PAGE=page or "")
    command = [
        "wrk",
        "--threads",
        str(THREADS),
        "--connections",
        str(CONNECTIONS),
        "--duration",
        "{}s".format(seconds),
        "--timeout",
        WRK_TIMEOUT,
        "--script",
        str(LUA_DIR / script),
        "http://127.0.0.1:{}/".format(port),
    ]
    done = subprocess.run(command, capture_output=True, text=True, env=env, timeout=seconds + 120)
    lines = [line for line in done.stdout.splitlines() if line.startswith("LOADJSON ")]
    if done.returncode != 0 or not lines:
        raise RuntimeError("wrk failed ({}): {}{}".format(done.returncode, done.stdout[-2000:], done.stderr[-2000:]))
    report = json.loads(lines[-1][len("LOADJSON ") :])
    for tallies in report["threads"]:
        tallies["counts"] = json.loads(tallies["counts"])
    seconds_run = report["duration_us"] / 1e6
    errors = report["errors"] + report["socket_errors"]
    statuses = {}
    for tallies in report["threads"]:
        for status, count in tallies["counts"].get("statuses", {}).items():
            statuses[status] = statuses.get(status, 0) + count
    return {
        "requests": report["requests"],
        "requests_per_s": round(report["requests"] / seconds_run, 1),
        "p50_ms": round(report["latency_us"]["p50"] / 1000, 1),
        "p95_ms": round(report["latency_us"]["p95"] / 1000, 1),
        "p99_ms": round(report["latency_us"]["p99"] / 1000, 1),
        "errors": errors,
        "error_statuses": statuses,
        "socket_errors": report["socket_errors"],
        "_threads": report["threads"],
    }


def drain(port):
    """Waits for the requests wrk left queued when it stopped: sync workers still answer
    them, and a slow page's leftovers would otherwise be counted against the next run."""
    for _ in range(2):
        Browser(port).request("GET", "/accounts/login/")


def measure_page(port, config, page):
    wrk("page.lua", port, WARMUP, config, page)
    drain(port)
    figures = wrk("page.lua", port, DURATION, config, page)
    drain(port)
    figures.pop("_threads")
    return figures


def measure_pages(port, config, pages):
    """Each page alone, its bare view right after it (one bare view serves two pages)."""
    figures = {}
    for name in LIST_PAGES + WARM_PAGES:
        progress("{}…".format(name))
        figures[name] = measure_page(port, config, name)
        bare = pages[name]["bare"]
        if bare not in figures:
            figures[bare] = measure_page(port, config, bare)
        figures[name]["bare_view"] = bare
        figures[name]["share_of_bare"] = round(figures[name]["requests_per_s"] / figures[bare]["requests_per_s"], 2)
    return figures


def check_pages(port, cookies, pages):
    """Every page answers 200 to its role before the load starts (and each is warmed once)."""
    for page in pages.values():
        browser = Browser(port)
        browser.cookies = dict(cookies[page["role"]])
        status, _, _ = browser.request("GET", page["path"])
        if status != 200:
            raise RuntimeError("{} answered {} to the {}".format(page["path"], status, page["role"]))


def measure_mix(port, config):
    progress("the mix…")
    figures = wrk("mix.lua", port, MIX_DURATION, config)
    threads = figures.pop("_threads")
    gets, posts = {}, {}
    for tallies in threads:
        for into, counts in ((gets, tallies["counts"].get("gets")), (posts, tallies["counts"].get("posts"))):
            for name, count in (counts or {}).items():
                into[name] = into.get(name, 0) + count
    form_errors = sum(tallies["counts"].get("form_errors", 0) for tallies in threads)
    figures["form_errors"] = form_errors
    figures["errors"] += form_errors
    figures["gets"] = dict(sorted(gets.items()))
    figures["posts"] = dict(sorted(posts.items()))
    return figures, threads


def verify(school, run, threads, posts):
    """Every record the mix created exists exactly once: per kind, the labels sent, the
    records the successful POSTs redirected to, and the labelled rows in the database."""
    prefix = "{}-{}-".format(MARK, run)
    with scopes_disabled():
        rows = {
            "activity": [
                (str(pk), label)
                for pk, label in Activity.all_objects.filter(school=school, title__startswith=prefix).values_list(
                    "pk", "title"
                )
            ],
            "visit": [
                (str(pk), label)
                for pk, label in Visit.all_objects.filter(school=school, gifts__startswith=prefix).values_list(
                    "pk", "gifts"
                )
            ],
            "care": [
                ("{}:{:%Y-%m}".format(pair, month), label)
                for pair, month, label in CareLog.objects.filter(
                    pair__school=school, notes__startswith=prefix
                ).values_list("pair_id", "month", "notes")
            ],
        }
    letters = {"a": "activity", "v": "visit", "c": "care"}
    labels = {kind: [] for kind in rows}
    for tallies in threads:
        for n, letter in enumerate(tallies["kinds"] or "", start=1):
            labels[letters[letter]].append("{}t{}-{}".format(prefix, tallies["index"], n))
    report, ok = {}, True
    for kind, found in rows.items():
        confirmed = [key for tallies in threads for key in (tallies["created_" + kind] or "").split(",") if key]
        found_keys = [key for key, _label in found]
        found_labels = [label for _key, label in found]
        duplicates = sorted({label for label in found_labels if found_labels.count(label) > 1})
        twice_confirmed = sorted({key for key in confirmed if confirmed.count(key) > 1})
        missing = sorted(set(confirmed) - set(found_keys))
        unknown = sorted(set(found_labels) - set(labels[kind]))
        report[kind] = {
            "posts_built": len(labels[kind]),
            # Sent but not confirmed: refused, failed, or still being answered when wrk stopped.
            "posts_sent": posts.get(kind, 0),
            "posts_confirmed": len(confirmed),
            "rows_found": len(found),
            # Rows whose POST was still being answered when wrk stopped.
            "rows_unconfirmed": len(set(found_keys) - set(confirmed)),
            "missing": missing,
            "duplicates": duplicates,
            "confirmed_twice": twice_confirmed,
            "unknown_labels": unknown,
        }
        ok = ok and not (missing or duplicates or twice_confirmed or unknown)
    return report, ok


def server_log_summary(path):
    """The server's 500s, each told by its path and the exception that ended its traceback."""
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    errors, current = {}, None
    for line in text.splitlines() + ["[end]"]:
        if line.startswith(("Internal Server Error", "[", "Forbidden", "Not Found", "Bad Request")):
            if current is not None:
                key = "{} → {}".format(re.sub(r"\d+", "N", current[0].split(": ", 1)[-1]), current[1])
                errors[key] = errors.get(key, 0) + 1
            current = [line, ""] if line.startswith("Internal Server Error") else None
        elif current is not None and line.strip() and not line.startswith((" ", "Traceback", "The above", "During")):
            current[1] = line.strip()
    return {
        "internal_server_errors": sum(errors.values()),
        "worker_timeouts": text.count("WORKER TIMEOUT"),
        "errors": errors,
    }


def targets(pages, mix):
    shares = {name: pages[name]["share_of_bare"] >= 0.5 for name in LIST_PAGES}
    warm = {name: pages[name]["share_of_bare"] >= 0.5 for name in WARM_PAGES}
    return {
        "list_pages_at_least_half_of_bare": all(shares.values()),
        "list_pages": shares,
        "dashboard_and_summary_at_least_half_of_bare_warm": all(warm.values()),
        "warm_pages": warm,
        "mix_at_least_150_rps": mix["requests_per_s"] >= 150,
        "mix_p95_under_250_ms": mix["p95_ms"] < 250,
        "mix_no_errors": mix["errors"] == 0,
    }


def main():
    today = timezone.localdate()
    run = secrets.token_hex(4)
    rng = random.Random(run)
    workdir = Path(tempfile.mkdtemp(prefix="unionhub-load-"))
    log_path = workdir / "gunicorn.log"
    result = {
        "database": connection.vendor,
        "run": run,
        "server": {"workers": WORKERS, "worker_class": "sync", "conn_max_age": 60, "settings": "load_settings"},
        "wrk": {
            "threads": THREADS,
            "connections": CONNECTIONS,
            "seconds_per_page": DURATION,
            "mix_seconds": MIX_DURATION,
        },
        "machine_cpus": os.cpu_count(),
        "load_average_before": [round(x, 2) for x in os.getloadavg()],
    }
    server = None
    try:
        school, year, seeded = seed(today)
        result.update({"year": year, "school": school.name, "seeded_now_s": seeded})
        result["collectstatic_s"] = collect_static()
        port = free_port()
        with open(log_path, "w") as log:
            server = start_server(port, log)
        wait_until_up(server, port)
        cookies = {role: Browser(port).login(username) for role, username in USERS.items()}
        with scopes_disabled():
            teacher_member = Member.objects.get(school=school, user__username=USERS["teacher"]).pk
        pages = page_list(year, teacher_member)
        check_pages(port, cookies, pages)
        config = workdir / "config.lua"
        write_config(config, port, cookies, pages, mix_config(pages, school, today, run, rng))
        result["pages"] = measure_pages(port, config, pages)
        result["mix"], threads = measure_mix(port, config)
        result["mix"]["weights"] = {name: weight for name, (_page, weight) in MIX.items()}
    except BaseException:
        if log_path.exists():
            sys.stderr.write(log_path.read_text(encoding="utf-8", errors="replace")[-4000:])
        raise
    finally:
        if server is not None:
            stop_server(server)
        shutil.rmtree(os.environ["LOAD_STATIC_ROOT"], ignore_errors=True)
    result["server_log"] = server_log_summary(log_path)
    shutil.rmtree(workdir, ignore_errors=True)
    result["created_records"], records_ok = verify(school, run, threads, result["mix"]["posts"])
    result["created_records_ok"] = records_ok
    result["targets"] = targets(result["pages"], result["mix"])
    result["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if not records_ok:
        sys.exit("a record the load created is missing or duplicated")


if __name__ == "__main__":
    main()
