"""The summary's period, what it leaves out, and its plain-data form: school years cut at
1 September, empty sections left out, deleted records left out, a category the school
added under "other work", and the JSON round trip of an assembled document."""

import datetime
import json
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from activities.choices import SummarySection
from reports.assembly import assemble
from reports.document import SummaryDocument
from reports.periods import Period
from tests.activity_factories import (
    ActivityFactory,
    CampaignFactory,
    CareLogFactory,
    CarePairFactory,
    CategoryFactory,
    ClubFactory,
    EthicsAssessmentFactory,
    EthicsPeriodFactory,
    HardshipAidFactory,
    HardshipCaseFactory,
    MentorMeetingFactory,
    MentorPairFactory,
    VisitFactory,
    default_category,
)
from tests.congress.factories import ProposalFactory, SessionFactory
from tests.factories import MemberFactory

from .reading import item, key, section, section_keys, sources, telling, whole
from .seed_year import seed_year

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)


def told(document):
    """The records the document tells."""
    return set(sources(document))


def test_school_year_cuts_at_the_first_of_september(school):
    with scopes_disabled():
        august = ActivityFactory(school=school, title="暑期教师培训", starts_on=datetime.date(2021, 8, 31))
        september = ActivityFactory(school=school, title="开学工作会", starts_on=datetime.date(2021, 9, 1))
        last_day = ActivityFactory(school=school, title="期末总结会", starts_on=datetime.date(2022, 8, 31))
        next_year = ActivityFactory(school=school, title="新学年启动", starts_on=datetime.date(2022, 9, 1))

    summary = assemble(school, Period.school_year(2021), today=TODAY)
    assert summary.title == "清溪区实验初级中学2021—2022学年工会工作总结"
    assert summary.period_label == "2021—2022学年"
    assert summary.signed_on == datetime.date(2022, 8, 31)
    assert told(summary) == {key(september), key(last_day)}
    assert "开学工作会" in whole(summary) and "期末总结会" in whole(summary)
    assert "暑期教师培训" not in whole(summary) and "新学年启动" not in whole(summary)

    previous = assemble(school, Period.school_year(2020), today=TODAY)
    assert told(previous) == {key(august)}
    following = assemble(school, Period.school_year(2022), today=TODAY)
    assert told(following) == {key(next_year)}


def test_signed_on_is_today_while_the_period_runs(school):
    summary = assemble(school, Period.school_year(2025), today=datetime.date(2026, 3, 2))
    assert summary.signed_on == datetime.date(2026, 3, 2)


def test_empty_sections_are_left_out(school):
    with scopes_disabled():
        badminton = ActivityFactory(school=school, title="教工羽毛球赛", starts_on=datetime.date(2018, 5, 4))
    summary = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert section_keys(summary) == [SummarySection.CULTURE]
    assert told(summary) == {key(badminton)}

    nothing = assemble(school, Period.calendar_year(2017), today=TODAY)
    assert nothing.sections == []
    assert nothing.title == "清溪区实验初级中学2017年度工会工作总结"


def test_a_category_the_school_added_under_other_work_has_its_own_section(school):
    with scopes_disabled():
        reading = CategoryFactory(school=school, name="读书活动", section=SummarySection.OTHER)
        own_culture = CategoryFactory(school=school, name="教工合唱", section=SummarySection.CULTURE)
        book_club = ActivityFactory(school=school, category=reading, starts_on=datetime.date(2018, 4, 23))
        choir = ActivityFactory(school=school, category=own_culture, starts_on=datetime.date(2018, 5, 4))
        union = ActivityFactory(
            school=school,
            category=default_category(school, SummarySection.UNION),
            starts_on=datetime.date(2018, 6, 1),
        )
    summary = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert section_keys(summary) == ["culture", "union", "category:{}".format(reading.pk)]
    # The school's own section is headed by its category's name; a category it added under
    # a default section joins that section.
    assert section(summary, "category:{}".format(reading.pk)).heading == "读书活动"
    assert [s.items[0].sources for s in summary.sections] == [[key(choir)], [key(union)], [key(book_club)]]


def test_deleted_records_never_count(school):
    year = seed_year(school)
    with scopes_disabled():
        reading = ActivityFactory(
            school=school,
            title="读书分享会",
            category=default_category(school, SummarySection.UNION),
            starts_on=datetime.date(2018, 12, 20),
            description="",
            participants=[MemberFactory(school=school, name=name) for name in ("钱芳", "孙伟", "冯娟")],
        )
        year.discussion.soft_delete()
        year.month.soft_delete()
        year.pledge.soft_delete()
        year.visits[0].soft_delete()
        year.session.soft_delete()
        year.volleyball_team.soft_delete()
        # A deleted member's participation counts nowhere, nor is the member named.
        reading.participants.get(name="冯娟").soft_delete()
    summary = assemble(school, Period.calendar_year(2018), today=TODAY)
    found = told(summary)
    text = whole(summary)
    for gone in (year.discussion, year.month, year.pledge, year.visits[0], year.session, year.volleyball_team):
        assert key(gone) not in found
    assert "四届三次" not in text and "拒绝有偿补课" not in text and "教工社团" not in text
    # The month's activities, no longer grouped under a live campaign, stand on their own.
    for activity in year.month_activities:
        assert key(activity) in found
    assert "师德建设月" not in text
    # The deleted club's outing is still the union's activity.
    assert key(year.volleyball) in found

    visits = item(summary, "care:visits")
    kept = year.visits[1:]
    assert sorted(visits.sources) == sorted(key(v) for v in kept)
    total = sum((v.amount for v in kept), Decimal("0"))
    assert "全年送出慰问金{}元".format(int(total)) in visits.text

    told_reading = telling(summary, key(reading))
    assert "钱芳、孙伟参加" in told_reading.text
    assert "冯娟" not in text


