"""The figures of campaigns and clubs the annual summary reads: exact numbers.

Deleted activities, campaigns, clubs, awards and members count nowhere; another school's
records never; activities outside the period only where the function says so.
"""

import datetime

import pytest
from django_scopes import scopes_disabled

from activities.choices import AwardLevel
from activities.selectors.campaigns import (
    EMPTY_FIGURES,
    campaign_figures,
    campaigns_between,
    campaigns_of_year,
    club_figures,
)
from tests.activity_factories import ActivityFactory, AwardFactory, CampaignFactory, ClubFactory
from tests.factories import MemberFactory

D = datetime.date
YEAR_2025 = (D(2025, 1, 1), D(2025, 12, 31))


@pytest.fixture
def people(school, other_school):
    """Four members of the school (丁 later deleted) and one of the other school."""
    with scopes_disabled():
        names = ["甲", "乙", "丙", "丁"]
        people = {name: MemberFactory(school=school, name=name) for name in names}
        people["外"] = MemberFactory(school=other_school, name="外校")
    return people


def activity(school, *participants, **fields):
    return ActivityFactory(school=school, participants=list(participants), **fields)


@pytest.fixture
def ethics_month(school, other_school, people):
    """第十一个师德建设月, 2025: three live activities, one deleted, one deleted member."""
    with scopes_disabled():
        campaign = CampaignFactory(school=school, title="师德建设月", number=11, launched_on=D(2025, 9, 1))
        a, b, c, d = (people[n] for n in "甲乙丙丁")
        activity(school, a, b, c, campaign=campaign, starts_on=D(2025, 9, 3))
        activity(
            school, a, b, campaign=campaign, starts_on=D(2025, 9, 10), ends_on=D(2025, 9, 12), outside_participants=5
        )
        deleted = activity(school, a, campaign=campaign, starts_on=D(2025, 9, 20))
        deleted.soft_delete()
        activity(school, c, d, campaign=campaign, starts_on=D(2025, 10, 8))
        d.soft_delete()
        # An activity outside the campaign, with the same people: not the campaign's.
        activity(school, a, b, c, starts_on=D(2025, 9, 15))
    return campaign


def test_campaign_figures_count_live_activities_and_live_members(ethics_month):
    assert campaign_figures(ethics_month) == {
        "activities": 3,
        "participations": 6,  # 3 + 2 + 1 (丁 was deleted)
        "outside": 5,
        "person_times": 11,
        "members": 3,  # 甲 乙 丙
        "first": D(2025, 9, 3),
        "last": D(2025, 10, 8),
    }


def test_campaign_figures_of_a_campaign_without_activities(school):
    with scopes_disabled():
        campaign = CampaignFactory(school=school, title="教学月", number=None)
    assert campaign_figures(campaign) == EMPTY_FIGURES
    assert EMPTY_FIGURES["activities"] == 0 and EMPTY_FIGURES["first"] is None


def test_the_last_day_is_the_end_of_an_activity_lasting_days(school, people):
    with scopes_disabled():
        campaign = CampaignFactory(school=school, launched_on=D(2025, 3, 1))
        activity(school, people["甲"], campaign=campaign, starts_on=D(2025, 3, 2), ends_on=D(2025, 3, 20))
        activity(school, people["甲"], campaign=campaign, starts_on=D(2025, 3, 10))
    figures = campaign_figures(campaign)
    assert (figures["first"], figures["last"]) == (D(2025, 3, 2), D(2025, 3, 20))
    assert (figures["participations"], figures["members"]) == (2, 1)


def test_campaign_figures_cost_two_queries(ethics_month, django_assert_num_queries):
    with django_assert_num_queries(2):
        campaign_figures(ethics_month)


