"""The summary's writer: its templates render for any year, and what it writes holds
together — each record told once and every record told, no figure contradicting the
records it stands over, no zero money, titles, editions and habits worded as a union
words them."""

import datetime
import re

import pytest
from django.conf import settings
from django.db.models import Q
from django.template import Engine
from django.test.signals import template_rendered
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.choices import (
    PENDING_AWARD_STATUSES,
    Audience,
    AwardKind,
    AwardLevel,
    AwardStatus,
    Festival,
    SummarySection,
    VisitReason,
)
from activities.models import (
    Activity,
    Award,
    Campaign,
    Category,
    Club,
    GreetingBatch,
    MutualAidGrant,
    PledgeDrive,
    Promotion,
    Visit,
)
from congress.models import DemocraticEvaluation, Session
from disclosure.models import Notice
from disclosure.selectors import notices_published_between
from reports import assembly, wording
from reports.assembly import assemble
from reports.periods import Period
from reports.templatetags.summary_words import edition, yuan
from tests.activities.factories_partnerships import PartnershipFactory
from tests.activity_factories import (
    ActivityFactory,
    AwardFactory,
    CampaignFactory,
    ClubFactory,
    GreetingBatchFactory,
    GreetingRecipientFactory,
    MutualAidGrantFactory,
    PledgeDriveFactory,
    PledgeSignatureFactory,
    VisitFactory,
    default_category,
)
from tests.congress.factories import DemocraticEvaluationFactory, SessionFactory
from tests.disclosure.factories import NoticeFactory
from tests.factories import MemberFactory

from .busy_year import busy_year, single_year
from .reading import item, key, place, printed, sources, telling, whole

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)
WRITER_TEMPLATES = settings.BASE_DIR / "templates" / wording.WRITER_DIR
TEMPLATE_NAMES = sorted(path.stem for path in WRITER_TEMPLATES.glob("*.txt"))
PERIODS = [Period.calendar_year(2018), Period.school_year(2017), Period.school_year(2018)]


# --- the templates render for any year -----------------------------------------------------


class Missing(str):
    """What a strict engine prints for a variable its context lacks: it raises instead."""

    def __mod__(self, name):
        raise AssertionError("a writer template prints {!r}, which its context does not give".format(name))


# Places and rules as the union keeps them: no record kind reads them yet, so a year gets them here.
FACILITIES = [
    {
        "pk": 1,
        "name": "教工之家",
        "place": "行政楼三楼",
        "equipment": "跑步机、乒乓球桌",
        "description": "",
        "new": False,
    },
    {"pk": 2, "name": "母婴室", "place": "", "equipment": "冰箱、沙发", "description": "方便哺乳期女教师", "new": True},
]
RULES = [
    {"pk": 1, "title": "六必访制度", "what_it_does": "婚丧嫁娶必访", "section": "", "is_channel": False},
    {"pk": 2, "title": "校长意见箱", "what_it_does": "每月开箱一次。", "section": "", "is_channel": True},
    {"pk": 3, "title": "工会经费审查制度", "what_it_does": "", "section": "union", "is_channel": False, "new": True},
    {"pk": 4, "title": "女职工特殊权益保护专项合同", "what_it_does": "", "section": "care", "revised": True},
]


@pytest.fixture
def with_provisions(monkeypatch):
    """Every year read with the union's places and rules."""
    read = assembly.year_records

    def year_records(*args, **kwargs):
        records = read(*args, **kwargs)
        records.facilities = [dict(row) for row in FACILITIES]
        records.rules = [{"is_channel": False, "new": False, "revised": False, **row} for row in RULES]
        return records

    monkeypatch.setattr(assembly, "year_records", year_records)


@pytest.fixture
def strict_templates(monkeypatch):
    """The writer's templates through an engine that raises on a variable the context lacks
    (``{% if %}`` and ``{% for %}`` still read a missing one as empty); returns the names of
    the templates rendered, includes too."""
    strict = Engine(
        dirs=[str(settings.BASE_DIR / "templates")],
        autoescape=False,
        builtins=["reports.templatetags.summary_words"],
        string_if_invalid=Missing("%s"),
    )
    rendered = set()

    def record(sender, template, **kwargs):
        if template.origin.template_name and template.origin.template_name.startswith(wording.WRITER_DIR):
            rendered.add(template.origin.template_name.removeprefix(wording.WRITER_DIR).removesuffix(".txt"))

    wording.template.cache_clear()
    monkeypatch.setattr(wording, "engine", lambda: strict)
    template_rendered.connect(record)
    yield rendered
    template_rendered.disconnect(record)
    wording.template.cache_clear()


