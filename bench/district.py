"""District view benchmark: `.venv/bin/python bench/district.py`.

Seeds (once) a district of its own into ``bench/bench.sqlite3`` (or ``$DATABASE_URL`` when
set): 100 schools, each with a year of records (last calendar year): 80 members, 200
activities with 2,000 participations, 100 visits, a holiday greeting to every member, a
pledge drive binding every member, 30 pairs of the 168 care action with 12 monthly logs,
2 congress sessions and 20 disclosure notices. Then measures, as the district user, the
median server time (Django's test client, DEBUG off, warm-up then repeats) and the query
count of:

a. the district view ``reports:district`` for that year (100 schools side by side);
b. its export ``reports:district_export`` (.xlsx);
c. the district view with 10 schools, to show the query count does not grow with schools.

Prints one JSON object. Target: the district view under 500 ms, a fixed number of queries.
"""

import datetime
import json
import os
import random
import sys
import time
from decimal import Decimal
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
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402
from roster import DEPARTMENTS, REPEAT, client_get, median_ms, queries, random_name  # noqa: E402

from activities.choices import Audience, Festival, FundingSource, VisitReason  # noqa: E402
from activities.models import (  # noqa: E402
    Activity,
    CareLog,
    CarePair,
    Category,
    GreetingBatch,
    GreetingRecipient,
    PledgeDrive,
    PledgeSignature,
    Visit,
)
from congress.models import CongressTerm, Session  # noqa: E402
from disclosure.choices import NoticeStatus  # noqa: E402
from disclosure.models import Notice, NoticeCategory  # noqa: E402
from members.choices import Gender, MemberStatus  # noqa: E402
from members.models import Department, Member, pinyin_keys  # noqa: E402
from unionhub.models import District, School  # noqa: E402
from unionhub.roles import Role  # noqa: E402

DISTRICT_NAME = "区级视图基准测试区教育工会"
SMALL_DISTRICT_NAME = "区级视图基准测试小区教育工会"
SCHOOLS = 100
SMALL_SCHOOLS = 10
MEMBERS_PER_SCHOOL = 80
ACTIVITIES_PER_SCHOOL = 200
PARTICIPATIONS_PER_ACTIVITY = 10
VISITS_PER_SCHOOL = 100
PAIRS_PER_SCHOOL = 30
SESSIONS_PER_SCHOOL = 2
NOTICES_PER_SCHOOL = 20
USERNAME = "bench-district"
SMALL_USERNAME = "bench-district-small"
BATCH = 5000


def bench_year(today):
    """The last calendar year: every day of it is in the past."""
    return today.year - 1


# Seeding -------------------------------------------------------------------------------


def seeded(name, count, year):
    schools = School.objects.filter(district__name=name)
    return (
        schools.count() == count
        and Activity.all_objects.filter(school__in=schools, starts_on__year=year).count()
        == count * ACTIVITIES_PER_SCHOOL
        and CareLog.objects.filter(pair__school__in=schools).count() == count * PAIRS_PER_SCHOOL * 12
        and Notice.all_objects.filter(school__in=schools).count() == count * NOTICES_PER_SCHOOL
    )


def wipe(name):
    """Remove a half-seeded or outdated district, children first (raw deletes, no signals)."""
    schools = School.objects.filter(district__name=name)
    steps = [
        Notice.all_objects.filter(school__in=schools),
        NoticeCategory.objects.filter(school__in=schools),
        Session.all_objects.filter(school__in=schools),
        CongressTerm.all_objects.filter(school__in=schools),
        CareLog.objects.filter(pair__school__in=schools),
        CarePair.all_objects.filter(school__in=schools),
        PledgeSignature.objects.filter(drive__school__in=schools),
        PledgeDrive.all_objects.filter(school__in=schools),
        GreetingRecipient.objects.filter(batch__school__in=schools),
        GreetingBatch.all_objects.filter(school__in=schools),
        Visit.all_objects.filter(school__in=schools),
        Activity.participants.through.objects.filter(activity__school__in=schools),
        Activity.all_objects.filter(school__in=schools),
        Category.objects.filter(school__in=schools),
        get_user_model().objects.filter(district__name=name),
        Member.all_objects.filter(school__in=schools),
        Department.objects.filter(school__in=schools),
    ]
    for queryset in steps:
        queryset._raw_delete(queryset.db)
    School.objects.filter(district__name=name)._raw_delete(connection.alias)
    District.objects.filter(name=name)._raw_delete(connection.alias)


