"""The figures of awards, promotions and mentor pairs that the annual summary reads: exact
numbers, counted in awards and in 人次 (an award to three members is three person-times; to a
group or the school, one)."""

import datetime

import pytest
from django.utils import translation
from django_scopes import scope

from activities.choices import AwardKind, AwardLevel, AwardRecipientKind
from activities.selectors.awards import (
    award_figures,
    award_sentences,
    mentor_figures,
    mentor_sentences,
    promotion_figures,
    promotion_sentences,
)

from ..activity_factories import AwardFactory, MentorMeetingFactory, MentorPairFactory, PromotionFactory
from ..factories import MemberFactory

YEAR_2025 = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))
D = datetime.date


@pytest.fixture
def scoped(school):
    with scope(school=[school.pk]):
        yield school


@pytest.fixture
def people(scoped):
    return [MemberFactory(school=scoped) for _ in range(5)]


MID_2025 = datetime.date(2025, 6, 1)


def award(school, kind, level, members=(), recipient_kind=AwardRecipientKind.MEMBERS, on=MID_2025, **kwargs):
    return AwardFactory(
        school=school,
        kind=kind,
        level=level,
        recipient_kind=recipient_kind,
        members=list(members),
        awarded_on=on,
        group_name="高年级语文组" if recipient_kind == AwardRecipientKind.GROUP else "",
        **kwargs,
    )


@pytest.fixture
def year_of_awards(scoped, people, other_school):
    a, b, c, d, e = people
    C, H, P, R, L = (
        AwardKind.COMPETITION,
        AwardKind.HONOUR,
        AwardKind.PAPER_AWARDED,
        AwardKind.RESEARCH,
        AwardKind.OPEN_LESSON,
    )
    # Competitions: 3 + 1 + 1 (group) + 2 = 7 person-times at district level or above.
    award(scoped, C, AwardLevel.DISTRICT, [a, b, c])
    award(scoped, C, AwardLevel.CITY, [d])
    award(scoped, C, AwardLevel.DISTRICT, recipient_kind=AwardRecipientKind.GROUP)
    award(scoped, C, AwardLevel.PROVINCE, [a, e])
    # A school-level competition: counted, but not "at district level or above".
    award(scoped, C, AwardLevel.SCHOOL, [b, c, d, e])
    # Honours: the school itself counts one.
    award(scoped, H, AwardLevel.CITY, recipient_kind=AwardRecipientKind.SCHOOL)
    award(scoped, H, AwardLevel.SCHOOL, [a])
    # Research projects: three at city level (one with two researchers), one at district level.
    award(scoped, R, AwardLevel.CITY, [a, b])
    award(scoped, R, AwardLevel.CITY, [c])
    award(scoped, R, AwardLevel.CITY, recipient_kind=AwardRecipientKind.GROUP)
    award(scoped, R, AwardLevel.DISTRICT, [d])
    award(scoped, P, AwardLevel.NATION, [e])
    award(scoped, L, AwardLevel.DISTRICT, [b])
    # Outside the period, deleted, or another school's: none of them counts.
    award(scoped, C, AwardLevel.NATION, [a], on=D(2024, 12, 31))
    award(scoped, C, AwardLevel.NATION, [a], on=D(2026, 1, 1))
    award(scoped, C, AwardLevel.NATION, [a, b]).soft_delete()
    with scope(school=[other_school.pk]):
        award(other_school, C, AwardLevel.NATION, [MemberFactory(school=other_school)])
    return people


def test_award_figures_count_awards_and_person_times_by_kind_and_level(year_of_awards, scoped):
    figures = award_figures(scoped, *YEAR_2025)

    assert figures["awards"] == 13
    assert figures["person_times"] == 3 + 1 + 1 + 2 + 4 + 1 + 1 + 2 + 1 + 1 + 1 + 1 + 1
    assert figures["competition_person_times_district_and_above"] == 7
    assert figures["research_by_level"] == {
        AwardLevel.SCHOOL: 0,
        AwardLevel.TOWNSHIP: 0,
        AwardLevel.DISTRICT: 1,
        AwardLevel.CITY: 3,
        AwardLevel.PROVINCE: 0,
        AwardLevel.NATION: 0,
    }
    assert figures["by_kind"] == {
        "competition": {"awards": 5, "person_times": 11},
        "honour": {"awards": 2, "person_times": 2},
        "paper_published": {"awards": 0, "person_times": 0},
        "paper_awarded": {"awards": 1, "person_times": 1},
        "research": {"awards": 4, "person_times": 5},
        "open_lesson": {"awards": 1, "person_times": 1},
    }
    assert figures["by_level"] == {
        AwardLevel.SCHOOL: {"awards": 2, "person_times": 5},
        AwardLevel.TOWNSHIP: {"awards": 0, "person_times": 0},
        AwardLevel.DISTRICT: {"awards": 4, "person_times": 6},
        AwardLevel.CITY: {"awards": 5, "person_times": 6},
        AwardLevel.PROVINCE: {"awards": 1, "person_times": 2},
        AwardLevel.NATION: {"awards": 1, "person_times": 1},
    }
    assert figures["by_kind_level"]["competition"][AwardLevel.DISTRICT] == {"awards": 2, "person_times": 4}
    assert figures["by_kind_level"]["research"][AwardLevel.CITY] == {"awards": 3, "person_times": 4}
    assert figures["by_kind_level"]["honour"][AwardLevel.CITY] == {"awards": 1, "person_times": 1}
    assert figures["by_kind_level"]["paper_awarded"][AwardLevel.SCHOOL] == {"awards": 0, "person_times": 0}