def nothing(school):
    return None


@pytest.mark.parametrize("name", TEMPLATE_NAMES)
def test_every_template_renders_with_nothing_to_tell(name):
    for period in PERIODS:
        text = wording.words(name, n=0, period=period, school_year=period.kind == "school_year")
        assert "0元" not in text and "None" not in text


@pytest.mark.parametrize("build", [nothing, single_year, busy_year], ids=["empty", "single", "busy"])
def test_every_template_renders_for_the_year(school, build, strict_templates, with_provisions):
    build(school)
    for period in PERIODS:
        document = assemble(school, period, today=TODAY)
        assert document.title and document.signature
    assert "document_title" in strict_templates
    if build is not nothing:
        assert {"heading", "intro", "title", "group_heading"} <= strict_templates


def test_every_template_in_the_directory_is_rendered_by_some_year(
    school, other_school, strict_templates, with_provisions
):
    """A template added to the directory is rendered here, or this test names it."""
    single_year(school)
    busy_year(other_school)
    for period in PERIODS:
        assemble(school, period, today=TODAY)
        assemble(other_school, period, today=TODAY)
    assert sorted(set(TEMPLATE_NAMES) - strict_templates) == []
    assert TEMPLATE_NAMES


# --- titles, signature, editions, money ------------------------------------------------------


def test_the_title_is_the_short_name_and_the_period(school):
    school.short_name = "实验初中"
    school.save()
    assert assemble(school, Period.calendar_year(2018), today=TODAY).title == "实验初中2018年度工会工作总结"
    assert assemble(school, Period.school_year(2018), today=TODAY).title == "实验初中2018—2019学年工会工作总结"


def test_the_title_falls_back_to_the_full_name(school):
    assert assemble(school, Period.calendar_year(2018), today=TODAY).title == "清溪区实验初级中学2018年度工会工作总结"


def test_the_signature_is_the_unions_name_or_the_school_and_its_union(school):
    assert assemble(school, Period.calendar_year(2018), today=TODAY).signer() == "清溪区实验初级中学工会"
    school.union_name = "实验初中工会委员会"
    school.save()
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert (document.signature, document.signer()) == ("实验初中工会委员会", "实验初中工会委员会")


def test_editions_read_first_then_in_chinese_numerals():
    assert [edition(1, "个"), edition(1, "届"), edition(11, "个"), edition(11, "届"), edition(None)] == [
        "首个",
        "首届",
        "第十一个",
        "第十一届",
        "",
    ]


def test_a_campaign_says_its_edition(school):
    with scopes_disabled():
        drives = [
            CampaignFactory(school=school, title=title, number=number, launched_on=datetime.date(2018, month, 1))
            for title, number, month in (("师德建设月", 1, 9), ("读书月", 11, 4), ("教学节", 1, 11), ("艺术节", 11, 5))
        ]
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    texts = [item(document, key(drive)).text for drive in drives]
    assert "首个“师德建设月”" in texts[0]
    assert "第十一个“读书月”" in texts[1]
    assert "首届“教学节”" in texts[2]
    assert "第十一届“艺术节”" in texts[3]
    assert "第一" not in "".join(texts)


def test_money_prints_without_zero_cents_and_nothing_for_none():
    from decimal import Decimal

    assert [yuan(Decimal("3600.00")), yuan(Decimal("3600.50")), yuan(Decimal("0.05")), yuan(None), yuan("")] == [
        "3600元",
        "3600.50元",
        "0.05元",
        "",
        "",
    ]


# --- the union's habits ------------------------------------------------------------------------


def test_a_yearly_activity_reads_as_the_unions_habit(school):
    with scopes_disabled():
        drive = ActivityFactory(
            school=school,
            title="慈善募捐",
            category=default_category(school, SummarySection.CARE),
            starts_on=datetime.date(2018, 12, 1),
            yearly=True,
        )
        check = ActivityFactory(
            school=school,
            title="教职工健康体检",
            category=Category.objects.get(school=school, name="健康体检"),
            starts_on=datetime.date(2018, 11, 6),
            yearly=True,
        )
        once = ActivityFactory(
            school=school,
            title="教工趣味运动会",
            category=default_category(school, SummarySection.CULTURE),
            starts_on=datetime.date(2018, 11, 20),
        )
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert "开展一年一度的慈善募捐活动" in telling(document, key(drive)).text
    assert "一年一次的教职工健康体检" in telling(document, key(check)).text
    assert "一年一" not in telling(document, key(once)).text