def seed(name, count, username, year, rng):
    started = time.perf_counter()
    wipe(name)
    district = District.objects.create(name=name)
    # One by one, so each school gets its default categories (post_save signals).
    schools = [
        School.objects.create(district=district, name="{}第{:03d}学校".format(name[:2], n)) for n in range(count)
    ]
    Department.objects.bulk_create(
        [Department(school=s, name=dept, position=i) for s in schools for i, dept in enumerate(DEPARTMENTS)]
    )
    departments = {}
    for d in Department.objects.filter(school__in=schools):
        departments.setdefault(d.school_id, []).append(d)
    members = []
    for s in schools:
        for n in range(MEMBERS_PER_SCHOOL):
            member_name = random_name(rng)
            full, initials = pinyin_keys(member_name)
            members.append(
                Member(
                    school=s,
                    name=member_name,
                    name_pinyin=full,
                    name_initials=initials,
                    gender=rng.choice([Gender.MALE, Gender.FEMALE]),
                    birth_date=datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(13000)),
                    employee_number="D{:03d}-{:04d}".format(s.pk, n + 1),
                    department=rng.choice(departments[s.pk]),
                    status=rng.choices([MemberStatus.ACTIVE, MemberStatus.RETIRED], [90, 10])[0],
                )
            )
    Member.objects.bulk_create(members, batch_size=BATCH)
    by_school = {}
    for pk, school_id in Member.all_objects.filter(school__in=schools).order_by("pk").values_list("pk", "school_id"):
        by_school.setdefault(school_id, []).append(pk)
    categories = {}
    for c in Category.objects.filter(school__in=schools):
        categories.setdefault(c.school_id, []).append(c)
    notice_categories = {}
    for c in NoticeCategory.objects.filter(school__in=schools):
        notice_categories.setdefault(c.school_id, []).append(c)

    def day():
        return datetime.date(year, 1, 1) + datetime.timedelta(days=rng.randrange(365))

    activities = Activity.objects.bulk_create(
        [
            Activity(
                school=s,
                title="教工活动{}".format(n + 1),
                category=rng.choice(categories[s.pk]),
                starts_on=day(),
                organiser="校工会",
            )
            for s in schools
            for n in range(ACTIVITIES_PER_SCHOOL)
        ],
        batch_size=BATCH,
    )
    Participation = Activity.participants.through
    Participation.objects.bulk_create(
        [
            Participation(activity_id=a.pk, member_id=m)
            for a in activities
            for m in rng.sample(by_school[a.school_id], PARTICIPATIONS_PER_ACTIVITY)
        ],
        batch_size=BATCH,
    )
    Visit.objects.bulk_create(
        [
            Visit(
                school=s,
                member_id=rng.choice(by_school[s.pk]),
                reason=rng.choice(VisitReason.values),
                visited_on=day(),
                amount=Decimal(rng.choice([300, 500, 800, 1000])),
                funding_source=rng.choice(FundingSource.values),
            )
            for s in schools
            for _ in range(VISITS_PER_SCHOOL)
        ],
        batch_size=BATCH,
    )
    batches = GreetingBatch.objects.bulk_create(
        [
            GreetingBatch(
                school=s,
                festival=Festival.MID_AUTUMN,
                year=year,
                given_on=datetime.date(year, 9, 20),
                audience=Audience.EVERYONE,
                amount_each=Decimal("300.00"),
            )
            for s in schools
        ]
    )
    GreetingRecipient.objects.bulk_create(
        [
            GreetingRecipient(batch=b, member_id=m, amount=Decimal("300.00"))
            for b in batches
            for m in by_school[b.school_id]
        ],
        batch_size=BATCH,
    )
    drives = PledgeDrive.objects.bulk_create(
        [
            PledgeDrive(school=s, title="拒绝有偿补课公开承诺", year=year, opened_on=datetime.date(year, 9, 10))
            for s in schools
        ]
    )
    PledgeSignature.objects.bulk_create(
        [
            PledgeSignature(drive=d, member_id=m, signed_on=datetime.date(year, 9, 12) if rng.random() < 0.9 else None)
            for d in drives
            for m in by_school[d.school_id]
        ],
        batch_size=BATCH,
    )
    pairs = CarePair.objects.bulk_create(
        [
            CarePair(
                school=s,
                teacher_id=teacher,
                student_name=random_name(rng),
                student_class="初二（3）班",
                reason="学习困难",
                school_year=year - 1 + (n % 2),
            )
            for s in schools
            for n, teacher in enumerate(by_school[s.pk][:PAIRS_PER_SCHOOL])
        ],
        batch_size=BATCH,
    )
    CareLog.objects.bulk_create(
        [
            CareLog(pair=p, month=datetime.date(year, month, 1), talks=rng.randint(3, 9), tutoring=rng.randint(5, 12))
            for p in pairs
            for month in range(1, 13)
        ],
        batch_size=BATCH,
    )
    terms = CongressTerm.objects.bulk_create([CongressTerm(school=s, number=4, start_year=year - 2) for s in schools])
    Session.objects.bulk_create(
        [
            Session(school_id=t.school_id, term=t, number=n + 1, held_on=datetime.date(year, 3 + 6 * n, 14))
            for t in terms
            for n in range(SESSIONS_PER_SCHOOL)
        ]
    )
    published = timezone.make_aware(datetime.datetime(year, 6, 1, 9))
    Notice.objects.bulk_create(
        [
            Notice(
                school=s,
                title="公示{}".format(n + 1),
                category=rng.choice(notice_categories[s.pk]),
                body="公示内容",
                starts_on=datetime.date(year, 6, 1),
                working_days=5,
                ends_on=datetime.date(year, 6, 8),
                status=NoticeStatus.CLOSED,
                published_at=published,
            )
            for s in schools
            for n in range(NOTICES_PER_SCHOOL)
        ],
        batch_size=BATCH,
    )
    User = get_user_model()
    User.objects.filter(username=username).delete()
    User.objects.create_user(username=username, password="bench-pass-123", district=district, role=Role.DISTRICT)
    print("  {:6.1f}s  seeded {} ({} schools)".format(time.perf_counter() - started, name, count), file=sys.stderr)


