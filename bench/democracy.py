"""Democratic management benchmark: `make bench` (``.venv/bin/python bench/democracy.py``).

Seeds (once) a school of its own into ``bench/bench.sqlite3`` (or ``$DATABASE_URL`` when
set), beside the other benchmarks' districts: 150 members, each with a login, 2,000
notices over four years (20 in their window now, drafts and withdrawn ones among them)
with read receipts (each member has read about half of them) and objections, and 300
proposals with two to four seconders each. Then measures the median server time (Django's
test client, DEBUG off, warm-up then repeats) and the query count of:

a. the board ``disclosure:board`` as a teacher (the notices in their window, then the
   first archive page of 50, each marked new or read for that teacher);
b. the proposals list ``congress:proposal_list`` as the chair (50 a page, with proposer,
   department and seconder count);

and of a bare JSON view of the same rows for each (the floor: no template, one query per
list), called directly as the other benchmarks do, and also through the test client behind
the same middleware as the page. Prints one JSON object. Target: each page within 2× its
bare view.
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
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unionhub.settings")
os.environ.setdefault("DATABASE_URL", "sqlite:///{}".format(BENCH_DIR / "bench.sqlite3"))
os.environ.setdefault("DJANGO_DEBUG", "0")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Exists, OuterRef, Q  # noqa: E402
from django.db.models.functions import ExtractYear  # noqa: E402
from django.http import JsonResponse  # noqa: E402
from django.test import Client, RequestFactory  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.urls import include, path, reverse  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scope, scopes_disabled  # noqa: E402
from roster import DEPARTMENTS, REPEAT, median_ms, queries, random_name  # noqa: E402

from congress.choices import ProposalState  # noqa: E402
from congress.models import Proposal, Seconding  # noqa: E402
from disclosure.choices import NoticeStatus, ObjectionStatus  # noqa: E402
from disclosure.models import Notice, NoticeCategory, NoticeRead, Objection  # noqa: E402
from disclosure.workdays import is_workday, window_end  # noqa: E402
from members.choices import Gender, MemberStatus  # noqa: E402
from members.models import Department, Member, pinyin_keys  # noqa: E402
from unionhub.models import District, School  # noqa: E402
from unionhub.roles import Role  # noqa: E402

DISTRICT_NAME = "民主管理基准测试区教育工会"
SCHOOL_NAME = "民主管理基准学校"
MEMBERS = 150
NOTICES = 2000
CURRENT = 20
DRAFTS = 30
WITHDRAWN = 40
READ_SHARE = 0.5
OBJECTIONS = 100
PROPOSALS = 300
CHAIR_USERNAME = "bench-democracy-chair"
TEACHER_USERNAME = "bench-democracy-teacher"
BATCH = 5000
TITLES = [
    "年度财务收支情况",
    "职称推荐人选",
    "评优评先结果",
    "采购结果",
    "维修项目及费用",
    "招生工作方案",
    "代办服务性收费标准",
    "新教师拟录用人员",
    "年度考核优秀等次人选",
    "奖励性绩效工资发放明细",
]
PROPOSAL_TITLES = ["关于改善教工食堂的提案", "关于减轻教师非教学负担的提案", "关于更新办公电脑的提案"]


# Seeding -------------------------------------------------------------------------------


def the_school():
    return School.objects.filter(district__name=DISTRICT_NAME, name=SCHOOL_NAME).first()


def seeded():
    school = the_school()
    if school is None:
        return False
    return (
        Member.all_objects.filter(school=school).count() == MEMBERS
        and Notice.all_objects.filter(school=school).count() == NOTICES
        and Notice.objects.filter(school=school, status=NoticeStatus.PUBLISHED, ends_on__gte=timezone.localdate())
        .exclude(starts_on__gt=timezone.localdate())
        .count()
        == CURRENT
        and Proposal.all_objects.filter(school=school).count() == PROPOSALS
        and get_user_model().objects.filter(username__in=[CHAIR_USERNAME, TEACHER_USERNAME]).count() == 2
    )


def wipe():
    """Remove a half-seeded or outdated school, fast (raw deletes, children first)."""
    schools = School.objects.filter(district__name=DISTRICT_NAME)
    User = get_user_model()
    steps = [
        Seconding.objects.filter(school__in=schools),
        Proposal.all_objects.filter(school__in=schools),
        Objection.objects.filter(school__in=schools),
        NoticeRead.objects.filter(notice__school__in=schools),
        Notice.all_objects.filter(school__in=schools),
        NoticeCategory.objects.filter(school__in=schools),
    ]
    for queryset in steps:
        queryset._raw_delete(queryset.db)
    # Categories of the activities app and the like follow the school by cascade.
    Member.all_objects.filter(school__in=schools).update(user=None)
    User.objects.filter(school__in=schools).delete()
    Member.all_objects.filter(school__in=schools)._raw_delete(connection.alias)
    Department.objects.filter(school__in=schools).delete()
    for school in schools:
        school.delete()
    District.objects.filter(name=DISTRICT_NAME).delete()


def workday_before(day, count):
    while count or not is_workday(day):
        if is_workday(day):
            count -= 1
        day -= datetime.timedelta(days=1)
    return day


def seed(today):
    rng = random.Random(2018)
    started = time.perf_counter()
    wipe()
    district = District.objects.create(name=DISTRICT_NAME)
    school = School.objects.create(district=district, name=SCHOOL_NAME, short_name="民主基准")
    departments = Department.objects.bulk_create(
        [Department(school=school, name=name, position=i) for i, name in enumerate(DEPARTMENTS)]
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        [
            User(
                username=CHAIR_USERNAME if n == 0 else TEACHER_USERNAME if n == 1 else "bench-democracy-{}".format(n),
                password="!",
                school=school,
                role=Role.CHAIR if n == 0 else Role.TEACHER,
            )
            for n in range(MEMBERS)
        ]
    )
    for user in users[:2]:
        user.set_password("bench-pass-123")
        user.save(update_fields=["password"])
    members = []
    for n, user in enumerate(users):
        name = random_name(rng)
        full, initials = pinyin_keys(name)
        members.append(
            Member(
                school=school,
                user=user,
                name=name,
                name_pinyin=full,
                name_initials=initials,
                gender=rng.choice([Gender.MALE, Gender.FEMALE]),
                birth_date=datetime.date(1965, 1, 1) + datetime.timedelta(days=rng.randrange(13000)),
                employee_number="D{:04d}".format(n + 1),
                department=rng.choice(departments),
                post="教师",
                status=MemberStatus.ACTIVE,
            )
        )
    members = Member.objects.bulk_create(members)
    progress("1 school, {} members with logins".format(len(members)), started)

    categories = list(NoticeCategory.objects.filter(school=school))
    notices = []
    for n in range(NOTICES):
        if n < CURRENT:
            starts = workday_before(today, n % 4)
            status = NoticeStatus.PUBLISHED
        else:
            starts = today - datetime.timedelta(days=rng.randint(40, 4 * 365))
            status = (
                NoticeStatus.DRAFT
                if n < CURRENT + DRAFTS
                else NoticeStatus.WITHDRAWN
                if n < CURRENT + DRAFTS + WITHDRAWN
                else NoticeStatus.PUBLISHED
            )
        days = rng.choice([5, 5, 5, 7])
        category = rng.choice(categories)
        notices.append(
            Notice(
                school=school,
                title="{}年{}{}（{}）".format(starts.year, category.name, rng.choice(TITLES), n + 1),
                category=category,
                body="公示内容：详见附件。公示期内如有异议，请向校长室反映。",
                starts_on=starts,
                working_days=days,
                ends_on=window_end(starts, days),
                status=status,
                published_at=None
                if status == NoticeStatus.DRAFT
                else timezone.make_aware(datetime.datetime.combine(starts, datetime.time(8, 30))),
                withdrawal_reason="材料有误，撤回后重新公示。" if status == NoticeStatus.WITHDRAWN else "",
            )
        )
    notices = Notice.objects.bulk_create(notices, batch_size=BATCH)
    progress("{} notices".format(len(notices)), started)

    reads = []
    for notice in notices:
        if notice.status == NoticeStatus.DRAFT:
            continue
        when = notice.published_at + datetime.timedelta(hours=2)
        reads += [NoticeRead(notice=notice, user=u, read_at=when) for u in users if rng.random() < READ_SHARE]
    NoticeRead.objects.bulk_create(reads, batch_size=BATCH)
    published = [n for n in notices if n.status != NoticeStatus.DRAFT]
    writers = [rng.randrange(MEMBERS) for _ in range(OBJECTIONS)]
    Objection.objects.bulk_create(
        [
            Objection(
                school=school,
                notice=notice,
                raised_by=users[n],
                member=members[n],
                text="名单中的量化考核得分有误，请核实。",
                status=rng.choice([ObjectionStatus.OPEN, ObjectionStatus.ANSWERED]),
            )
            for notice, n in zip(rng.sample(published, OBJECTIONS), writers, strict=True)
        ]
    )
    progress("{} read receipts, {} objections".format(len(reads), OBJECTIONS), started)

    states = list(ProposalState)
    proposals = []
    for n in range(PROPOSALS):
        state = states[n % len(states)]
        assigned = state in (ProposalState.ASSIGNED, ProposalState.REPLIED, ProposalState.SATISFIED)
        submitted = today - datetime.timedelta(days=rng.randint(1, 4 * 365))
        proposals.append(
            Proposal(
                school=school,
                title="{}（{}）".format(rng.choice(PROPOSAL_TITLES), n + 1),
                reasons="教师反映强烈。",
                measures="建议学校研究解决。",
                proposer=rng.choice(members),
                state=state,
                submitted_on=submitted,
                decided_on=None if state == ProposalState.SUBMITTED else submitted + datetime.timedelta(days=10),
                department=rng.choice(departments) if assigned else None,
                assigned_on=submitted + datetime.timedelta(days=15) if assigned else None,
            )
        )
    proposals = Proposal.objects.bulk_create(proposals, batch_size=BATCH)
    Seconding.objects.bulk_create(
        [
            Seconding(school=school, proposal=p, member=m, seconded_on=p.submitted_on)
            for p in proposals
            for m in rng.sample([m for m in members if m.pk != p.proposer_id], rng.randint(2, 4))
        ],
        batch_size=BATCH,
    )
    progress("{} proposals".format(len(proposals)), started)


# Bare views: the same rows as each page, straight to JSON ------------------------------------


def bare_board(request):
    """The board's rows: notices in their window (by end), then the first archive page of
    50 (by start), each with its category and whether this user has read it."""
    today = timezone.localdate()
    read = Exists(NoticeRead.objects.filter(notice=OuterRef("pk"), user=request.user))
    visible = (
        Notice.objects.filter(school=request.school)
        .exclude(status=NoticeStatus.DRAFT)
        .annotate(read=read)
        .values("pk", "title", "category__name", "starts_on", "ends_on", "status", "read")
    )
    current = visible.filter(status=NoticeStatus.PUBLISHED, ends_on__gte=today).order_by("ends_on", "pk")
    archive = visible.filter(Q(status=NoticeStatus.WITHDRAWN) | Q(ends_on__lt=today)).order_by(
        ExtractYear("starts_on").desc(), "category__position", "category_id", "-starts_on", "-pk"
    )[:50]
    return JsonResponse({"notices": list(current) + list(archive)})


def bare_proposals(request):
    """The proposals list's first page: 50 proposals with proposer, department, state and
    the number of seconders."""
    rows = (
        Proposal.objects.filter(school=request.school)
        .annotate(seconder_count=Count("secondings"))
        .order_by("-submitted_on", "-pk")
        .values("pk", "title", "proposer__name", "department__name", "state", "submitted_on", "seconder_count")[:50]
    )
    return JsonResponse({"proposals": list(rows)})


# The project's URLs and the bare views, so that they can also be measured through the same
# middleware (session, login, school scope, locale) as the pages.
urlpatterns = [
    path("bench/bare/board/", bare_board),
    path("bench/bare/proposals/", bare_proposals),
    path("", include("unionhub.urls")),
]


def client_json(client, url, key, rows):
    def call():
        response = client.get(url)
        assert response.status_code == 200 and len(json.loads(response.content)[key]) == rows, url
        return response

    return call


# Measuring (as bench/activities.py does; that file's name hides the app from an import) --


def progress(message, started):
    print("  {:6.1f}s  {}".format(time.perf_counter() - started, message), file=sys.stderr, flush=True)


def page_call(client, url, marker, rows):
    """``call`` GETs ``url``; checked once to show ``rows`` records (``marker``'s group is
    a record's id)."""

    def call():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        return response

    found = len(set(re.findall(marker, call().content.decode())))
    assert found == rows, (url, marker, found, rows)
    return call


def bare_call(view, school, user, key, rows):
    request = RequestFactory().get("/bench/bare/")
    request.user = user
    request.school = school

    def call():
        with scope(school=[school.pk]):
            response = view(request)
        assert len(json.loads(response.content)[key]) == rows
        return response

    return call


def analyze():
    """Planner statistics after the bulk load, as a database in use has."""
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure():
    with scopes_disabled():
        school = the_school()
        current = Notice.objects.filter(
            school=school, status=NoticeStatus.PUBLISHED, ends_on__gte=timezone.localdate()
        ).count()
    User = get_user_model()
    teacher = User.objects.get(username=TEACHER_USERNAME)
    chair = User.objects.get(username=CHAIR_USERNAME)
    teacher_client, chair_client = Client(), Client()
    teacher_client.force_login(teacher)
    chair_client.force_login(chair)
    pages = {
        "board": (
            page_call(teacher_client, reverse("disclosure:board"), r'data-notice="(\d+)"', current + 50),
            bare_call(bare_board, school, teacher, "notices", current + 50),
        ),
        "proposal_list": (
            page_call(chair_client, reverse("congress:proposal_list"), r'data-proposal="(\d+)"', 50),
            bare_call(bare_proposals, school, chair, "proposals", 50),
        ),
    }
    figures = {"board_rows": current + 50}
    through_client = {
        "board": client_json(teacher_client, "/bench/bare/board/", "notices", current + 50),
        "proposal_list": client_json(chair_client, "/bench/bare/proposals/", "proposals", 50),
    }
    for name, (page, bare) in pages.items():
        figures[name + "_ms"], figures[name + "_cpu_ms"] = median_ms(page)
        figures[name + "_queries"] = queries(page)
        figures[name + "_bare_ms"], figures[name + "_bare_cpu_ms"] = median_ms(bare)
        figures[name + "_bare_queries"] = queries(bare)
        figures[name + "_over_bare_ms"] = round(figures[name + "_ms"] / figures[name + "_bare_ms"], 2)
        figures[name + "_over_bare_cpu_ms"] = round(figures[name + "_cpu_ms"] / figures[name + "_bare_cpu_ms"], 2)
        figures[name + "_over_bare_queries"] = round(figures[name + "_queries"] / figures[name + "_bare_queries"], 2)
        # The bare view behind the same middleware as the page: what the HTML alone costs.
        with override_settings(ROOT_URLCONF=__name__):
            figures[name + "_bare_client_ms"], figures[name + "_bare_client_cpu_ms"] = median_ms(through_client[name])
            figures[name + "_bare_client_queries"] = queries(through_client[name])
        figures[name + "_over_bare_client_ms"] = round(figures[name + "_ms"] / figures[name + "_bare_client_ms"], 2)
        figures[name + "_over_bare_client_cpu_ms"] = round(
            figures[name + "_cpu_ms"] / figures[name + "_bare_client_cpu_ms"], 2
        )
    return figures


def main():
    call_command("migrate", verbosity=0, interactive=False)
    today = timezone.localdate()
    seed_seconds = None
    with scopes_disabled():
        if not seeded():
            print("Seeding the democracy benchmark…", file=sys.stderr, flush=True)
            start = time.perf_counter()
            with transaction.atomic():
                seed(today)
            seed_seconds = round(time.perf_counter() - start, 1)
        read_receipts = NoticeRead.objects.filter(notice__school=the_school()).count()
    analyze()
    figures = {
        "database": connection.vendor,
        "members": MEMBERS,
        "notices": NOTICES,
        "read_receipts": read_receipts,
        "proposals": PROPOSALS,
        "seeded_now_s": seed_seconds,
        "repeat": REPEAT,
    }
    figures.update(measure())
    figures["targets_met"] = {
        "board_within_2x_bare": figures["board_over_bare_ms"] <= 2,
        "proposal_list_within_2x_bare": figures["proposal_list_over_bare_ms"] <= 2,
        "board_within_2x_bare_behind_middleware": figures["board_over_bare_client_ms"] <= 2,
        "proposal_list_within_2x_bare_behind_middleware": figures["proposal_list_over_bare_client_ms"] <= 2,
    }
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