def test_an_activity_held_in_the_three_years_before_reads_as_carried_on(school):
    union = default_category(school, SummarySection.UNION)
    with scopes_disabled():
        for title, year in (("工会会员大会", 2016), ("工会委员会换届", 2014)):
            ActivityFactory(school=school, title=title, category=union, starts_on=datetime.date(year, 5, 1))
        again = ActivityFactory(
            school=school, title="工会会员大会", category=union, starts_on=datetime.date(2018, 5, 1)
        )
        long_ago = ActivityFactory(
            school=school, title="工会委员会换届", category=union, starts_on=datetime.date(2018, 6, 1)
        )
    text = telling(assemble(school, Period.calendar_year(2018), today=TODAY), key(again)).text
    carried = re.findall(r"(?:照例|继续)[^；。]*", text)
    assert len(carried) == 1 and again.title in carried[0], text
    assert long_ago.title in text


# --- a busy year holds together ------------------------------------------------------------------


@pytest.fixture
def busy(school):
    return busy_year(school)


def test_the_busy_year_tells_every_section_in_order(school, busy):
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    reading_club = busy.campaigns["读书月"].category_id
    assert [s.key for s in document.sections] == [
        "ethics",
        "competence",
        "democracy",
        "care",
        "culture",
        "women",
        "retirees",
        "care_action",
        "union",
        "category:{}".format(reading_club),
    ]
    assert sum(len(s.items) for s in document.sections) > 25
    assert len(sources(document)) > 100


def test_every_word_of_a_busy_year_is_chinese(school, busy):
    for period in PERIODS:
        document = assemble(school, period, today=TODAY)
        assert [text for text in printed(document) if re.search(r"[A-Za-z]{2,}", text)] == []


# --- clubs -----------------------------------------------------------------------------------


def club_with_outings(school, *titles):
    with scopes_disabled():
        club = ClubFactory(school=school, name="乒乓球队")
        club.members.set([MemberFactory(school=school) for _ in range(4)])
        outings = [
            ActivityFactory(
                school=school,
                title=title,
                club=club,
                category=default_category(school, SummarySection.CULTURE),
                starts_on=datetime.date(2018, 5 + n, 10),
                description="",
            )
            for n, title in enumerate(titles)
        ]
    return club, outings


def club_award(school, club, title, rank, month):
    with scopes_disabled():
        return AwardFactory(
            school=school,
            title=title,
            rank=rank,
            club=club,
            recipient_kind="group",
            group_name=club.name,
            awarded_on=datetime.date(2018, month, 20),
        )


def test_a_club_award_is_told_once_with_its_own_competition(school):
    club, (league, contest) = club_with_outings(school, "乒乓球联赛", "区教职工乒乓球赛")
    won = club_award(school, club, "区教职工乒乓球赛", "一等奖", 6)
    invited = club_award(school, club, "市乒乓球邀请赛", "三等奖", 9)
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    clubs = item(document, "culture:clubs")
    assert set(clubs.sources) == {key(club), key(league), key(contest), key(won), key(invited)}
    sentences = clubs.text.split("。")
    [told_league] = [s for s in sentences if "乒乓球联赛" in s]
    [told_contest] = [s for s in sentences if "区教职工乒乓球赛" in s]
    [told_invitation] = [s for s in sentences if "市乒乓球邀请赛" in s]
    assert "奖" not in told_league
    assert "一等奖" in told_contest and "三等奖" not in told_contest
    assert "三等奖" in told_invitation
    assert clubs.text.count("一等奖") == 1 and clubs.text.count("三等奖") == 1


def test_the_outings_and_awards_of_a_deleted_club_are_still_told(school):
    club, (outing,) = club_with_outings(school, "区教职工乒乓球赛")
    won = club_award(school, club, "区教职工乒乓球赛", "一等奖", 6)
    with scopes_disabled():
        club.soft_delete()
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert key(club) not in sources(document)
    assert "区教职工乒乓球赛" in telling(document, key(outing)).text
    assert "一等奖" in telling(document, key(won)).text


def test_a_busy_school_year_speaks_of_the_school_year(school, with_provisions):
    busy_year(school)
    for period in (Period.school_year(2017), Period.school_year(2018)):
        text = whole(assemble(school, period, today=TODAY))
        assert "本学年" in text
        assert [word for word in ("全年", "今年", "一年来", "一年中", "上一年") if word in text] == []