def test_assembled_document_survives_a_json_round_trip(school):
    seed_year(school)
    with scopes_disabled():
        # An extra campaign with no activities and a visit at a cent's precision.
        CampaignFactory(school=school, title="读书月", number=None, launched_on=datetime.date(2018, 4, 2))
        VisitFactory(
            school=school,
            member=MemberFactory(school=school),
            visited_on=datetime.date(2018, 11, 11),
            amount=Decimal("333.33"),
        )
    summary = assemble(school, Period.calendar_year(2018), today=TODAY)
    text = json.dumps(summary.to_json(), ensure_ascii=False, sort_keys=True)
    again = SummaryDocument.from_json(json.loads(text))
    assert again == summary
    assert json.dumps(again.to_json(), ensure_ascii=False, sort_keys=True) == text
    assert isinstance(again.signed_on, datetime.date)
    dated = [item for s in again.sections for item in s.items if item.date is not None]
    assert dated and all(isinstance(item.date, datetime.date) for item in dated)
    assert any(item.sources for s in again.sections for item in s.items)
    assert any(item.group for s in again.sections for item in s.items)
    # 500 + 500 + 600 yuan of the seeded visits, and the one at a cent's precision.
    assert "全年送出慰问金1933.33元" in whole(again)


def test_sessions_of_another_year_or_school_stay_out(school, other_school):
    with scopes_disabled():
        SessionFactory(term__school=school, held_on=datetime.date(2017, 12, 31))
        SessionFactory(term__school=other_school, held_on=datetime.date(2018, 3, 1))
    summary = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert summary.sections == []


def test_a_campaign_spanning_two_school_years_is_split_between_them(school):
    with scopes_disabled():
        drive = CampaignFactory(school=school, title="读书月", number=None, launched_on=datetime.date(2021, 6, 1))
        june = ActivityFactory(school=school, campaign=drive, title="读书分享会", starts_on=datetime.date(2021, 6, 10))
        autumn = ActivityFactory(school=school, campaign=drive, title="好书推荐", starts_on=datetime.date(2021, 9, 15))

    first = assemble(school, Period.school_year(2020), today=TODAY)
    [told_first] = first.sections[0].items
    assert (told_first.key, told_first.date) == (key(drive), datetime.date(2021, 6, 1))
    assert told_first.sources == [key(drive), key(june)]
    assert june.title in told_first.text and autumn.title not in told_first.text

    second = assemble(school, Period.school_year(2021), today=TODAY)
    [told_second] = second.sections[0].items
    assert told_second.key == key(drive)
    assert told_second.sources == [key(drive), key(autumn)]
    assert autumn.title in told_second.text and june.title not in told_second.text
    # Begun the school year before, it is told as carried on, not launched again.
    assert "继续" in told_second.text and "六月" not in told_second.text


def test_clubs_without_anything_in_the_period_leave_culture_out(school):
    with scopes_disabled():
        club = ClubFactory(school=school, name="书法社")
        club.members.set([MemberFactory(school=school) for _ in range(3)])
        outing = ActivityFactory(school=school, club=club, title="书法展", starts_on=datetime.date(2019, 5, 1))
    assert assemble(school, Period.calendar_year(2018), today=TODAY).sections == []
    summary = assemble(school, Period.calendar_year(2019), today=TODAY)
    clubs = item(summary, "culture:clubs")
    assert set(clubs.sources) == {key(club), key(outing)}
    assert "书法社" in clubs.text and "书法展" in clubs.text


PERIOD_WORDS = ("全年", "今年", "一年来", "一年中", "上一年")


def test_a_school_years_summary_speaks_of_the_school_year_not_the_whole_year(school):
    """Every figure of a school year's summary is the school year's: 本学年, never 全年."""
    with scopes_disabled():
        members = [MemberFactory(school=school) for _ in range(4)]
        ActivityFactory(school=school, title="开学工作会", starts_on=datetime.date(2021, 9, 1))
        drive = CampaignFactory(school=school, title="读书月", number=None, launched_on=datetime.date(2021, 6, 1))
        ActivityFactory(school=school, campaign=drive, title="好书推荐", starts_on=datetime.date(2021, 9, 15))
        VisitFactory(school=school, member=members[0], visited_on=datetime.date(2021, 10, 8))
        MentorPairFactory(school=school, mentor=members[1], mentee=members[2], school_year=2021)
        MentorMeetingFactory(pair__school=school, pair__school_year=2021, met_on=datetime.date(2021, 10, 9))
        pair = CarePairFactory(school=school, teacher=members[3], school_year=2021)
        CareLogFactory(pair=pair, month=datetime.date(2021, 10, 1))
        ProposalFactory(school=school, proposer=members[0], submitted_on=datetime.date(2022, 3, 1))
        case = HardshipCaseFactory(school=school, member=members[0], opened_on=datetime.date(2021, 11, 1))
        HardshipAidFactory(case=case, given_on=datetime.date(2021, 11, 10))
        period = EthicsPeriodFactory(
            school=school, title="2021年10月", starts_on=datetime.date(2021, 10, 1), ends_on=datetime.date(2021, 10, 31)
        )
        EthicsAssessmentFactory(period=period, member=members[0])
    school_year = whole(assemble(school, Period.school_year(2021), today=TODAY))
    assert "本学年" in school_year
    assert [word for word in PERIOD_WORDS if word in school_year] == []
    calendar_year = whole(assemble(school, Period.calendar_year(2021), today=TODAY))
    assert "本学年" not in calendar_year and "全年" in calendar_year
