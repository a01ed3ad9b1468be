"""Activities benchmark at district scale: `make bench` (``.venv/bin/python bench/activities.py``).

Seeds (once) a district-scale year into ``bench/bench.sqlite3`` (or ``$DATABASE_URL`` when
set), in a district of its own beside the roster benchmark's: 100 schools, and per school
150 members, 300 activities with 5,000 participations (and a photo on one in ten),
400 visits with two visitors each, and 150 pairs of the 168 care action with 12 monthly
logs each (the last school year that is over). Then measures, as the chair of school one,
the median server time (Django's test client, DEBUG off, warm-up then repeats) and the
query count of:

a. the activity log ``activities:activity_list`` (25 rows a page);
b. the 168 grid ``activities:care_grid`` for that school year (150 teachers on one page);
c. the welfare list ``activities:visit_list`` (50 visits a page, with totals);

and of a bare JSON view of the same rows for each (the floor: one query, no template).

Prints one JSON object. Targets: each page within 2× its bare view; the 168 grid under
200 ms.
"""

import datetime
import json
import os
import random
import re
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
# The project first: this file's own name would otherwise hide the ``activities`` app.
# (bench/ itself stays on the path, after it, for ``roster``.)
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:///{}".format(BENCH_DIR / "bench.sqlite3"))
os.environ.setdefault("DJANGO_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, IntegerField, OuterRef, Subquery  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402
from roster import DEPARTMENTS, REPEAT, behind_middleware, client_json, median_ms, queries, random_name  # noqa: E402

from activities.choices import FundingSource, VisitReason  # noqa: E402
from activities.models import (  # noqa: E402
    DEFAULT_CATEGORIES,
    Activity,
    ActivityPhoto,
    Campaign,
    CareLog,
    CarePair,
    Category,
    Visit,
    school_year_months,
)
from members.choices import Gender, MemberStatus, ProfessionalTitle  # noqa: E402
from members.models import Department, Member, pinyin_keys  # noqa: E402
from unionhub.models import District, School  # noqa: E402
from unionhub.roles import Role  # noqa: E402

DISTRICT_NAME = "活动基准测试区教育工会"
SCHOOLS = 100
MEMBERS_PER_SCHOOL = 150
ACTIVITIES_PER_SCHOOL = 300
PARTICIPATIONS_PER_SCHOOL = 5000
PHOTO_EVERY = 10
VISITS_PER_SCHOOL = 400
VISITORS_PER_VISIT = 2
PAIRS_PER_SCHOOL = 150
CHAIR_USERNAME = "bench-activities-chair"
BATCH = 5000
TITLES = [
    "师德建设月启动仪式",
    "师德专题讲座",
    "教职工拔河比赛",
    "青年教师基本功比赛",
    "三八节女教师座谈会",
    "退休教师重阳座谈会",
    "教职工健康体检",
    "教代会提案征集座谈会",
    "乒乓球赛",
    "工会委员会例会",
]
LOCATIONS = ["学校报告厅", "会议室", "学校操场", "多功能球馆", "工会办公室", ""]


def care_school_year(today):
    """The last school year that is over: all twelve of its months can be logged."""
    return (today.year if today.month >= 9 else today.year - 1) - 1


# Seeding -------------------------------------------------------------------------------


def district_schools():
    return School.objects.filter(district__name=DISTRICT_NAME)


def seeded(today):
    if not District.objects.filter(name=DISTRICT_NAME).exists():
        return False
    schools = district_schools()
    return (
        schools.count() == SCHOOLS
        and Member.all_objects.filter(school__in=schools).count() == SCHOOLS * MEMBERS_PER_SCHOOL
        and Activity.all_objects.filter(school__in=schools).count() == SCHOOLS * ACTIVITIES_PER_SCHOOL
        and Activity.participants.through.objects.filter(activity__school__in=schools).count()
        == SCHOOLS * PARTICIPATIONS_PER_SCHOOL
        and Visit.all_objects.filter(school__in=schools).count() == SCHOOLS * VISITS_PER_SCHOOL
        and CarePair.all_objects.filter(school__in=schools, school_year=care_school_year(today)).count()
        == SCHOOLS * PAIRS_PER_SCHOOL
        and CareLog.objects.filter(pair__school__in=schools).count() == SCHOOLS * PAIRS_PER_SCHOOL * 12
        and get_user_model().objects.filter(username=CHAIR_USERNAME, school__district__name=DISTRICT_NAME).exists()
    )


def wipe():
    """Remove a half-seeded or outdated district, fast (raw deletes, children first)."""
    schools = district_schools()
    steps = [
        Activity.participants.through.objects.filter(activity__school__in=schools),
        Visit.visitors.through.objects.filter(visit__school__in=schools),
        ActivityPhoto.objects.filter(activity__school__in=schools),
        CareLog.objects.filter(pair__school__in=schools),
        CarePair.all_objects.filter(school__in=schools),
        Visit.all_objects.filter(school__in=schools),
        Activity.all_objects.filter(school__in=schools),
        Campaign.all_objects.filter(school__in=schools),
        Category.objects.filter(school__in=schools),
        get_user_model().objects.filter(school__in=schools),
        Member.all_objects.filter(school__in=schools),
        Department.objects.filter(school__in=schools),
    ]
    for queryset in steps:
        # No signal or cascade to honour here: every child is deleted before its parent.
        queryset._raw_delete(queryset.db)
    School.objects.filter(district__name=DISTRICT_NAME)._raw_delete(connection.alias)
    District.objects.filter(name=DISTRICT_NAME)._raw_delete(connection.alias)


def progress(message, started):
    print("  {:6.1f}s  {}".format(time.perf_counter() - started, message), file=sys.stderr, flush=True)


def seed(today):
    rng = random.Random(2018)
    started = time.perf_counter()
    wipe()
    district = District.objects.create(name=DISTRICT_NAME)
    School.objects.bulk_create(
        [
            School(district=district, name="活动基准第{:03d}学校".format(n), short_name="第{}校".format(n))
            for n in range(1, SCHOOLS + 1)
        ]
    )
    schools = list(district_schools().order_by("pk"))
    Department.objects.bulk_create(
        [Department(school=s, name=name, position=i) for s in schools for i, name in enumerate(DEPARTMENTS)]
    )
    Category.objects.bulk_create(
        [
            Category(school=s, name=name, section=section, position=i)
            for s in schools
            for i, (name, section) in enumerate(DEFAULT_CATEGORIES, start=1)
        ]
    )
    departments, categories = {}, {}
    for d in Department.objects.filter(school__in=schools):
        departments.setdefault(d.school_id, []).append(d)
    for c in Category.objects.filter(school__in=schools):
        categories.setdefault(c.school_id, []).append(c)
    members = []
    for s in schools:
        for n in range(MEMBERS_PER_SCHOOL):
            name = random_name(rng)
            full, initials = pinyin_keys(name)
            members.append(
                Member(
                    school=s,
                    name=name,
                    name_pinyin=full,
                    name_initials=initials,
                    gender=rng.choice([Gender.MALE, Gender.FEMALE]),
                    birth_date=datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(13000)),
                    employee_number="A{:03d}-{:04d}".format(s.pk, n + 1),
                    department=rng.choice(departments[s.pk]),
                    post="教师",
                    title=rng.choice(ProfessionalTitle.values),
                    status=MemberStatus.ACTIVE,
                )
            )
    Member.objects.bulk_create(members, batch_size=BATCH)
    by_school = {}
    for pk, school_id in Member.all_objects.filter(school__in=schools).order_by("pk").values_list("pk", "school_id"):
        by_school.setdefault(school_id, []).append(pk)
    progress("{} schools, {} members".format(len(schools), len(members)), started)

    campaigns = Campaign.objects.bulk_create(
        [
            Campaign(
                school=s,
                title=title,
                number=number,
                category=categories[s.pk][0],
                launched_on=today - datetime.timedelta(days=days),
            )
            for s in schools
            for title, number, days in (("师德建设月", 18, 80), ("个十百千万行动", None, 200), ("教学月", None, 20))
        ]
    )
    campaigns_by_school = {}
    for campaign in campaigns:
        campaigns_by_school.setdefault(campaign.school_id, []).append(campaign)

    activities = []
    for s in schools:
        for n in range(ACTIVITIES_PER_SCHOOL):
            day = today - datetime.timedelta(days=rng.randrange(365))
            activities.append(
                Activity(
                    school=s,
                    title="{}（{}）".format(rng.choice(TITLES), n + 1),
                    category=rng.choice(categories[s.pk]),
                    campaign=rng.choice(campaigns_by_school[s.pk]) if rng.random() < 0.2 else None,
                    starts_on=day,
                    ends_on=day + datetime.timedelta(days=1) if rng.random() < 0.05 else None,
                    location=rng.choice(LOCATIONS),
                    organiser="校工会",
                    description="活动说明。",
                    outside_participants=rng.choice([0, 0, 0, 0, 1, 3, 15]),
                )
            )
    activities = Activity.objects.bulk_create(activities, batch_size=BATCH)
    progress("{} activities".format(len(activities)), started)

    Participation = Activity.participants.through
    activities_by_school = {}
    for activity in activities:
        activities_by_school.setdefault(activity.school_id, []).append(activity)
    rows, photos = [], []
    for s in schools:
        own = activities_by_school[s.pk]
        for size, activity in zip(participation_sizes(rng), own, strict=True):
            rows += [Participation(activity_id=activity.pk, member_id=m) for m in rng.sample(by_school[s.pk], size)]
        photos += [
            ActivityPhoto(activity=a, image="bench/photo.jpg", thumbnail="bench/thumb.jpg", caption="现场照片")
            for a in own[::PHOTO_EVERY]
        ]
    Participation.objects.bulk_create(rows, batch_size=BATCH)
    ActivityPhoto.objects.bulk_create(photos, batch_size=BATCH)
    progress("{} participations, {} photos".format(len(rows), len(photos)), started)

    reasons = [r for r in VisitReason.values if r != VisitReason.OTHER]
    visits = []
    for s in schools:
        for _ in range(VISITS_PER_SCHOOL):
            visits.append(
                Visit(
                    school=s,
                    member_id=rng.choice(by_school[s.pk]),
                    reason=rng.choice(reasons),
                    reason_detail="住院慰问" if rng.random() < 0.3 else "",
                    visited_on=today - datetime.timedelta(days=rng.randrange(365)),
                    gifts="水果、慰问金",
                    amount=rng.choice([300, 500, 800, 1000, 2000]),
                    funding_source=rng.choice(FundingSource.values),
                )
            )
    visits = Visit.objects.bulk_create(visits, batch_size=BATCH)
    Visitor = Visit.visitors.through
    Visitor.objects.bulk_create(
        [
            Visitor(visit_id=v.pk, member_id=m)
            for v in visits
            for m in rng.sample([pk for pk in by_school[v.school_id][:12] if pk != v.member_id], VISITORS_PER_VISIT)
        ],
        batch_size=BATCH,
    )
    progress("{} visits".format(len(visits)), started)

    year = care_school_year(today)
    pairs = CarePair.objects.bulk_create(
        [
            CarePair(
                school=s,
                teacher_id=teacher,
                student_name=random_name(rng),
                student_class="初{}（{}）班".format(rng.choice("一二三"), rng.randint(1, 10)),
                reason="学习困难",
                school_year=year,
            )
            for s in schools
            for teacher in by_school[s.pk][:PAIRS_PER_SCHOOL]
        ],
        batch_size=BATCH,
    )
    months = school_year_months(year)
    CareLog.objects.bulk_create(
        [
            CareLog(pair=p, month=m, talks=rng.randint(3, 9), tutoring=rng.randint(5, 12), notes="谈心、辅导")
            for p in pairs
            for m in months
        ],
        batch_size=BATCH,
    )
    progress("{} 168 pairs, {} logs".format(len(pairs), len(pairs) * len(months)), started)

    User = get_user_model()
    User.objects.filter(username=CHAIR_USERNAME).delete()
    User.objects.create_user(username=CHAIR_USERNAME, password="bench-pass-123", school=schools[0], role=Role.CHAIR)


