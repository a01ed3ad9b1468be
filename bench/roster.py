"""Roster benchmark at district scale: `make bench` (``.venv/bin/python bench/roster.py``).

Seeds (once) 1 district, 100 schools, 150 members each in ~8 departments into
``bench/bench.sqlite3`` (or ``$DATABASE_URL`` when set), then measures the median server
time of:

a. the roster page ``/members/`` (50 rows) as the chair of school one;
b. Django admin's member changelist for the same school, as a superuser;
c. a bare view returning the same 50 rows as JSON (the floor: one query, no template);

and d. importing a 2,000-row roster workbook into a fresh school (wall time, tracemalloc
peak, max RSS of a child process that does only the import).

Prints one JSON object. Targets: roster ≤ 1.5× the bare view and faster than admin;
import under 10 s and 300 MB.
"""

import datetime
import io
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:///{}".format(BENCH_DIR / "bench.sqlite3"))
# Measure what production runs: no debug toolbar-ish overhead, no query log except where captured.
os.environ.setdefault("DJANGO_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.files.uploadedfile import SimpleUploadedFile  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402
from django.urls import include, path  # noqa: E402
from django.utils import translation  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402
from openpyxl import Workbook  # noqa: E402

from activities.models import Category  # noqa: E402
from disclosure.models import NoticeCategory  # noqa: E402
from members.choices import (  # noqa: E402
    Education,
    Gender,
    MemberStatus,
    PartyMembership,
    ProfessionalTitle,
)
from members.columns import ROSTER_COLUMNS  # noqa: E402
from members.importers import read_roster  # noqa: E402
from members.models import Department, Member, pinyin_keys  # noqa: E402
from members.services import import_roster  # noqa: E402
from members.validators import id_check_digit  # noqa: E402
from unionhub.models import District, School  # noqa: E402
from unionhub.roles import Role  # noqa: E402

DISTRICT_NAME = "基准测试区教育工会"
IMPORT_DISTRICT_NAME = "导入基准测试区教育工会"
SCHOOLS = 100
MEMBERS_PER_SCHOOL = 150
DEPARTMENTS = ["校长室", "教务处", "语文组", "数学组", "英语组", "理化生组", "艺体组", "后勤处"]
IMPORT_ROWS = 2000
WARMUP = 5
REPEAT = 30
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = "静丽敏燕艳娟霞芳娜慧婷雪琳洁颖玲倩莉萍红梅兰月秀英华晶伟强磊军勇杰涛斌超明刚平辉鹏飞鑫波宇浩凯健俊帆峰晨志"
CHAIR_USERNAME = "bench-chair"
ADMIN_USERNAME = "bench-admin"


def random_name(rng):
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def id_number(birth, n):
    """A valid ID card number, different for every ``n``: a school's numbers are unique."""
    first17 = "32{:04d}{:%Y%m%d}{:03d}".format(n // 1000 % 10000, birth, n % 1000)
    return first17 + id_check_digit(first17)


# Seeding -------------------------------------------------------------------------------


def seeded():
    district = District.objects.filter(name=DISTRICT_NAME).first()
    if district is None:
        return False
    schools = School.objects.filter(district=district)
    return (
        schools.count() == SCHOOLS
        and Member.objects.filter(school__in=schools).count() == SCHOOLS * MEMBERS_PER_SCHOOL
        and get_user_model().objects.filter(username__in=[CHAIR_USERNAME, ADMIN_USERNAME]).count() == 2
    )


def seed():
    rng = random.Random(2018)
    if District.objects.filter(name=DISTRICT_NAME).exists():
        wipe_district()
    district = District.objects.create(name=DISTRICT_NAME)
    School.objects.bulk_create(
        [
            School(district=district, name="基准第{:03d}学校".format(n), short_name="第{}校".format(n))
            for n in range(1, SCHOOLS + 1)
        ]
    )
    schools = list(School.objects.filter(district=district).order_by("pk"))
    Department.objects.bulk_create(
        [Department(school=s, name=name, position=i) for s in schools for i, name in enumerate(DEPARTMENTS)]
    )
    departments = {}
    for d in Department.objects.filter(school__district=district):
        departments.setdefault(d.school_id, []).append(d)
    members = []
    for s in schools:
        for n in range(MEMBERS_PER_SCHOOL):
            name = random_name(rng)
            full, initials = pinyin_keys(name)
            birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(15000))
            status = rng.choices([MemberStatus.ACTIVE, MemberStatus.RETIRED, MemberStatus.TRANSFERRED], [85, 12, 3])[0]
            members.append(
                Member(
                    school=s,
                    name=name,
                    name_pinyin=full,
                    name_initials=initials,
                    gender=rng.choice([Gender.MALE, Gender.FEMALE]),
                    birth_date=birth,
                    phone="1{}{:09d}".format(rng.choice("3456789"), rng.randrange(10**9)),
                    id_card_number=id_number(birth, n),
                    employee_number="S{:03d}-{:04d}".format(s.pk, n + 1),
                    department=rng.choice(departments[s.pk]),
                    post=rng.choice(["教师", "教师", "班主任", "教研组长"]),
                    title=rng.choice(ProfessionalTitle.values),
                    education=rng.choice(Education.values),
                    joined_school_on=birth + datetime.timedelta(days=22 * 365),
                    status=status,
                    status_changed_on=datetime.date(2020, 7, 1) if status != MemberStatus.ACTIVE else None,
                    party_membership=rng.choice(PartyMembership.values),
                )
            )
    Member.objects.bulk_create(members, batch_size=1000)
    User = get_user_model()
    User.objects.filter(username__in=[CHAIR_USERNAME, ADMIN_USERNAME]).delete()
    User.objects.create_user(username=CHAIR_USERNAME, password="bench-pass-123", school=schools[0], role=Role.CHAIR)
    User.objects.create_superuser(username=ADMIN_USERNAME, password="bench-pass-123", email="", role="")


def wipe_district():
    """Remove an outdated district; schools an older run imported into it own default
    categories, which protect them, so those go first."""
    district = District.objects.get(name=DISTRICT_NAME)
    schools = School.objects.filter(district=district)
    get_user_model().objects.filter(school__district=district).delete()
    Member.history.filter(school__in=schools).delete()
    Department.history.filter(school__in=schools).delete()
    Member.all_objects.filter(school__in=schools).delete()
    Department.objects.filter(school__in=schools).delete()
    Category.objects.filter(school__in=schools).delete()
    NoticeCategory.objects.filter(school__in=schools).delete()
    School.history.filter(district=district).delete()
    schools.delete()
    district.delete()


# Measuring pages -----------------------------------------------------------------------


def bare_roster(request):
    """The floor: the same 50 rows as the roster page, one query, straight to JSON."""
    rows = (
        Member.objects.filter(school=request.school)
        .select_related("department")
        .order_by("name_pinyin")[:50]
        .values("pk", "name", "gender", "department__name", "post", "title", "status", "phone", "employee_number")
    )
    return JsonResponse({"members": list(rows)})


# The project's URLs and the bare view, so that it is also measured through the same
# middleware (session, login, school scope, locale) as the page.
urlpatterns = [
    path("bench/bare/roster/", bare_roster),
    path("", include("unionhub.urls")),
]


def behind_middleware(urlconf, call):
    """Median wall and CPU ms and the queries of ``call``, a test client's GET of a bare
    view that ``urlconf`` (a benchmark module's name) routes beside the project's URLs."""
    with override_settings(ROOT_URLCONF=urlconf):
        wall, cpu = median_ms(call)
        return wall, cpu, queries(call)


def client_json(client, url, key, rows):
    def call():
        response = client.get(url)
        assert response.status_code == 200 and len(json.loads(response.content)[key]) == rows, url
        return response

    return call


def median_ms(call, before=None):
    """Median wall and CPU milliseconds of ``call`` (CPU time is steadier on a busy machine;
    on SQLite the queries run in this process, so it includes them). ``before`` runs, untimed,
    ahead of each call: ``cache.clear`` measures a call cold."""
    for _ in range(WARMUP):
        if before:
            before()
        call()
    wall, cpu = [], []
    for _ in range(REPEAT):
        if before:
            before()
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return round(statistics.median(wall) * 1000, 2), round(statistics.median(cpu) * 1000, 2)


def reference_loop_ms():
    """CPU milliseconds of a fixed pure-Python loop (the best of five): the machine's speed,
    so that figures measured on different machines can be compared."""
    best = None
    for _ in range(5):
        start = time.process_time()
        sum(n * n for n in range(1_000_000))
        spent = time.process_time() - start
        best = spent if best is None else min(best, spent)
    return round(best * 1000, 1)


def queries(call):
    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def client_get(client, url):
    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    return call


def measure_pages():
    with scopes_disabled():
        school = School.objects.get(district__name=DISTRICT_NAME, name="基准第001学校")
    User = get_user_model()
    chair_client = Client()
    chair_client.force_login(User.objects.get(username=CHAIR_USERNAME))
    admin_client = Client()
    admin_client.force_login(User.objects.get(username=ADMIN_USERNAME))

    roster_call = client_get(chair_client, "/members/")
    rows = roster_call().content.decode().count("<tr") - 1  # minus the header row
    admin_call = client_get(admin_client, "/admin/members/member/?school__id__exact={}".format(school.pk))

    request = RequestFactory().get("/bench/bare/")
    request.user = User.objects.get(username=CHAIR_USERNAME)
    request.school = school

    def bare_call():
        with scope(school=[school.pk]):
            response = bare_roster(request)
        assert len(json.loads(response.content)["members"]) == 50
        return response

    def htmx_call():
        response = chair_client.get("/members/", HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        return response

    figures = {}
    calls = {"roster": roster_call, "admin": admin_call, "bare": bare_call, "roster_htmx_table": htmx_call}
    for name, call in calls.items():
        figures[name + "_ms"], figures[name + "_cpu_ms"] = median_ms(call)
        figures[name + "_queries"] = queries(call)
    figures["roster_rows"] = rows
    figures["bare_client_ms"], figures["bare_client_cpu_ms"], figures["bare_client_queries"] = behind_middleware(
        __name__, client_json(chair_client, "/bench/bare/roster/", "members", 50)
    )
    for key in ("ms", "cpu_ms"):
        figures["roster_over_bare_" + key] = round(figures["roster_" + key] / figures["bare_" + key], 2)
        figures["roster_over_bare_client_" + key] = round(figures["roster_" + key] / figures["bare_client_" + key], 2)
        figures["roster_over_admin_" + key] = round(figures["roster_" + key] / figures["admin_" + key], 2)
    return figures


# Measuring the import ------------------------------------------------------------------


def roster_rows(rows):
    """The header and ``rows`` random members, as lists of cells in the template's columns."""
    rng = random.Random(7)
    with translation.override("zh-hans"):
        headers = [str(header) for _name, header in ROSTER_COLUMNS]
        gender = {Gender.MALE: str(Gender.MALE.label), Gender.FEMALE: str(Gender.FEMALE.label)}
        titles = [str(label) for label in ProfessionalTitle.labels]
        educations = [str(label) for label in Education.labels]
        parties = [str(label) for label in PartyMembership.labels]
        active = str(MemberStatus.ACTIVE.label)
    yield headers
    for n in range(rows):
        birth = datetime.date(1960, 1, 1) + datetime.timedelta(days=rng.randrange(15000))
        joined = (birth + datetime.timedelta(days=22 * 365)).isoformat()
        row = {
            "name": random_name(rng),
            "gender": gender[rng.choice([Gender.MALE, Gender.FEMALE])],
            "birth_date": birth.isoformat(),
            "ethnic_group": "汉族",
            "phone": "1{}{:09d}".format(rng.choice("3456789"), rng.randrange(10**9)),
            "id_card_number": id_number(birth, n),
            "employee_number": "I{:05d}".format(n + 1),
            "department": rng.choice(DEPARTMENTS + ["新部门甲", "新部门乙"]),
            "post": "教师",
            "title": rng.choice(titles),
            "education": rng.choice(educations),
            "joined_school_on": joined,
            "hired_on": joined if n % 10 == 0 else "",
            "status": active,
            "party_membership": rng.choice(parties),
        }
        yield [row.get(name, "") for name, _header in ROSTER_COLUMNS]


def roster_workbook(rows):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("花名册")
    for values in roster_rows(rows):
        sheet.append(values)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_school(name):
    """A school of its own for an import benchmark, kept between runs: every school owns
    default categories that protect it from deletion, so its members are emptied instead.
    Its district is apart from the roster's, whose count of schools tells it is seeded."""
    with scopes_disabled():
        district, _ = District.objects.get_or_create(name=IMPORT_DISTRICT_NAME)
        school, _ = School.objects.get_or_create(district=district, name=name)
    return school


def empty_school(school):
    """Remove the members and departments an import wrote, with their history."""
    with scopes_disabled(), transaction.atomic():
        Member.history.filter(school=school).delete()
        Department.history.filter(school=school).delete()
        Member.all_objects.filter(school=school).delete()
        Department.objects.filter(school=school).delete()


def import_once(content, trace):
    school = import_school("导入测试学校")
    empty_school(school)
    try:
        if trace:
            tracemalloc.start()
        start, start_cpu = time.perf_counter(), time.process_time()
        with scope(school=[school.pk]):
            result = read_roster(SimpleUploadedFile("roster.xlsx", content), school, IMPORT_ROWS)
            assert not result.errors, result.errors[:5]
            created, updated = import_roster(school, result)
        seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - start_cpu
        peak = tracemalloc.get_traced_memory()[1] if trace else None
        if trace:
            tracemalloc.stop()
        assert (created, updated) == (IMPORT_ROWS, 0), (created, updated)
        return seconds, cpu_seconds, peak
    finally:
        empty_school(school)


def measure_import():
    """Run in a child process, so that its max RSS is the import's and not the seeding's."""
    content = roster_workbook(IMPORT_ROWS)
    seconds, cpu_seconds, _ = import_once(content, trace=False)
    _, _, peak = import_once(content, trace=True)
    maxrss_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return {
        "import_rows": IMPORT_ROWS,
        "import_file_kb": round(len(content) / 1024, 1),
        "import_s": round(seconds, 2),
        "import_cpu_s": round(cpu_seconds, 2),
        "import_tracemalloc_peak_mb": round(peak / 2**20, 1),
        "import_maxrss_mb": round(maxrss_kb / 1024, 1),
    }


def main():
    if "--import-only" in sys.argv:
        print(json.dumps(measure_import()))
        return
    call_command("migrate", verbosity=0, interactive=False)
    with scopes_disabled():
        reseed = not seeded()
        seed_seconds = None
        if reseed:
            start = time.perf_counter()
            with transaction.atomic():
                seed()
            seed_seconds = round(time.perf_counter() - start, 1)
    figures = {
        "database": connection.vendor,
        "schools": SCHOOLS,
        "members": SCHOOLS * MEMBERS_PER_SCHOOL,
        "seeded_now_s": seed_seconds,
        "repeat": REPEAT,
    }
    figures.update(measure_pages())
    child = subprocess.run(
        [sys.executable, __file__, "--import-only"], capture_output=True, text=True, env=os.environ.copy()
    )
    if child.returncode != 0:
        sys.stderr.write(child.stderr)
        raise SystemExit("the import benchmark failed")
    figures.update(json.loads(child.stdout.strip().splitlines()[-1]))
    figures["targets_met"] = {
        "roster_within_1_5x_bare": figures["roster_over_bare_ms"] <= 1.5,
        "roster_faster_than_admin": figures["roster_ms"] < figures["admin_ms"],
        "import_under_10s": figures["import_s"] < 10,
        "import_under_300mb": figures["import_maxrss_mb"] < 300 and figures["import_tracemalloc_peak_mb"] < 300,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