def test_award_figures_include_both_ends_of_the_period(scoped, people):
    award(scoped, AwardKind.COMPETITION, AwardLevel.DISTRICT, people[:1], on=D(2025, 1, 1))
    award(scoped, AwardKind.COMPETITION, AwardLevel.DISTRICT, people[:2], on=D(2025, 12, 31))
    award(scoped, AwardKind.COMPETITION, AwardLevel.DISTRICT, people[:3], on=D(2026, 1, 1))

    figures = award_figures(scoped, *YEAR_2025)

    assert (figures["awards"], figures["person_times"]) == (2, 3)
    assert award_figures(scoped, D(2025, 12, 31), D(2026, 1, 1))["person_times"] == 5


def test_a_deleted_member_no_longer_counts_as_a_person_time(scoped, people):
    award(scoped, AwardKind.COMPETITION, AwardLevel.CITY, people[:3])
    people[0].soft_delete()

    assert award_figures(scoped, *YEAR_2025)["competition_person_times_district_and_above"] == 2


def test_award_figures_of_an_empty_year_are_all_zero(scoped):
    figures = award_figures(scoped, *YEAR_2025)

    assert figures["awards"] == figures["person_times"] == 0
    assert figures["research_by_level"] == {level: 0 for level in AwardLevel.values}
    assert all(cell == {"awards": 0, "person_times": 0} for cell in figures["by_kind"].values())
    assert award_sentences(figures) == []


def test_award_figures_read_like_the_seeds(year_of_awards, scoped):
    with translation.override("zh-hans"):
        sentences = award_sentences(award_figures(scoped, *YEAR_2025))

    assert sentences == [
        "7人次在区级及以上比赛中获奖",
        "1人次获区级及以上荣誉称号",
        "3个市级课题",
        "1个区级课题",
        "1篇论文获奖",
        "1节区级及以上公开课",
    ]


def test_promotion_figures_count_promotions_members_and_titles(scoped, people, other_school):
    a, b, c, _d, _e = people
    PromotionFactory(school=scoped, member=a, title="first", promoted_on=D(2025, 3, 1))
    PromotionFactory(school=scoped, member=b, title="senior", promoted_on=D(2025, 9, 1))
    PromotionFactory(school=scoped, member=a, title="senior", promoted_on=D(2025, 12, 31))
    PromotionFactory(school=scoped, member=c, title="senior", promoted_on=D(2024, 12, 31))
    PromotionFactory(school=scoped, member=c, title="professor", promoted_on=D(2025, 5, 1)).soft_delete()
    with scope(school=[other_school.pk]):
        PromotionFactory(school=other_school, title="senior", promoted_on=D(2025, 5, 1))

    figures = promotion_figures(scoped, *YEAR_2025)

    assert figures == {
        "promotions": 3,
        "members": 2,
        "by_title": {"professor": 0, "senior": 2, "first": 1, "second": 0, "third": 0},
    }
    with translation.override("zh-hans"):
        assert promotion_sentences(figures) == ["2位教师晋升职称（高级教师2人，一级教师1人）"]
    assert promotion_sentences(promotion_figures(scoped, D(2023, 1, 1), D(2023, 12, 31))) == []


def test_mentor_figures_count_pairs_and_meetings_of_a_school_year(scoped, people, other_school):
    a, b, c, d, e = people
    first = MentorPairFactory(school=scoped, mentor=a, mentee=b, school_year=2025)
    second = MentorPairFactory(school=scoped, mentor=a, mentee=c, school_year=2025)
    MentorPairFactory(school=scoped, mentor=d, mentee=e, school_year=2025)  # no meeting yet
    for day in (D(2025, 9, 20), D(2025, 10, 15), D(2026, 3, 2)):
        MentorMeetingFactory(pair=first, met_on=day)
    MentorMeetingFactory(pair=second, met_on=D(2025, 11, 5))
    previous = MentorPairFactory(school=scoped, mentor=c, mentee=d, school_year=2024)
    MentorMeetingFactory(pair=previous, met_on=D(2024, 10, 1))
    deleted = MentorPairFactory(school=scoped, mentor=e, mentee=a, school_year=2025)
    MentorMeetingFactory(pair=deleted, met_on=D(2025, 10, 1))
    deleted.soft_delete()
    with scope(school=[other_school.pk]):
        MentorPairFactory(school=other_school, school_year=2025)

    figures = mentor_figures(scoped, 2025)

    assert figures == {
        "school_year": 2025,
        "label": "2025—2026学年",
        "pairs": 3,
        "mentors": 2,
        "mentees": 3,
        "meetings": 4,
        "pairs_without_meetings": 1,
    }
    with translation.override("zh-hans"):
        assert mentor_sentences(figures) == ["2025—2026学年共3对师徒结对", "开展师徒活动4次"]
    assert mentor_figures(scoped, 2023)["pairs"] == 0