def participation_sizes(rng):
    """How many members take part in each of a school's activities: a few whole-staff
    events, the rest small groups; exactly ``PARTICIPATIONS_PER_SCHOOL`` in all."""
    sizes = [rng.randint(110, 150) if rng.random() < 0.08 else rng.randint(2, 20) for _ in range(ACTIVITIES_PER_SCHOOL)]
    while sum(sizes) != PARTICIPATIONS_PER_SCHOOL:
        i = rng.randrange(ACTIVITIES_PER_SCHOOL)
        step = 1 if sum(sizes) < PARTICIPATIONS_PER_SCHOOL else -1
        sizes[i] = min(MEMBERS_PER_SCHOOL, max(1, sizes[i] + step))
    return sizes


# Bare views: the same rows as each page, in one query, straight to JSON ------------------


def _counted(model, **outer):
    counted = model.objects.filter(**outer).order_by().values(*outer).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def bare_activities(request):
    """The activity log's first page: 25 activities with category, campaign, location, the
    participant and photo counts and the first photo."""
    Participation = Activity.participants.through
    first_photo = ActivityPhoto.objects.filter(activity=OuterRef("pk")).order_by("uploaded_at", "pk").values("pk")[:1]
    rows = (
        Activity.objects.filter(school=request.school)
        .order_by("-starts_on", "-pk")
        .annotate(
            participant_count=_counted(Participation, activity=OuterRef("pk")),
            photo_count=_counted(ActivityPhoto, activity=OuterRef("pk")),
            first_photo_id=Subquery(first_photo),
        )
        .values(
            "pk",
            "title",
            "starts_on",
            "ends_on",
            "category__name",
            "campaign__title",
            "campaign__number",
            "location",
            "outside_participants",
            "participant_count",
            "photo_count",
            "first_photo_id",
        )[:25]
    )
    return JsonResponse({"activities": list(rows)})