# Measuring ------------------------------------------------------------------------------


def measure(username, year):
    client = Client()
    client.force_login(get_user_model().objects.get(username=username))
    page = client_get(client, reverse("reports:district", kwargs={"year": year}) + "?sort=-welfare")
    export = client_get(client, reverse("reports:district_export", kwargs={"year": year}))
    wall, cpu = median_ms(page)
    export_wall, export_cpu = median_ms(export)
    return {
        "schools": page().content.decode().count("data-school="),
        "page_ms": wall,
        "page_cpu_ms": cpu,
        "page_queries": queries(page),
        "xlsx_ms": export_wall,
        "xlsx_cpu_ms": export_cpu,
        "xlsx_queries": queries(export),
    }


def main():
    call_command("migrate", verbosity=0)
    today = timezone.localdate()
    year = bench_year(today)
    rng = random.Random(2018)
    with scopes_disabled():
        for name, count, username in (
            (DISTRICT_NAME, SCHOOLS, USERNAME),
            (SMALL_DISTRICT_NAME, SMALL_SCHOOLS, SMALL_USERNAME),
        ):
            if not seeded(name, count, year):
                with transaction.atomic():
                    seed(name, count, username, year, rng)
    # Fresh bulk loads leave PostgreSQL without statistics (autovacuum gets there later).
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    result = {
        "database": connection.vendor,
        "year": year,
        "repeat": REPEAT,
        "district": measure(USERNAME, year),
        "small_district": measure(SMALL_USERNAME, year),
        "target_ms": 500,
    }
    result["within_target"] = result["district"]["page_ms"] < result["target_ms"]
    result["fixed_queries"] = result["district"]["page_queries"] == result["small_district"]["page_queries"]
    print(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
