"""The activity log's figures for the annual summary, with exact numbers: what counts
(live activities that began in the period, live members), and what does not."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope, scopes_disabled

from activities.choices import SummarySection
from activities.selectors.log import activities_between, activity_figures, month_calendar
from tests.activity_factories import ActivityFactory, CampaignFactory, default_category
from tests.factories import MemberFactory

from .factories_log import add_members

YEAR = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


def day(month, number, year=2025):
    return datetime.date(year, month, number)


@pytest.fixture
def year_of_work(school, other_school):
    with scopes_disabled():
        ethics = default_category(school, SummarySection.ETHICS)  # 师德师风建设, position 1
        theory = next(c for c in ethics.__class__.objects.filter(school=school) if c.name == "理论学习")
        culture = default_category(school, SummarySection.CULTURE)  # 文体活动
        union = default_category(school, SummarySection.UNION)  # 工会自身建设
        m = [MemberFactory(school=school, name=name) for name in ("张一", "王二", "李三", "赵四", "陈五", "刘六")]
        gone = m[5]
        campaign = CampaignFactory(school=school)
        made = {
            "a1": ActivityFactory(
                school=school,
                title="师德建设月启动",
                category=ethics,
                campaign=campaign,
                starts_on=day(3, 5),
                outside_participants=5,
                participants=m[0:3],
            ),
            "a2": ActivityFactory(
                school=school, title="师德报告会", category=ethics, starts_on=day(3, 20), participants=[m[0], m[3]]
            ),
            "a3": ActivityFactory(
                school=school,
                title="气排球比赛",
                category=culture,
                starts_on=day(10, 15),
                ends_on=day(10, 17),
                outside_participants=12,
                participants=m[0:5],
            ),
            "a6": ActivityFactory(
                school=school,
                title="年终工会工作会议",
                category=union,
                starts_on=day(12, 31),
                participants=[gone, m[1]],
            ),
            "a8": ActivityFactory(
                school=school, title="理论学习", category=theory, starts_on=day(5, 1), participants=[m[4]]
            ),
        }
        deleted = ActivityFactory(school=school, category=culture, starts_on=day(10, 16), participants=[m[0]])
        deleted.soft_delete()
        ActivityFactory(school=school, category=culture, starts_on=day(12, 31, 2024), participants=[m[0]])
        ActivityFactory(school=school, category=culture, starts_on=day(1, 1, 2026), participants=[m[0]])
        ActivityFactory(
            school=other_school,
            starts_on=day(5, 1),
            outside_participants=100,
            participants=[MemberFactory(school=other_school) for _n in range(3)],
        )
        gone.soft_delete()
    return made


def test_activity_figures_count_the_years_work_exactly(school, year_of_work):
    with scope(school=[school.pk]):
        figures = activity_figures(school, *YEAR)
    assert figures["activities"] == 5
    assert figures["participations"] == 12  # 3 + 2 + 5 + 1 (the deleted member is left out) + 1
    assert figures["participants"] == 5
    assert figures["outside_participations"] == 17
    assert figures["by_section"] == {
        "ethics": {"activities": 3, "participations": 6},
        "culture": {"activities": 1, "participations": 5},
        "union": {"activities": 1, "participations": 1},
    }
    assert figures["by_category"] == [
        {"category": "师德师风建设", "section": "ethics", "activities": 2, "participations": 5},
        {"category": "理论学习", "section": "ethics", "activities": 1, "participations": 1},
        {"category": "文体活动", "section": "culture", "activities": 1, "participations": 5},
        {"category": "工会自身建设", "section": "union", "activities": 1, "participations": 1},
    ]
    by_month = figures["by_month"]
    assert list(by_month) == [datetime.date(2025, month, 1) for month in range(1, 13)]
    assert by_month[day(3, 1)] == {"activities": 2, "participations": 5}
    assert by_month[day(5, 1)] == {"activities": 1, "participations": 1}
    assert by_month[day(10, 1)] == {"activities": 1, "participations": 5}
    assert by_month[day(12, 1)] == {"activities": 1, "participations": 1}
    assert sum(month["activities"] for month in by_month.values()) == 5
    assert by_month[day(1, 1)] == {"activities": 0, "participations": 0}


def test_activity_figures_of_a_school_year_span_two_calendar_years(school, year_of_work):
    with scope(school=[school.pk]):
        figures = activity_figures(school, day(9, 1), day(8, 31, 2026))
    assert figures["activities"] == 3  # 气排球比赛, 年终工会工作会议 and the one of 1 January 2026
    assert figures["participations"] == 5 + 1 + 1
    assert figures["participants"] == 5
    assert list(figures["by_month"])[0] == day(9, 1) and list(figures["by_month"])[-1] == day(8, 1, 2026)
    assert figures["by_month"][day(1, 1, 2026)] == {"activities": 1, "participations": 1}


def test_activity_figures_of_an_empty_period_are_zero(school, year_of_work):
    with scope(school=[school.pk]):
        figures = activity_figures(school, day(6, 1), day(6, 30))
    assert figures == {
        "activities": 0,
        "participations": 0,
        "participants": 0,
        "outside_participations": 0,
        "by_category": [],
        "by_section": {},
        "by_month": {day(6, 1): {"activities": 0, "participations": 0}},
        "people_by_activity": {},
    }


def test_activity_figures_cost_the_same_queries_for_a_small_or_large_year(school):
    with scope(school=[school.pk]):
        members = add_members(school, 30)
        ActivityFactory(school=school, starts_on=day(3, 1), participants=members[:3])
        with CaptureQueriesContext(connection) as small:
            activity_figures(school, *YEAR)
        for n in range(40):
            ActivityFactory(school=school, starts_on=day(1 + n % 12, 1 + n % 28), participants=members[n % 10 :])
        with CaptureQueriesContext(connection) as large:
            figures = activity_figures(school, *YEAR)
    assert len(small) == len(large) <= 8
    assert figures["activities"] == 41


def test_activities_between_are_in_date_order_with_category_and_campaign(school, year_of_work):
    with scope(school=[school.pk]):
        activities = activities_between(school, *YEAR)
        with CaptureQueriesContext(connection) as queries:
            rows = [(a.title, a.category.name, a.campaign and a.campaign.full_title) for a in activities]
    assert len(queries) == 1
    assert rows == [
        ("师德建设月启动", "师德师风建设", "第十一个师德建设月"),
        ("师德报告会", "师德师风建设", None),
        ("理论学习", "理论学习", None),
        ("气排球比赛", "文体活动", None),
        ("年终工会工作会议", "工会自身建设", None),
    ]


def test_month_calendar_spreads_an_activity_over_its_days_within_the_month(school, year_of_work):
    with scope(school=[school.pk]):
        weeks = month_calendar(school, 2025, 10)
    days = {d["date"]: [a.title for a in d["activities"]] for week in weeks for d in week}
    assert [date for date, titles in sorted(days.items()) if titles] == [day(10, 15), day(10, 16), day(10, 17)]
    assert all(len(week) == 7 for week in weeks) and weeks[0][0]["date"].weekday() == 0