def bare_care_grid(request, year):
    """The 168 grid: every pair of the school year with its teacher, student and the
    talks and tutoring of each logged month (pairs and logs joined in one query)."""
    rows = (
        CarePair.objects.filter(school=request.school, school_year=year)
        .order_by("teacher__name_pinyin", "pk", "logs__month")
        .values(
            "pk",
            "teacher__name",
            "student_name",
            "student_class",
            "logs__month",
            "logs__talks",
            "logs__tutoring",
        )
    )
    pairs = {}
    for row in rows:
        pair = pairs.setdefault(
            row["pk"],
            {
                "teacher": row["teacher__name"],
                "student": row["student_name"],
                "class": row["student_class"],
                "months": {},
            },
        )
        if row["logs__month"]:
            pair["months"][row["logs__month"].isoformat()] = (row["logs__talks"], row["logs__tutoring"])
    return JsonResponse({"pairs": list(pairs.values())})


def bare_visits(request):
    """The welfare list's first page: 50 visits with member, reason, visitors, gifts,
    amount and funding source (visitors joined to a page of visit ids, one query)."""
    page = Visit.objects.filter(school=request.school).order_by("-visited_on", "-pk").values("pk")[:50]
    rows = (
        Visit.objects.filter(pk__in=Subquery(page))
        .order_by("-visited_on", "-pk", "visitors__name_pinyin")
        .values(
            "pk",
            "visited_on",
            "member__name",
            "relative",
            "reason",
            "reason_detail",
            "gifts",
            "amount",
            "funding_source",
            "visitors__name",
        )
    )
    visits = {}
    for row in rows:
        visitor = row.pop("visitors__name")
        visit = visits.setdefault(row["pk"], dict(row, visitors=[]))
        if visitor:
            visit["visitors"].append(visitor)
    return JsonResponse({"visits": list(visits.values())})