# --- each record told once -----------------------------------------------------------------------


def told_once(document):
    return {source: count for source, count in sources(document).items() if count > 1} == {}


def test_an_activity_done_with_a_partner_in_a_campaign_is_told_once(school):
    competence = default_category(school, SummarySection.COMPETENCE)
    with scopes_disabled():
        month = CampaignFactory(
            school=school, title="教学月", number=None, category=competence, launched_on=datetime.date(2018, 11, 1)
        )
        lessons = ActivityFactory(
            school=school, title="示范课展示", category=competence, campaign=month, starts_on=datetime.date(2018, 11, 5)
        )
        exchange = ActivityFactory(
            school=school,
            title="校际教学交流",
            category=competence,
            campaign=month,
            starts_on=datetime.date(2018, 11, 20),
        )
        partner = PartnershipFactory(
            school=school, partner="东湖中心学校", started_on=datetime.date(2018, 9, 1), activities=[exchange]
        )
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert told_once(document)
    assert item(document, key(month)).sources == [key(month), key(lessons), key(exchange)]
    assert key(partner) in item(document, "union:partnerships").sources
    assert whole(document).count("校际教学交流") == 1


def test_a_pledge_leaves_another_campaigns_activity_and_another_drives_notice_alone(school):
    care = default_category(school, SummarySection.CARE)
    with scopes_disabled():
        drives = [
            PledgeDriveFactory(
                school=school, title="拒绝有偿补课公开承诺书", year=2018, opened_on=datetime.date(2018, month, 10)
            )
            for month in (3, 9)
        ]
        notice = NoticeFactory(
            school=school,
            title="拒绝有偿补课承诺书公示",
            starts_on=datetime.date(2018, 3, 12),
            published_at=timezone.make_aware(datetime.datetime(2018, 3, 12, 9, 0)),
        )
        visits = CampaignFactory(
            school=school, title="家访月", number=None, category=care, launched_on=datetime.date(2018, 10, 1)
        )
        meeting = ActivityFactory(
            school=school,
            title="拒绝有偿补课家长会",
            category=care,
            campaign=visits,
            starts_on=datetime.date(2018, 10, 8),
        )
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert told_once(document)
    assert item(document, key(visits)).sources == [key(visits), key(meeting)]
    assert item(document, key(drives[0])).sources == [key(drives[0]), key(notice)]
    assert item(document, key(drives[1])).sources == [key(drives[1])]
    assert whole(document).count("拒绝有偿补课家长会") == 1
    assert whole(document).count("承诺书在校园内进行公示") == 1


# --- no figure contradicts what it stands over --------------------------------------------------


def test_the_district_and_above_figure_counts_the_prizes_won_there_in_person_times(school):
    kind, level, status = AwardKind, AwardLevel, AwardStatus
    with scopes_disabled():
        members = [MemberFactory(school=school) for _ in range(3)]
        for award_kind, at, state, winners in [
            (kind.COMPETITION, level.DISTRICT, status.AWARDED, 2),  # won: 2
            (kind.PAPER_AWARDED, level.CITY, status.AWARDED, 1),  # won: 1
            (kind.RESEARCH, level.PROVINCE, status.AWARDED, 1),  # the project's findings won: 1
            (kind.COMPETITION, level.TOWNSHIP, status.AWARDED, 3),  # below the district
            (kind.COMPETITION, level.CITY, status.APPLIED, 1),  # not won yet
            (kind.PAPER_PUBLISHED, level.NATION, status.PUBLISHED, 1),  # published, not a prize
            (kind.RESEARCH, level.CITY, status.APPROVED, 3),  # a project approved, not a prize
            (kind.OPEN_LESSON, level.DISTRICT, status.AWARDED, 1),  # a lesson given, not a prize
        ]:
            AwardFactory(
                school=school,
                kind=award_kind,
                level=at,
                status=state,
                awarded_on=datetime.date(2018, 5, 1),
                members=members[:winners],
            )
    results = item(assemble(school, Period.calendar_year(2018), today=TODAY), "awards:results")
    assert "4人次在区级及以上比赛和评比中获奖" in results.text


# --- punctuation -------------------------------------------------------------------------------

