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
    CategoryFactory,
    ClubFactory,
    VisitFactory,
    default_category,
)
from tests.congress.factories import SessionFactory
from tests.factories import MemberFactory

from .seed_year import seed_year

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)


def keys(document):
    return [item.key for section in document.sections for item in section.items]


def test_school_year_cuts_at_the_first_of_september(school):
    with scopes_disabled():
        august = ActivityFactory(school=school, title="暑期教师培训", starts_on=datetime.date(2021, 8, 31))
        september = ActivityFactory(school=school, title="开学工作会", starts_on=datetime.date(2021, 9, 1))
        last_day = ActivityFactory(school=school, title="期末总结会", starts_on=datetime.date(2022, 8, 31))
        next_year = ActivityFactory(school=school, title="新学年启动", starts_on=datetime.date(2022, 9, 1))

    summary = assemble(school, Period.school_year(2021), today=TODAY)
    assert summary.title == "2021—2022学年{}工会工作总结".format(school.name)
    assert summary.period_label == "2021—2022学年"
    assert summary.signed_on == datetime.date(2022, 8, 31)
    assert keys(summary) == ["activity:{}".format(september.pk), "activity:{}".format(last_day.pk)]
    # Within a school year the dates carry their year: it spans two.
    assert summary.sections[0].items[0].text.startswith("2021年9月1日，开学工作会。")

    previous = assemble(school, Period.school_year(2020), today=TODAY)
    assert keys(previous) == ["activity:{}".format(august.pk)]
    following = assemble(school, Period.school_year(2022), today=TODAY)
    assert keys(following) == ["activity:{}".format(next_year.pk)]


def test_signed_on_is_today_while_the_period_runs(school):
    summary = assemble(school, Period.school_year(2025), today=datetime.date(2026, 3, 2))
    assert summary.signed_on == datetime.date(2026, 3, 2)


def test_empty_sections_are_left_out(school):
    with scopes_disabled():
        ActivityFactory(school=school, title="教工羽毛球赛", starts_on=datetime.date(2018, 5, 4))
    summary = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert [s.key for s in summary.sections] == [SummarySection.CULTURE]
    assert summary.sections[0].sentences == ["全年开展活动1项，参与0人次。"]

    nothing = assemble(school, Period.calendar_year(2017), today=TODAY)
    assert nothing.sections == []
    assert nothing.title == "2017年{}工会工作总结".format(school.name)


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
    assert [(s.key, s.heading) for s in summary.sections] == [
        ("culture", "文体活动"),
        ("union", "工会自身建设"),
        ("category:{}".format(reading.pk), "读书活动"),
    ]
    assert [s.items[0].key for s in summary.sections] == [
        "activity:{}".format(choir.pk),
        "activity:{}".format(union.pk),
        "activity:{}".format(book_club.pk),
    ]


def test_deleted_records_never_count(school):
    year = seed_year(school)
    with scopes_disabled():
        year.discussion.soft_delete()
        year.month.soft_delete()
        year.pledge.soft_delete()
        year.visits[0].soft_delete()
        year.session.soft_delete()
        year.volleyball_team.soft_delete()
        # A deleted member's participation counts nowhere.
        year.members[-1].soft_delete()
    summary = assemble(school, Period.calendar_year(2018), today=TODAY)
    found = keys(summary)
    for gone in ("activity:{}".format(year.discussion.pk), "campaign:{}".format(year.month.pk)):
        assert gone not in found
    assert "pledge:{}".format(year.pledge.pk) not in found
    assert "session:{}".format(year.session.pk) not in found
    # The month's activities, no longer grouped under a live campaign, stand on their own.
    for activity in year.month_activities:
        assert "activity:{}".format(activity.pk) in found

    care = next(s for s in summary.sections if s.key == "care")
    kept = [v for v in year.visits[1:]]
    assert next(f.value for f in care.figures if f.key == "visits") == str(len(kept))
    total = sum((v.amount for v in kept), Decimal("0"))
    assert next(f.value for f in care.figures if f.key == "visit_yuan") == "{:,.2f}".format(total)

    culture = next(s for s in summary.sections if s.key == "culture")
    tug = next(i for i in culture.items if i.key == "activity:{}".format(year.tug_of_war.pk))
    assert tug.text.endswith("参与{}人次。".format(len(year.members) - 1))
    assert not any("教工社团" in s for s in culture.sentences)
    democracy = next(s for s in summary.sections if s.key == "democracy")
    assert not any("教职工代表大会" in s for s in democracy.sentences)


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
    assert all(isinstance(item.date, datetime.date) for s in again.sections for item in s.items)


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
    [item] = first.sections[0].items
    assert (item.key, item.date) == ("campaign:{}".format(drive.pk), datetime.date(2021, 6, 1))
    assert item.text.startswith("2021年6月1日，读书月启动。")
    assert june.title in item.text and autumn.title not in item.text

    second = assemble(school, Period.school_year(2021), today=TODAY)
    [item] = second.sections[0].items
    assert (item.key, item.date) == ("campaign:{}".format(drive.pk), autumn.starts_on)
    assert item.text.startswith("2021年9月15日起，继续开展读书月。")
    assert autumn.title in item.text and june.title not in item.text


def test_clubs_without_anything_in_the_period_leave_culture_out(school):
    with scopes_disabled():
        club = ClubFactory(school=school, name="书法社")
        club.members.set([MemberFactory(school=school) for _ in range(3)])
        ActivityFactory(school=school, club=club, starts_on=datetime.date(2019, 5, 1))
    assert assemble(school, Period.calendar_year(2018), today=TODAY).sections == []
    [culture] = assemble(school, Period.calendar_year(2019), today=TODAY).sections
    assert "学校有教工社团1个（书法社），成员3人，全年开展活动1次。" in culture.sentences


def test_a_school_years_figures_speak_of_the_school_year_not_the_whole_year(school):
    with scopes_disabled():
        ActivityFactory(school=school, title="开学工作会", starts_on=datetime.date(2021, 9, 1))
    school_year = assemble(school, Period.school_year(2021), today=TODAY)
    calendar_year = assemble(school, Period.calendar_year(2021), today=TODAY)
    school_year_sentences = [s for section in school_year.sections for s in section.sentences]
    calendar_sentences = [s for section in calendar_year.sections for s in section.sentences]
    assert any(s.startswith("本学年开展活动1项") for s in school_year_sentences), school_year_sentences
    assert not any(s.startswith("全年") for s in school_year_sentences)
    assert any(s.startswith("全年开展活动1项") for s in calendar_sentences)