# The project's URLs and the bare views, so that they can also be measured through the same
# middleware (session, login, school scope, locale) as the pages.
urlpatterns = [
    path("bench/bare/activities/", bare_activities),
    path("bench/bare/care/<int:year>/", bare_care_grid),
    path("bench/bare/visits/", bare_visits),
    path("", include("unionhub.urls")),
]


# Measuring -----------------------------------------------------------------------------


def page_call(client, url, marker, rows):
    """``call`` GETs ``url``; checked once to show ``rows`` records, told apart by ``marker``
    (a regular expression whose group is a record's id: a record may appear twice, as a
    table row and as a phone card)."""

    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    found = len(set(re.findall(marker, call().content.decode())))
    assert found == rows, (url, marker, found, rows)
    return call


def bare_call(view, school, user, key, rows, *args):
    request = RequestFactory().get("/bench/bare/")
    request.user = user
    request.school = school

    def call():
        with scope(school=[school.pk]):
            response = view(request, *args)
        assert len(json.loads(response.content)[key]) == rows
        return response

    return call


def measure(today):
    with scopes_disabled():
        school = district_schools().get(name="活动基准第001学校")
    user = get_user_model().objects.get(username=CHAIR_USERNAME)
    client = Client()
    client.force_login(user)
    year = care_school_year(today)
    pages = {
        "activity_log": (
            page_call(client, reverse("activities:activity_list"), r'data-activity="(\d+)"', 25),
            bare_call(bare_activities, school, user, "activities", 25),
        ),
        "care_grid": (
            page_call(
                client,
                "{}?year={}".format(reverse("activities:care_grid"), year),
                r'id="care-row-(\d+)"',
                PAIRS_PER_SCHOOL,
            ),
            bare_call(bare_care_grid, school, user, "pairs", PAIRS_PER_SCHOOL, year),
        ),
        "welfare_list": (
            page_call(client, reverse("activities:visit_list"), r'data-visit="(\d+)"', 50),
            bare_call(bare_visits, school, user, "visits", 50),
        ),
    }
    through_client = {
        "activity_log": client_json(client, "/bench/bare/activities/", "activities", 25),
        "care_grid": client_json(client, "/bench/bare/care/{}/".format(year), "pairs", PAIRS_PER_SCHOOL),
        "welfare_list": client_json(client, "/bench/bare/visits/", "visits", 50),
    }
    figures = {}
    for name, (page, bare) in pages.items():
        figures[name + "_ms"], figures[name + "_cpu_ms"] = median_ms(page)
        figures[name + "_queries"] = queries(page)
        figures[name + "_bare_ms"], figures[name + "_bare_cpu_ms"] = median_ms(bare)
        figures[name + "_bare_queries"] = queries(bare)
        figures[name + "_over_bare_ms"] = round(figures[name + "_ms"] / figures[name + "_bare_ms"], 2)
        figures[name + "_over_bare_cpu_ms"] = round(figures[name + "_cpu_ms"] / figures[name + "_bare_cpu_ms"], 2)
        # The bare view behind the same middleware as the page: what the HTML alone costs.
        wall, cpu, count = behind_middleware(__name__, through_client[name])
        figures[name + "_bare_client_ms"], figures[name + "_bare_client_cpu_ms"] = wall, cpu
        figures[name + "_bare_client_queries"] = count
        figures[name + "_over_bare_client_cpu_ms"] = round(figures[name + "_cpu_ms"] / cpu, 2)
    return figures