# Where a template's optional parts meet wrongly: "A、等", "，。", "““…”…”", "学校组织，签署".
GLITCHES = re.compile(r"、等|[，、；：]{2,}|[，、；：]。|。[，、；。]|““|””|“”|《》|（）|遇有等|组织，")


def glitches(document):
    return [(text, GLITCHES.findall(text)) for text in printed(document) if GLITCHES.search(text)]


def test_a_results_paragraph_closes_each_list_with_a_full_stop(school):
    with scopes_disabled():
        winner, applicant, researcher = (MemberFactory(school=school, name=n) for n in ("钱芳", "孙伟", "冯娟"))
        for title, award_kind, state, member in [
            ("青年教师基本功比赛", AwardKind.COMPETITION, AwardStatus.AWARDED, winner),
            ("优质课评比", AwardKind.COMPETITION, AwardStatus.APPLIED, applicant),
            ("作业设计研究", AwardKind.RESEARCH, AwardStatus.APPLIED, researcher),
        ]:
            AwardFactory(
                school=school,
                title=title,
                kind=award_kind,
                status=state,
                rank="二等奖",
                awarded_on=datetime.date(2018, 5, 1),
                members=[member],
            )
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    text = item(document, "awards:results").text
    assert "钱芳在区级青年教师基本功比赛中获二等奖。" in text
    assert "孙伟申报了区级优质课评比。" in text
    assert "冯娟主持的区级课题《作业设计研究》已申报。" in text
    assert glitches(document) == []


def test_visits_for_no_listed_occasion_do_not_leave_an_empty_list(school):
    with scopes_disabled():
        birthday = VisitFactory(
            school=school,
            member=MemberFactory(school=school, name="钱芳"),
            reason=VisitReason.BIRTHDAY,
            visited_on=datetime.date(2018, 5, 2),
        )
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    text = telling(document, key(birthday)).text
    assert "钱芳老师生日" in text and "遇有" not in text
    assert glitches(document) == []


def test_a_title_with_its_own_quotes_is_not_quoted_again(school):
    with scopes_disabled():
        action = CampaignFactory(
            school=school, title="“个十百千万”行动", number=None, theme="", launched_on=datetime.date(2018, 3, 5)
        )
        honour = AwardFactory(
            school=school,
            title="“最美教师”",
            kind=AwardKind.HONOUR,
            awarded_on=datetime.date(2018, 9, 10),
            members=[MemberFactory(school=school, name="钱芳")],
        )
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert "“个十百千万”行动" in item(document, key(action)).text
    assert "“最美教师”" in telling(document, key(honour)).text
    assert glitches(document) == []


def test_a_pledge_with_a_described_activity_reads_without_a_dangling_comma(school):
    with scopes_disabled():
        members = [MemberFactory(school=school) for _ in range(3)]
        drive = PledgeDriveFactory(school=school, year=2018, opened_on=datetime.date(2018, 9, 10))
        for member in members:
            PledgeSignatureFactory(drive=drive, member=member, signed_on=datetime.date(2018, 9, 11))
        talk, signing = (
            ActivityFactory(
                school=school,
                title=title,
                category=default_category(school, SummarySection.ETHICS),
                starts_on=datetime.date(2018, 9, date),
                description=description,
            )
            for title, date, description in (
                ("拒绝有偿补课宣讲", 10, ""),
                ("拒绝有偿补课承诺签名", 11, "全体教师签名承诺"),
            )
        )
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    text = item(document, key(drive)).text
    assert "全体教师签名承诺" in text
    assert "学校组织拒绝有偿补课宣讲，全体教职工郑重签署了《拒绝有偿补课公开承诺》" in text
    assert glitches(document) == []

    # Every activity described: the drive is told without a list of them.
    with scopes_disabled():
        talk.description = "校长作专题宣讲"
        talk.save()
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert "学校组织全体教职工郑重签署了" in item(document, key(drive)).text
    assert glitches(document) == []


# --- told as it was ------------------------------------------------------------------------------


def test_a_paper_still_applied_for_is_not_told_as_a_prize(school):
    with scopes_disabled():
        AwardFactory(
            school=school,
            title="作业设计的实践与思考",
            kind=AwardKind.PAPER_AWARDED,
            status=AwardStatus.APPLIED,
            level=AwardLevel.CITY,
            rank="",
            awarded_on=datetime.date(2018, 5, 1),
            members=[MemberFactory(school=school, name="孙伟")],
        )
    text = item(assemble(school, Period.calendar_year(2018), today=TODAY), "awards:results").text
    assert "孙伟申报了市级作业设计的实践与思考" in text
    assert "获" not in text
    assert text.count("作业设计的实践与思考") == 1