@pytest.fixture
def year_of_campaigns(school, other_school, people, ethics_month):
    """Besides the ethics month: a drive across the new year, an empty one, a deleted one,
    one of 2024 only, and another school's."""
    a, b = people["甲"], people["乙"]
    with scopes_disabled():
        across = CampaignFactory(school=school, title="个十百千万行动", number=None, launched_on=D(2024, 12, 20))
        activity(school, b, campaign=across, starts_on=D(2024, 12, 25))
        activity(school, a, b, campaign=across, starts_on=D(2025, 1, 5), outside_participants=1)
        empty = CampaignFactory(school=school, title="教学月", number=None, launched_on=D(2025, 4, 1))
        gone = CampaignFactory(school=school, title="读书月", number=None, launched_on=D(2025, 5, 1))
        activity(school, a, campaign=gone, starts_on=D(2025, 5, 2))
        gone.soft_delete()
        old = CampaignFactory(school=school, title="师德建设月", number=10, launched_on=D(2024, 9, 1))
        activity(school, a, campaign=old, starts_on=D(2024, 9, 5))
        theirs = CampaignFactory(school=other_school, launched_on=D(2025, 9, 1))
        activity(other_school, people["外"], campaign=theirs, starts_on=D(2025, 9, 2))
    return {"across": across, "empty": empty, "old": old, "ethics": ethics_month}


def test_campaigns_between_holds_what_each_did_in_the_period(school, year_of_campaigns):
    rows = campaigns_between(school, *YEAR_2025)

    assert [row["title"] for row in rows] == ["个十百千万行动", "教学月", "第十一个师德建设月"]
    across, empty, ethics = rows
    # Launched in 2024, but one of its activities was in 2025: only that one counts here.
    assert {k: across[k] for k in EMPTY_FIGURES} == {
        "activities": 1,
        "participations": 2,
        "outside": 1,
        "person_times": 3,
        "members": 2,
        "first": D(2025, 1, 5),
        "last": D(2025, 1, 5),
    }
    assert {k: empty[k] for k in EMPTY_FIGURES} == EMPTY_FIGURES
    assert (ethics["activities"], ethics["person_times"], ethics["members"]) == (3, 11, 3)
    assert ethics["launched_on"] == D(2025, 9, 1)
    assert ethics["theme"] == "立德树人 做四有好老师"
    assert ethics["section"] == "ethics"
    assert ethics["campaign"] == year_of_campaigns["ethics"]


def test_campaigns_between_splits_a_drive_between_two_periods(school, year_of_campaigns):
    rows = {row["title"]: row for row in campaigns_between(school, D(2024, 1, 1), D(2024, 12, 31))}

    assert sorted(rows) == ["个十百千万行动", "第十个师德建设月"]
    assert (rows["个十百千万行动"]["activities"], rows["个十百千万行动"]["person_times"]) == (1, 1)
    assert rows["第十个师德建设月"]["members"] == 1


def test_campaigns_between_costs_three_queries(school, year_of_campaigns, django_assert_num_queries):
    with django_assert_num_queries(3):
        campaigns_between(school, *YEAR_2025)


def test_campaigns_of_a_year_are_those_launched_in_it(school, year_of_campaigns):
    campaigns = campaigns_of_year(school, 2025)
    assert [c.full_title for c in campaigns] == ["教学月", "第十一个师德建设月"]
    # The page shows a campaign's whole figures, not the year's share of them.
    assert [c.figures["activities"] for c in campaigns] == [0, 3]
    assert [c.full_title for c in campaigns_of_year(school, 2024)] == ["第十个师德建设月", "个十百千万行动"]
    assert campaigns_of_year(school, 2024)[1].figures["activities"] == 2