def analyze():
    """Give the query planner statistics, as a database in use has: right after a bulk load
    PostgreSQL believes the tables nearly empty and picks plans that scan every member."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def main():
    call_command("migrate", verbosity=0, interactive=False)
    today = timezone.localdate()
    seed_seconds = None
    with scopes_disabled():
        if not seeded(today):
            print("Seeding the activities benchmark (a few minutes)…", file=sys.stderr, flush=True)
            start = time.perf_counter()
            with transaction.atomic():
                seed(today)
            seed_seconds = round(time.perf_counter() - start, 1)
    start = time.perf_counter()
    analyze()
    analyze_seconds = round(time.perf_counter() - start, 1)
    figures = {
        "database": connection.vendor,
        "schools": SCHOOLS,
        "per_school": {
            "members": MEMBERS_PER_SCHOOL,
            "activities": ACTIVITIES_PER_SCHOOL,
            "participations": PARTICIPATIONS_PER_SCHOOL,
            "visits": VISITS_PER_SCHOOL,
            "care_pairs": PAIRS_PER_SCHOOL,
            "care_logs": PAIRS_PER_SCHOOL * 12,
        },
        "care_school_year": care_school_year(today),
        "seeded_now_s": seed_seconds,
        "analyze_s": analyze_seconds,
        "repeat": REPEAT,
    }
    figures.update(measure(today))
    figures["targets_met"] = {
        "activity_log_within_2x_bare": figures["activity_log_over_bare_ms"] <= 2,
        "care_grid_within_2x_bare": figures["care_grid_over_bare_ms"] <= 2,
        "welfare_list_within_2x_bare": figures["welfare_list_over_bare_ms"] <= 2,
        "care_grid_under_200ms": figures["care_grid_ms"] < 200,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