def test_the_principals_report_topics_are_listed_in_words(school):
    with scopes_disabled():
        session = SessionFactory(
            term__school=school,
            held_on=datetime.date(2018, 3, 14),
            report_topics="教育教学质量稳步提升\n师资队伍建设\n",
        )
    text = telling(assemble(school, Period.calendar_year(2018), today=TODAY), key(session)).text
    assert "报告涉及教育教学质量稳步提升、师资队伍建设等方面" in text
    assert not re.search(r"[\[\]'\"]", text)


def test_a_work_titled_with_its_kind_does_not_say_the_kind_twice(school):
    with scopes_disabled():
        member = MemberFactory(school=school, name="韩颖")
        for title, award_kind, state in (
            ("论文《让每一个学生都被看见》", AwardKind.PAPER_AWARDED, AwardStatus.AWARDED),
            ("课题《初中语文作业设计研究》", AwardKind.RESEARCH, AwardStatus.APPROVED),
            ("市级课题《核心素养下的作业设计》", AwardKind.RESEARCH, AwardStatus.CONCLUDED),
        ):
            AwardFactory(
                school=school,
                title=title,
                kind=award_kind,
                status=state,
                awarded_on=datetime.date(2018, 5, 1),
                members=[member],
            )
    text = item(assemble(school, Period.calendar_year(2018), today=TODAY), "awards:results").text
    assert "韩颖的论文《让每一个学生都被看见》获区级一等奖" in text
    assert "韩颖主持的区级课题《初中语文作业设计研究》成功立项" in text
    assert "韩颖主持的市级课题《核心素养下的作业设计》顺利结题" in text
    assert "论文论文" not in text and "课题课题" not in text and "课题市级" not in text


def test_the_text_is_plain_as_the_records_wrote_it(school):
    """The preview and the exports escape what they print: the writer leaves '"', "&" and "<" as typed."""
    with scopes_disabled():
        talk = ActivityFactory(
            school=school,
            title='"双减"政策学习',
            category=default_category(school, SummarySection.ETHICS),
            starts_on=datetime.date(2018, 9, 20),
            description="学习<减负>通知，家校共育&减负",
        )
    text = telling(assemble(school, Period.calendar_year(2018), today=TODAY), key(talk)).text
    assert '"双减"政策学习' in text and "学习<减负>通知，家校共育&减负" in text
    assert "&quot;" not in text and "&amp;" not in text and "&lt;" not in text


def test_a_description_that_repeats_the_title_is_not_printed_twice(school):
    union = default_category(school, SummarySection.UNION)
    with scopes_disabled():
        visits, launch, meeting = (
            ActivityFactory(
                school=school, title=title, category=union, starts_on=datetime.date(2018, 9, date), description=text
            )
            for title, date, text in (
                ("教师家访", 3, "开展教师家访活动。"),
                ("第十八个“师德建设月”活动启动仪式", 5, "举行第十八个“师德建设月”启动仪式，校长作动员讲话。"),
                ("工会委员会例会", 9, "召开工会委员会例会"),
            )
        )
    text = telling(assemble(school, Period.calendar_year(2018), today=TODAY), key(visits)).text
    assert text.count("教师家访") == 1
    assert text.count("启动仪式") == 1 and "校长作动员讲话" in text
    assert text.count("工会委员会例会") == 1


def test_a_campaign_stands_under_the_group_of_its_kind_of_work(school):
    with scopes_disabled():
        named = {c.name: c for c in Category.objects.filter(school=school)}
        warmth, openness, meetings = (
            CampaignFactory(school=school, title=title, number=None, category=named[category], launched_on=launched)
            for title, category, launched in (
                ("送温暖", "关爱与维权", datetime.date(2018, 1, 10)),
                ("校务公开月", "校务公开", datetime.date(2018, 5, 1)),
                ("民主恳谈月", "民主管理", datetime.date(2018, 6, 1)),
            )
        )
        visit = VisitFactory(school=school, visited_on=datetime.date(2018, 1, 20))
        MutualAidGrantFactory(school=school, granted_on=datetime.date(2018, 5, 5))
        DemocraticEvaluationFactory(school=school, evaluated_on=datetime.date(2018, 6, 20))
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert place(document, key(visit)) == ("care", key(warmth), "care")
    assert place(document, key(openness)) == ("democracy", key(openness), "disclosure")
    assert place(document, key(meetings)) == ("democracy", key(meetings), "congress")
    care = next(s for s in document.sections if s.key == "care")
    assert [(group.key, [i.key for _n, i in told]) for group, told in care.blocks()] == [
        ("care", [key(warmth)]),
        ("rights", ["care:hardship"]),
    ]