@pytest.fixture
def clubs(school, other_school, people):
    a, b, c, d = (people[n] for n in "甲乙丙丁")
    with scopes_disabled():
        table_tennis = ClubFactory(school=school, name="乒乓球队", leader=a)
        table_tennis.members.set([a, b, c])
        calligraphy = ClubFactory(school=school, name="书法社", leader=c)
        calligraphy.members.set([c, d])
        basketball = ClubFactory(school=school, name="篮球队")
        basketball.members.set([a])
        theirs = ClubFactory(school=other_school, name="气排球队")
        theirs.members.set([people["外"]])

        activity(school, a, b, club=table_tennis, starts_on=D(2025, 4, 10))
        activity(school, a, club=table_tennis, starts_on=D(2024, 11, 1))
        activity(school, c, club=calligraphy, starts_on=D(2025, 5, 1), outside_participants=2)
        activity(school, a, club=basketball, starts_on=D(2025, 5, 2))
        activity(other_school, people["外"], club=theirs, starts_on=D(2025, 5, 3))

        AwardFactory(
            school=school,
            club=table_tennis,
            title="区教育系统乒乓球比赛",
            level=AwardLevel.DISTRICT,
            rank="二等奖",
            awarded_on=D(2025, 6, 1),
        )
        AwardFactory(school=school, club=table_tennis, level=AwardLevel.CITY, awarded_on=D(2024, 5, 1))
        AwardFactory(school=school, club=calligraphy, level=AwardLevel.SCHOOL, awarded_on=D(2025, 7, 1))
        AwardFactory(school=school, club=table_tennis, level=AwardLevel.CITY, awarded_on=D(2025, 8, 1)).soft_delete()
        AwardFactory(school=school, club=basketball, level=AwardLevel.CITY, awarded_on=D(2025, 8, 1))
        AwardFactory(school=other_school, club=theirs, level=AwardLevel.CITY, awarded_on=D(2025, 8, 1))
        AwardFactory(school=school, level=AwardLevel.CITY, awarded_on=D(2025, 8, 1))  # no club
        basketball.soft_delete()
        d.soft_delete()
    return {"table_tennis": table_tennis, "calligraphy": calligraphy}


def test_club_figures_of_a_year(school, clubs):
    figures = club_figures(school, *YEAR_2025)

    per_club = {row["name"]: row for row in figures.pop("per_club")}
    assert figures == {
        "clubs": 2,
        "members": 3,  # 甲 乙 丙 (丁 deleted, 篮球队 deleted)
        "activities": 2,
        "person_times": 5,  # 2 + (1 + 2 from outside)
        "awards": 2,
        "awards_by_level": {AwardLevel.DISTRICT: 1, AwardLevel.SCHOOL: 1},
    }
    table_tennis = per_club["乒乓球队"]
    assert table_tennis["club"] == clubs["table_tennis"]
    assert {k: table_tennis[k] for k in ("member_count", *EMPTY_FIGURES, "awards")} == {
        "member_count": 3,
        "activities": 1,
        "participations": 2,
        "outside": 0,
        "person_times": 2,
        "members": 2,
        "first": D(2025, 4, 10),
        "last": D(2025, 4, 10),
        "awards": 1,
    }
    assert table_tennis["award_list"] == [
        {
            "title": "区教育系统乒乓球比赛",
            "level": AwardLevel.DISTRICT,
            "level_label": AwardLevel.DISTRICT.label,
            "rank": "二等奖",
            "awarded_on": D(2025, 6, 1),
        }
    ]
    calligraphy = per_club["书法社"]
    assert (calligraphy["member_count"], calligraphy["person_times"], calligraphy["outside"]) == (1, 3, 2)
    assert [a["level"] for a in calligraphy["award_list"]] == [AwardLevel.SCHOOL]


def test_club_figures_of_an_earlier_year(school, clubs):
    figures = club_figures(school, D(2024, 1, 1), D(2024, 12, 31))
    per_club = {row["name"]: row for row in figures["per_club"]}
    assert (figures["activities"], figures["person_times"], figures["awards"]) == (1, 1, 1)
    assert figures["awards_by_level"] == {AwardLevel.CITY: 1}
    assert per_club["书法社"]["activities"] == 0 and per_club["书法社"]["first"] is None


def test_club_figures_cost_five_queries(school, clubs, django_assert_num_queries):
    with django_assert_num_queries(5):
        club_figures(school, *YEAR_2025)


def test_a_school_without_clubs_costs_one_query(school, django_assert_num_queries):
    with django_assert_num_queries(1):
        figures = club_figures(school, *YEAR_2025)
    assert figures == {
        "clubs": 0,
        "members": 0,
        "activities": 0,
        "person_times": 0,
        "awards": 0,
        "awards_by_level": {},
        "per_club": [],
    }
