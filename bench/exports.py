"""Exports benchmark: `make bench` (``.venv/bin/python bench/exports.py``).

Seeds (once, in one transaction) a school with a busy year into ``bench/bench.sqlite3`` (or
``$DATABASE_URL`` when set), in a district of its own beside the other benchmarks': 150
members, 1,000 activities with 25,100 participations, 1,000 visits with two visitors
each, 8 holiday greetings, 300 awards, 4 pledge drives binding every member, 300 pairs of
the 168 care action with 1,800 monthly logs, 2 congress sessions with 10 voted motions
and 200 disclosure notices: about 30,000 rows in the workbook. Then measures:

a. ``summary_docx`` for a hand-built document of a busy year (8 sections, 600 items), and
   for the school's assembled summary when ``reports.assembly`` can build it (median of
   ``REPEAT`` runs);
b. ``records_xlsx`` for the year (median of a few runs, the rows it wrote, its queries);
c. the same export in a child process that does nothing else: its max RSS (and the RSS
   of Django and the libraries before it), then its tracemalloc peak.

Prints one JSON object. Targets: .docx under 1 s; .xlsx of 30,000 rows under 5 s with
peak memory under 200 MB.
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

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone, translation  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402
from openpyxl import load_workbook  # noqa: E402
from roster import DEPARTMENTS, REPEAT, median_ms, queries, random_name  # noqa: E402

from activities.choices import (  # noqa: E402
    AwardKind,
    AwardLevel,
    Festival,
    FundingSource,
    SummarySection,
    VisitReason,
)
from activities.models import (  # noqa: E402
    Activity,
    Award,
    Campaign,
    CareLog,
    CarePair,
    Category,
    GreetingBatch,
    GreetingRecipient,
    PledgeDrive,
    PledgeSignature,
    Visit,
)
from congress.models import AgendaItem, CongressTerm, Motion, Session, Vote  # noqa: E402
from disclosure.choices import NoticeStatus  # noqa: E402
from disclosure.models import Notice, NoticeCategory  # noqa: E402
from members.choices import Gender, MemberStatus  # noqa: E402
from members.models import Department, Member, pinyin_keys  # noqa: E402
from reports.document import Figure, Item, Section, SummaryDocument  # noqa: E402
from reports.exports.docx import summary_docx  # noqa: E402
from reports.exports.xlsx import records_xlsx  # noqa: E402
from reports.periods import Period  # noqa: E402
from unionhub.models import District, School  # noqa: E402

DISTRICT_NAME = "导出基准测试区教育工会"
# Named for what it holds: change the numbers below, change the name, and it is seeded anew.
SCHOOL_NAME = "导出基准学校（30000行）"
YEAR = 2024
MEMBERS = 150
ACTIVITIES = 1000
PARTICIPATIONS = 25_100
VISITS = 1000
VISITORS_PER_VISIT = 2
FESTIVALS = [f for f in Festival.values][:8]
AWARDS = 300
PLEDGE_DRIVES = 4
PAIRS = 150  # in each of the two school years that the calendar year touches
SESSIONS = 2
MOTIONS_PER_SESSION = 5
NOTICES = 200
DOC_SECTIONS = 8
DOC_ITEMS_PER_SECTION = 75
XLSX_REPEAT = 5
BATCH = 5000
TITLES = [
    "师德专题讲座",
    "教职工拔河比赛",
    "青年教师基本功比赛",
    "三八节女教师座谈会",
    "退休教师重阳座谈会",
    "乒乓球赛",
]


def year_day(rng):
    return datetime.date(YEAR, 1, 1) + datetime.timedelta(days=rng.randrange(366))


# Seeding -------------------------------------------------------------------------------


def bench_school():
    return School.objects.filter(district__name=DISTRICT_NAME, name=SCHOOL_NAME).first()


def seed():
    """The busy year, in bulk. School creation goes through ``save()`` so that the school
    gets its default activity and notice categories, as a real one does."""
    rng = random.Random(2024)
    district, _ = District.objects.get_or_create(name=DISTRICT_NAME)
    school = School.objects.create(district=district, name=SCHOOL_NAME)
    departments = Department.objects.bulk_create(
        [Department(school=school, name=name, position=i) for i, name in enumerate(DEPARTMENTS)]
    )
    members = []
    for n in range(MEMBERS):
        name = random_name(rng)
        full, initials = pinyin_keys(name)
        members.append(
            Member(
                school=school,
                name=name,
                name_pinyin=full,
                name_initials=initials,
                gender=rng.choice([Gender.MALE, Gender.FEMALE]),
                birth_date=datetime.date(1970, 1, 1) + datetime.timedelta(days=rng.randrange(9000)),
                phone="139{:08d}".format(n),
                employee_number="X{:04d}".format(n + 1),
                department=rng.choice(departments),
                post="教师",
                status=MemberStatus.ACTIVE,
            )
        )
    members = Member.objects.bulk_create(members)
    ids = [m.pk for m in members]

    categories = list(Category.objects.filter(school=school))
    ethics = next(c for c in categories if c.section == SummarySection.ETHICS)
    campaign = Campaign.objects.create(
        school=school, title="师德建设月", number=17, category=ethics, launched_on=datetime.date(YEAR, 9, 1)
    )
    activities = Activity.objects.bulk_create(
        [
            Activity(
                school=school,
                title="{}（{}）".format(rng.choice(TITLES), n + 1),
                category=rng.choice(categories),
                campaign=campaign if n % 10 == 0 else None,
                starts_on=year_day(rng),
                location="学校报告厅",
                organiser="校工会",
                description="全体教职工参加。活动气氛热烈，教师们积极参与。",
                outside_participants=rng.choice([0, 0, 0, 3]),
            )
            for n in range(ACTIVITIES)
        ],
        batch_size=BATCH,
    )
    Participation = Activity.participants.through
    pairs = [(a.pk, m) for a in activities for m in ids]
    rng.shuffle(pairs)
    Participation.objects.bulk_create(
        [Participation(activity_id=a, member_id=m) for a, m in pairs[:PARTICIPATIONS]], batch_size=BATCH
    )

    reasons = [r for r in VisitReason.values if r != VisitReason.OTHER]
    visits = Visit.objects.bulk_create(
        [
            Visit(
                school=school,
                member_id=rng.choice(ids),
                reason=rng.choice(reasons),
                visited_on=year_day(rng),
                gifts="水果、慰问金",
                amount=Decimal(rng.choice([300, 500, 800, 1000, 2000])),
                funding_source=rng.choice(FundingSource.values),
            )
            for _ in range(VISITS)
        ],
        batch_size=BATCH,
    )
    Visitor = Visit.visitors.through
    Visitor.objects.bulk_create(
        [Visitor(visit_id=v.pk, member_id=m) for v in visits for m in rng.sample(ids[:12], VISITORS_PER_VISIT)],
        batch_size=BATCH,
    )

    batches = GreetingBatch.objects.bulk_create(
        [
            GreetingBatch(
                school=school, festival=festival, year=YEAR, given_on=year_day(rng), amount_each=Decimal("300.00")
            )
            for festival in FESTIVALS
        ]
    )
    GreetingRecipient.objects.bulk_create(
        [GreetingRecipient(batch=b, member_id=m, amount=Decimal("300.00")) for b in batches for m in ids],
        batch_size=BATCH,
    )

    awards = Award.objects.bulk_create(
        [
            Award(
                school=school,
                title="{}优质课评比".format(rng.choice(["区", "市", "省"])),
                kind=AwardKind.COMPETITION,
                level=rng.choice(AwardLevel.values),
                rank=rng.choice(["一等奖", "二等奖", "三等奖"]),
                awarded_on=year_day(rng),
                issuer="教育局",
            )
            for _ in range(AWARDS)
        ]
    )
    Award.members.through.objects.bulk_create(
        [Award.members.through(award_id=a.pk, member_id=m) for a in awards for m in rng.sample(ids, rng.randint(1, 3))]
    )

    drives = PledgeDrive.objects.bulk_create(
        [
            PledgeDrive(
                school=school, title="承诺书{}".format(n + 1), year=YEAR, opened_on=datetime.date(YEAR, 3 + n, 1)
            )
            for n in range(PLEDGE_DRIVES)
        ]
    )
    PledgeSignature.objects.bulk_create(
        [
            PledgeSignature(drive=d, member_id=m, signed_on=d.opened_on if rng.random() < 0.9 else None)
            for d in drives
            for m in ids
        ],
        batch_size=BATCH,
    )

    logs = []
    for school_year, months in ((YEAR - 1, range(1, 9)), (YEAR, range(9, 13))):
        pairs = CarePair.objects.bulk_create(
            [
                CarePair(
                    school=school,
                    teacher_id=teacher,
                    student_name=random_name(rng),
                    student_class="初二（3）班",
                    reason="学习困难",
                    school_year=school_year,
                )
                for teacher in ids[:PAIRS]
            ]
        )
        logs += [
            CareLog(pair=p, month=datetime.date(YEAR, m, 1), talks=rng.randint(3, 9), tutoring=rng.randint(5, 12))
            for p in pairs
            for m in months
        ]
    CareLog.objects.bulk_create(logs, batch_size=BATCH)

    term = CongressTerm.objects.create(school=school, number=4, start_year=YEAR - 2)
    for n in range(SESSIONS):
        session = Session.objects.create(
            school=school, term=term, number=n + 1, held_on=datetime.date(YEAR, 3 + 6 * n, 14)
        )
        for m in range(MOTIONS_PER_SESSION):
            agenda = AgendaItem.objects.create(
                school=school, session=session, order=m + 1, title="审议议案{}".format(m + 1)
            )
            motion = Motion.objects.create(school=school, agenda_item=agenda, title="议案{}".format(m + 1))
            Vote.objects.create(
                school=school, motion=motion, votes_for=52, votes_against=3, abstentions=1, present=56, electorate=60
            )

    notice_categories = list(NoticeCategory.objects.filter(school=school))
    Notice.objects.bulk_create(
        [
            Notice(
                school=school,
                title="公示{}".format(n + 1),
                category=rng.choice(notice_categories),
                starts_on=day,
                working_days=5,
                ends_on=day + datetime.timedelta(days=7),
                status=NoticeStatus.PUBLISHED,
                published_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))),
            )
            for n, day in enumerate(sorted(year_day(rng) for _ in range(NOTICES)))
        ]
    )
    return school


# The documents -------------------------------------------------------------------------


def busy_document():
    """A busy year's summary as the assembly hands it over: 8 sections of 75 items each."""
    sections = [
        Section(
            key="bench:{}".format(s),
            heading="第{}部分工作".format(s + 1),
            lead="围绕学校中心工作，扎实开展各项活动。" * 3,
            items=[
                Item(
                    key="activity:{}".format(s * 1000 + n),
                    text="{}月{}日，开展教职工活动（{}）：全体教师积极参与，活动取得圆满成功。".format(
                        n % 12 + 1, n % 28 + 1, n + 1
                    ),
                    date=datetime.date(YEAR, n % 12 + 1, n % 28 + 1),
                    hidden=n % 25 == 0,
                )
                for n in range(DOC_ITEMS_PER_SECTION)
            ],
            figures=[Figure(key="activities", label="活动", value=str(DOC_ITEMS_PER_SECTION))],
            intro="全年开展活动{}次，参与教职工1,234人次。".format(DOC_ITEMS_PER_SECTION),
        )
        for s in range(DOC_SECTIONS)
    ]
    return SummaryDocument(
        title="{}年导出基准学校工会工作总结".format(YEAR),
        school_name=SCHOOL_NAME,
        period_label="{}年".format(YEAR),
        signed_on=datetime.date(YEAR, 12, 28),
        opening="本年度，学校工会围绕区教育工会工作要求和学校中心工作开展工作。" * 4,
        sections=sections,
        experience="工会工作必须围绕学校中心工作。\n" * 3,
        shortcomings="对工作中可能出现的问题估计不足。",
        plans="进一步加强师德师风建设。\n" * 3,
    )