@pytest.mark.parametrize("section", [SummarySection.UNION, SummarySection.CULTURE])
def test_an_activity_held_before_reads_as_carried_on_when_told_alone(school, section):
    category = default_category(school, section)
    with scopes_disabled():
        ActivityFactory(school=school, title="教职工拔河比赛", category=category, starts_on=datetime.date(2016, 4, 1))
        again = ActivityFactory(
            school=school, title="教职工拔河比赛", category=category, starts_on=datetime.date(2018, 4, 12)
        )
    text = telling(assemble(school, Period.calendar_year(2018), today=TODAY), key(again)).text
    assert re.search(r"(照例|继续)[^；。]*教职工拔河比赛", text), text


def test_a_greeting_to_the_women_names_its_own_festival(school):
    with scopes_disabled():
        batch = GreetingBatchFactory(
            school=school,
            festival=Festival.MID_AUTUMN,
            year=2018,
            given_on=datetime.date(2018, 9, 24),
            audience=Audience.WOMEN,
            gifts="月饼",
        )
        GreetingRecipientFactory(batch=batch, member=MemberFactory(school=school))
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    text = telling(document, key(batch)).text
    assert place(document, key(batch))[0] == "women"
    assert "中秋节" in text and "月饼" in text and "三八" not in text


def test_the_visiting_rule_is_told_once_with_the_visits(school, with_provisions):
    with scopes_disabled():
        visit = VisitFactory(school=school, visited_on=datetime.date(2018, 4, 2))
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert told_once(document)
    assert "standingrule:1" in telling(document, key(visit)).sources
    assert whole(document).count("六必访") == 1


# --- a busy year: each record told once, every record told, no figure contradicting it ---------------


def records_of(school, period):
    """The source keys of every live record of the period the writer tells."""
    start, end = period.start, period.end
    with scopes_disabled():
        activities = Activity.objects.filter(school=school, starts_on__range=(start, end))
        awards = Award.objects.filter(school=school, awarded_on__range=(start, end))
        found = [
            *activities,
            *awards,
            *Visit.objects.filter(school=school, visited_on__range=(start, end)),
            *GreetingBatch.objects.filter(school=school, given_on__range=(start, end)),
            *notices_published_between(Notice.objects.filter(school=school), start, end),
            *Session.objects.filter(school=school, held_on__range=(start, end)),
            *DemocraticEvaluation.objects.filter(school=school, evaluated_on__range=(start, end)),
            *PledgeDrive.objects.filter(school=school, opened_on__range=(start, end)),
            *Promotion.objects.filter(school=school, promoted_on__range=(start, end)),
            *MutualAidGrant.objects.filter(school=school, granted_on__range=(start, end)),
            *Campaign.objects.filter(school=school, activities__in=activities).distinct(),
            *Club.objects.filter(school=school).filter(Q(activities__in=activities) | Q(awards__in=awards)).distinct(),
        ]
    return {key(record) for record in found}


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_a_busy_year_tells_each_record_once_and_every_record(school, busy, period, with_provisions):
    document = assemble(school, period, today=TODAY)
    assert told_once(document)
    expected = records_of(school, period)
    assert len(expected) > 40
    assert sorted(expected - set(sources(document))) == []


@pytest.mark.parametrize("period", PERIODS, ids=str)
def test_a_busy_year_prints_no_zero_money_nor_zero_cents_nor_glitches(school, busy, period, with_provisions):
    document = assemble(school, period, today=TODAY)
    text = whole(document)
    assert "元" in text
    assert re.findall(r"(?<![\d.,])0(?:\.\d+)?元|\.00元|None|\[|\]", text) == []
    assert glitches(document) == []
    for part in document.sections:
        for told in part.items:
            assert told.text.endswith("。"), told.text


