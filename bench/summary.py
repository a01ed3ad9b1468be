"""Annual summary benchmark: `make bench` (``.venv/bin/python bench/summary.py``).

Seeds (once, in one transaction) a school with a busy school year into
``bench/bench.sqlite3`` (or ``$DATABASE_URL`` when set), in a district of its own beside
the other benchmarks': 150 members, 3 campaigns, 1,000 activities with 20,000
participations, 1,000 visits, 6 holiday greetings to every member, 120 awards,
12 promotions, 30 mentor pairs, and 150 pairs of the 168 care action with 12 monthly logs
each. Then measures ``reports.assembly.assemble`` for that school year (and the calendar
year it ends in): cold (nothing cached: computed from the records) and warm (from the figures
cache), the median time over ``REPEAT`` runs and the number of queries, with the query count
of a school with a single activity beside it (they must be equal).

Prints one JSON object. Targets: a cold assembly under 100 ms of CPU, a fixed number of
queries, none when warm.
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

from django.core.cache import cache  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402
from roster import REPEAT, median_ms, queries, random_name, reference_loop_ms  # noqa: E402

from activities.choices import AwardKind, AwardLevel, Festival, FundingSource, VisitReason  # noqa: E402
from activities.models import (  # noqa: E402
    DEFAULT_CATEGORIES,
    Activity,
    Award,
    Campaign,
    CareLog,
    CarePair,
    Category,
    GreetingBatch,
    GreetingRecipient,
    MentorPair,
    Promotion,
    Visit,
    school_year_months,
)
from members.choices import Gender, MemberStatus, ProfessionalTitle  # noqa: E402
from members.models import Department, Member, pinyin_keys  # noqa: E402
from reports.assembly import assemble  # noqa: E402
from reports.periods import Period  # noqa: E402
from unionhub.models import District, School  # noqa: E402

DISTRICT_NAME = "总结基准测试区教育工会"
MEMBERS = 150
ACTIVITIES = 1000
PARTICIPATIONS = 20000
VISITS = 1000
PAIRS = 150
AWARDS = 120
PROMOTIONS = 12
MENTOR_PAIRS = 30
FESTIVALS = [
    Festival.NEW_YEAR,
    Festival.SPRING,
    Festival.WOMENS_DAY,
    Festival.DRAGON_BOAT,
    Festival.MID_AUTUMN,
    Festival.TEACHERS_DAY,
]
BATCH = 5000
TITLES = [
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


def busy_school_year(today):
    """The last school year that is over, so that every one of its days can hold records."""
    return (today.year if today.month >= 9 else today.year - 1) - 1


def school_year_days(year):
    start = datetime.date(year, 9, 1)
    return [start + datetime.timedelta(days=n) for n in range((datetime.date(year + 1, 9, 1) - start).days)]


# Seeding -------------------------------------------------------------------------------


def schools():
    return School.objects.filter(district__name=DISTRICT_NAME).order_by("pk")


def seeded(year):
    found = list(schools())
    if len(found) != 2:
        return False
    busy = found[0]
    return (
        Activity.all_objects.filter(school=busy).count() == ACTIVITIES
        and Activity.participants.through.objects.filter(activity__school=busy).count() == PARTICIPATIONS
        and Visit.all_objects.filter(school=busy).count() == VISITS
        and CarePair.all_objects.filter(school=busy, school_year=year).count() == PAIRS
        and CareLog.objects.filter(pair__school=busy).count() == PAIRS * 12
    )


def wipe():
    """Remove a half-seeded or outdated district, fast (raw deletes, children first)."""
    found = schools()
    steps = [
        Activity.participants.through.objects.filter(activity__school__in=found),
        Award.members.through.objects.filter(award__school__in=found),
        GreetingRecipient.objects.filter(batch__school__in=found),
        GreetingBatch.all_objects.filter(school__in=found),
        CareLog.objects.filter(pair__school__in=found),
        CarePair.all_objects.filter(school__in=found),
        MentorPair.all_objects.filter(school__in=found),
        Promotion.all_objects.filter(school__in=found),
        Award.all_objects.filter(school__in=found),
        Visit.all_objects.filter(school__in=found),
        Activity.all_objects.filter(school__in=found),
        Campaign.all_objects.filter(school__in=found),
        Category.objects.filter(school__in=found),
        Member.all_objects.filter(school__in=found),
        Department.objects.filter(school__in=found),
    ]
    for queryset in steps:
        # No signal or cascade to honour here: every child is deleted before its parent.
        queryset._raw_delete(queryset.db)
    School.objects.filter(district__name=DISTRICT_NAME)._raw_delete(connection.alias)
    District.objects.filter(name=DISTRICT_NAME)._raw_delete(connection.alias)


def seed(year):
    rng = random.Random(2018)
    wipe()
    district = District.objects.create(name=DISTRICT_NAME)
    # bulk_create: no signal gives the schools anything this wipe would not remove.
    School.objects.bulk_create(
        [
            School(district=district, name="总结基准繁忙学校", short_name="繁忙校"),
            School(district=district, name="总结基准安静学校", short_name="安静校"),
        ]
    )
    busy, quiet = list(schools())
    days = school_year_days(year)
    for school in (busy, quiet):
        Category.objects.bulk_create(
            Category(school=school, name=name, section=section, position=i)
            for i, (name, section) in enumerate(DEFAULT_CATEGORIES, start=1)
        )
    department = Department.objects.create(school=busy, name="教务处", position=0)
    members = []
    for n in range(MEMBERS):
        name = random_name(rng)
        full, initials = pinyin_keys(name)
        members.append(
            Member(
                school=busy,
                name=name,
                name_pinyin=full,
                name_initials=initials,
                gender=rng.choice([Gender.MALE, Gender.FEMALE]),
                birth_date=datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(13000)),
                employee_number="S{:04d}".format(n + 1),
                department=department,
                post="教师",
                title=rng.choice(ProfessionalTitle.values),
                status=MemberStatus.ACTIVE,
            )
        )
    Member.objects.bulk_create(members, batch_size=BATCH)
    member_ids = list(Member.all_objects.filter(school=busy).order_by("pk").values_list("pk", flat=True))
    categories = list(Category.objects.filter(school=busy).order_by("position"))

    campaigns = Campaign.objects.bulk_create(
        Campaign(
            school=busy,
            title=title,
            number=number,
            category=categories[0],
            launched_on=launched,
            description="围绕立德树人开展系列活动。全体教师参与。",
        )
        for title, number, launched in (
            ("师德建设月", 18, datetime.date(year, 9, 2)),
            ("个十百千万行动", None, datetime.date(year, 10, 8)),
            ("读书月", None, datetime.date(year + 1, 4, 1)),
        )
    )
    activities = Activity.objects.bulk_create(
        [
            Activity(
                school=busy,
                title="{}（{}）".format(rng.choice(TITLES), n + 1),
                category=rng.choice(categories),
                campaign=rng.choice(campaigns) if rng.random() < 0.1 else None,
                starts_on=rng.choice(days),
                location="学校报告厅",
                organiser="校工会",
                description="活动说明。参加人员认真参与。",
                outside_participants=rng.choice([0, 0, 0, 1, 3]),
            )
            for n in range(ACTIVITIES)
        ],
        batch_size=BATCH,
    )
    Activity.objects.create(
        school=quiet,
        title="教工羽毛球赛",
        category=Category.objects.filter(school=quiet).order_by("position")[7],
        starts_on=days[30],
    )
    Participation = Activity.participants.through
    each = PARTICIPATIONS // ACTIVITIES
    Participation.objects.bulk_create(
        [Participation(activity_id=a.pk, member_id=m) for a in activities for m in rng.sample(member_ids, each)],
        batch_size=BATCH,
    )
    Visit.objects.bulk_create(
        [
            Visit(
                school=busy,
                member_id=rng.choice(member_ids),
                reason=rng.choice(VisitReason.values),
                visited_on=rng.choice(days),
                gifts="水果、慰问金",
                amount=Decimal(rng.choice([300, 500, 800, 1000, 2000])),
                funding_source=rng.choice(FundingSource.values),
            )
            for _ in range(VISITS)
        ],
        batch_size=BATCH,
    )
    batches = GreetingBatch.objects.bulk_create(
        GreetingBatch(
            school=busy,
            festival=festival,
            year=year,
            given_on=days[30 * n + 10],
            amount_each=Decimal("200.00"),
        )
        for n, festival in enumerate(FESTIVALS)
    )
    GreetingRecipient.objects.bulk_create(
        [GreetingRecipient(batch=b, member_id=m, amount=b.amount_each) for b in batches for m in member_ids],
        batch_size=BATCH,
    )
    awards = Award.objects.bulk_create(
        Award(
            school=busy,
            title="教学比赛{}".format(n + 1),
            kind=rng.choice(AwardKind.values),
            level=rng.choice(AwardLevel.values),
            rank="一等奖",
            awarded_on=rng.choice(days),
            recipient_kind="members",
        )
        for n in range(AWARDS)
    )
    Award.members.through.objects.bulk_create(
        [Award.members.through(award_id=a.pk, member_id=m) for a in awards for m in rng.sample(member_ids, 2)],
        batch_size=BATCH,
    )
    Promotion.objects.bulk_create(
        Promotion(school=busy, member_id=m, title="first", promoted_on=rng.choice(days))
        for m in member_ids[:PROMOTIONS]
    )
    MentorPair.objects.bulk_create(
        MentorPair(school=busy, mentor_id=member_ids[n], mentee_id=member_ids[-1 - n], school_year=year)
        for n in range(MENTOR_PAIRS)
    )
    pairs = CarePair.objects.bulk_create(
        [
            CarePair(
                school=busy,
                teacher_id=teacher,
                student_name=random_name(rng),
                student_class="初二（3）班",
                reason="学习困难",
                school_year=year,
            )
            for teacher in member_ids[:PAIRS]
        ],
        batch_size=BATCH,
    )
    CareLog.objects.bulk_create(
        [
            CareLog(pair=p, month=m, talks=rng.randint(3, 9), tutoring=rng.randint(5, 12))
            for p in pairs
            for m in school_year_months(year)
        ],
        batch_size=BATCH,
    )


def analyze():
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(year, today):
    busy, quiet = list(schools())
    figures = {}
    for name, period in (("school_year", Period.school_year(year)), ("calendar_year", Period.calendar_year(year + 1))):

        def call(school=busy, period=period):
            return assemble(school, period, today=today)

        document = call()
        wall, cpu = median_ms(call, before=cache.clear)
        warm_wall, warm_cpu = median_ms(call)
        cache.clear()
        cold_queries = queries(call)
        cache.clear()
        figures[name] = {
            "period": period.label,
            "sections": len(document.sections),
            "items": sum(len(section.items) for section in document.sections),
            "median_ms": wall,
            "median_cpu_ms": cpu,
            "warm_median_ms": warm_wall,
            "warm_median_cpu_ms": warm_cpu,
            "queries": cold_queries,
            "queries_for_a_quiet_school": queries(lambda period=period: assemble(quiet, period, today=today)),
        }
        call()
        figures[name]["warm_queries"] = queries(call)
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
    analyze()
    figures = {
        "database": connection.vendor,
        "busy_school_year": year,
        "busy_school": {
            "members": MEMBERS,
            "activities": ACTIVITIES,
            "participations": PARTICIPATIONS,
            "visits": VISITS,
            "care_pairs": PAIRS,
            "care_logs": PAIRS * 12,
            "greeting_recipients": MEMBERS * len(FESTIVALS),
            "awards": AWARDS,
        },
        "seeded_now_s": seed_seconds,
        "repeat": REPEAT,
        # The machine's speed, to compare figures measured on different machines.
        "reference_loop_ms": reference_loop_ms(),
    }
    figures.update(measure(year, today))
    figures["targets_met"] = {
        "assembly_under_100ms_cpu": figures["school_year"]["median_cpu_ms"] < 100,
        "cached_assembly_without_queries": figures["school_year"]["warm_queries"] == 0,
        "fixed_queries": figures["school_year"]["queries"] == figures["school_year"]["queries_for_a_quiet_school"],
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