def item_count(document):
    return sum(len(section.visible_items()) for section in document.visible_sections())


def assembled_document(school, period):
    """The school's own summary, when the assembly can build it (None and why, if not)."""
    try:
        from reports.assembly import assemble

        with scope(school=[school.pk]):
            return assemble(school, period), None
    except Exception as error:  # the figure is optional: report why it is missing
        return None, "{}: {}".format(type(error).__name__, error)


def workbook_rows(content):
    """Rows below the header rows, over every sheet."""
    book = load_workbook(io.BytesIO(content), read_only=True)
    return {sheet.title: sum(1 for _ in sheet.iter_rows(min_row=2)) for sheet in book.worksheets}


# Measuring -----------------------------------------------------------------------------


def export_once(school, period):
    with scope(school=[school.pk]):
        return records_xlsx(school, period)


def maxrss_mb():
    """This process's peak resident memory. Linux's VmHWM belongs to the process's own
    memory since it started; ``ru_maxrss`` would also hold its parent's, from before exec."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def measure_memory():
    """Run in a child process, so that its max RSS is the export's, not the seeding's.

    The max RSS is taken before tracing: tracemalloc's own bookkeeping would count in it.
    """
    with scopes_disabled():
        school = bench_school()
    period = Period.calendar_year(YEAR)
    before = maxrss_mb()
    content = export_once(school, period)
    after = maxrss_mb()
    tracemalloc.start()
    export_once(school, period)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return {
        "xlsx_file_kb": round(len(content) / 1024, 1),
        "xlsx_maxrss_mb": after,
        "xlsx_maxrss_before_export_mb": before,
        "xlsx_tracemalloc_peak_mb": round(peak / 2**20, 1),
    }


def measure(school):
    period = Period.calendar_year(YEAR)
    figures = {}

    document = busy_document()
    figures["docx_items"] = item_count(document)
    figures["docx_kb"] = round(len(summary_docx(document)) / 1024, 1)
    figures["docx_ms"], figures["docx_cpu_ms"] = median_ms(lambda: summary_docx(document))

    assembled, why = assembled_document(school, period)
    if assembled is None:
        figures["docx_assembled"] = "not measured ({})".format(why)
    else:
        figures["docx_assembled_items"] = item_count(assembled)
        figures["docx_assembled_ms"], figures["docx_assembled_cpu_ms"] = median_ms(lambda: summary_docx(assembled))

    wall, cpu = [], []
    export_once(school, period)
    for _ in range(XLSX_REPEAT):
        start, start_cpu = time.perf_counter(), time.process_time()
        content = export_once(school, period)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    rows = workbook_rows(content)
    figures["xlsx_rows"] = sum(rows.values())
    figures["xlsx_rows_by_sheet"] = rows
    figures["xlsx_s"] = round(statistics.median(wall), 2)
    figures["xlsx_cpu_s"] = round(statistics.median(cpu), 2)
    figures["xlsx_queries"] = queries(lambda: export_once(school, period))
    return figures


def main():
    if "--memory-only" in sys.argv:
        with translation.override("zh-hans"):
            print(json.dumps(measure_memory()))
        return
    call_command("migrate", verbosity=0, interactive=False)
    seed_seconds = None
    with scopes_disabled():
        school = bench_school()
        if school is None:
            print("Seeding the exports benchmark…", file=sys.stderr, flush=True)
            start = time.perf_counter()
            with transaction.atomic():
                school = seed()
            seed_seconds = round(time.perf_counter() - start, 1)
    figures = {"database": connection.vendor, "year": YEAR, "seeded_now_s": seed_seconds, "repeat": REPEAT}
    with translation.override("zh-hans"):
        figures.update(measure(school))
    child = subprocess.run(
        [sys.executable, __file__, "--memory-only"], capture_output=True, text=True, env=os.environ.copy()
    )
    if child.returncode != 0:
        sys.stderr.write(child.stderr)
        raise SystemExit("the memory benchmark failed")
    figures.update(json.loads(child.stdout.strip().splitlines()[-1]))
    figures["targets_met"] = {
        "docx_under_1s": figures["docx_ms"] < 1000 and figures.get("docx_assembled_ms", 0) < 1000,
        "xlsx_30000_rows": figures["xlsx_rows"] >= 30000,
        "xlsx_under_5s": figures["xlsx_s"] < 5,
        "xlsx_under_200mb": figures["xlsx_maxrss_mb"] < 200 and figures["xlsx_tracemalloc_peak_mb"] < 200,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