def test_a_campaigns_paragraph_names_each_of_its_activities_of_the_period_once(school, busy):
    for period in PERIODS:
        document = assemble(school, period, today=TODAY)
        for campaign in busy.campaigns.values():
            with scopes_disabled():
                held = list(
                    campaign.activities.filter(starts_on__range=(period.start, period.end)).order_by("starts_on", "pk")
                )
            if not held:
                assert key(campaign) not in sources(document)
                continue
            told = item(document, key(campaign))
            assert [s for s in told.sources if s.startswith("activity:")] == [key(a) for a in held]
            for activity in held:
                assert told.text.count(activity.title) == 1, (activity.title, told.text)
            # No stock count of person-times closes a campaign: its people are in the figures.
            assert re.findall(r"(\d+)人次参加", told.text) == [], told.text


def test_a_busy_years_figures_equal_the_records_they_stand_over(school, busy):
    document = assemble(school, Period.calendar_year(2018), today=TODAY)

    results = item(document, "awards:results").text
    with scopes_disabled():
        won = [
            a
            for a in busy.awards
            if a.status == AwardStatus.AWARDED
            # Prizes and honours won from the district up; a lesson given is no prize.
            and a.kind != AwardKind.OPEN_LESSON
            and a.level >= AwardLevel.DISTRICT
        ]
        person_times = sum(a.members.count() or 1 for a in won)
    assert won and re.findall(r"(\d+)人次在区级及以上", results) == [str(person_times)]

    promoted = re.findall(r"([\u4e00-\u9fff]{2,3})晋升为", results)
    with scopes_disabled():
        assert promoted == [p.member.name for p in busy.promotions]
    assert re.findall(r"(\d+)位教师晋升职称", results) == [str(len(busy.promotions))]

    disclosure = item(document, "disclosure")
    [(said, listed)] = re.findall(r"共公示(\d+)项：([^。]*)。", disclosure.text)
    notices = [s for s in disclosure.sources if s.startswith("notice:")]
    assert int(said) == len(re.split("[、；]", listed)) == len(notices) == len(busy.notices) - 1

    visits = item(document, key(busy.campaigns["送温暖"]))
    money = sum(v.amount for v in busy.visits if v.amount and not v.is_to_retiree)
    assert "送出慰问金{}元".format(int(money)) in visits.text


def test_a_busy_years_records_land_in_their_sections_and_groups(school, busy):
    document = assemble(school, Period.calendar_year(2018), today=TODAY)
    campaigns = busy.campaigns
    with scopes_disabled():
        member_awards = [a for a in busy.awards if a.recipient_kind == "members"]
    expected = {
        key(campaigns["师德建设月"]): ("ethics", key(campaigns["师德建设月"]), ""),
        key(busy.pledge): ("ethics", key(busy.pledge), ""),
        key(busy.notices[0]): ("ethics", key(busy.pledge), ""),
        key(busy.mentor_pairs[0]): ("competence", key(campaigns["青蓝工程"]), ""),
        key(busy.promotions[0]): ("competence", "awards:results", ""),
        key(busy.sessions[0]): ("democracy", "congress", "congress"),
        key(busy.notices[1]): ("democracy", "disclosure", "disclosure"),
        key(busy.evaluations[0]): ("democracy", "evaluations", "evaluation"),
        key(busy.visits[0]): ("care", key(campaigns["送温暖"]), "care"),
        key(busy.health[0]): ("care", "care:health", "care"),
        key(busy.grants[0]): ("care", "care:hardship", "rights"),
        key(busy.greetings[1]): ("care", "care:greetings", "care"),
        key(busy.greetings[4]): ("women", "women", ""),
        key(busy.greetings[2]): ("retirees", "retirees", ""),
        key(busy.greetings[8]): ("retirees", "retirees", ""),
        key(busy.visits[-1]): ("retirees", "retirees", ""),
        key(busy.club_awards[0]): ("culture", "culture:clubs", ""),
        key(busy.club_activities[0]): ("culture", "culture:clubs", ""),
        key(busy.school_awards[0]): ("union", "union:members", ""),
        key(busy.partnership_activity): ("union", "union:partnerships", ""),
        key(campaigns["读书月"]): ("category:{}".format(campaigns["读书月"].category_id), key(campaigns["读书月"]), ""),
    }
    assert {source: place(document, source) for source in expected} == expected
    for award in member_awards:
        told = place(document, key(award))[1]
        # Honours of the school or township go with the ethics work; from the district up
        # they count with the year's results (7人次在区级及以上比赛和活动中获奖).
        among_honours = award.kind == AwardKind.HONOUR and (
            award.status in PENDING_AWARD_STATUSES or award.level < AwardLevel.DISTRICT
        )
        assert told == ("awards:honours" if among_honours else "awards:results")
