"""Selectors the summary reads over a period: mentor pairs (青蓝工程) and 168 pairs counted
once per period even when a calendar year spans two school years, and the ethics
assessment's figures (months assessed, people assessed, counts per grade, vetoes 一票否决)."""

import datetime
from decimal import Decimal

import pytest
from django_scopes import scope

from activities.choices import AssessmentPeriodKind, EthicsGrade
from activities.selectors.awards import mentor_pair_figures
from activities.selectors.care import care_figures
from activities.selectors.pledges import ethics_figures

from ..activity_factories import (
    CarePairFactory,
    EthicsAssessmentFactory,
    EthicsPeriodFactory,
    MentorMeetingFactory,
    MentorPairFactory,
)
from ..factories import MemberFactory

D = datetime.date
YEAR_2022 = (D(2022, 1, 1), D(2022, 12, 31))


@pytest.fixture
def scoped(school):
    with scope(school=[school.pk]):
        yield school


def test_a_mentor_pair_carried_into_the_next_school_year_counts_once_in_the_calendar_year(scoped):
    wang, li, zhao = (MemberFactory(school=scoped, name=name) for name in ("王老师", "李老师", "赵老师"))
    first = MentorPairFactory(school=scoped, mentor=wang, mentee=li, school_year=2021)
    MentorPairFactory(school=scoped, mentor=wang, mentee=li, school_year=2022)  # its continuation
    MentorPairFactory(school=scoped, mentor=wang, mentee=zhao, school_year=2022)
    MentorPairFactory(school=scoped, school_year=2020)  # ended in August 2021
    MentorPairFactory(school=scoped, school_year=2023)  # begins in September 2023
    MentorMeetingFactory(pair=first, met_on=D(2022, 3, 1))
    MentorMeetingFactory(pair=first, met_on=D(2021, 10, 1))  # before the period

    figures = mentor_pair_figures(scoped, *YEAR_2022)

    assert (figures["pairs"], figures["mentors"], figures["mentees"]) == (2, 1, 2)
    assert figures["school_years"] == [2021, 2022]
    assert figures["meetings"] == 1
    assert sorted(figures["names"]) == [("王老师", "李老师"), ("王老师", "赵老师")]
    # A school year holds each pair once anyway.
    assert mentor_pair_figures(scoped, D(2022, 9, 1), D(2023, 8, 31))["pairs"] == 2


def test_mentor_pair_figures_read_in_two_queries(scoped, django_assert_num_queries):
    for year in (2021, 2022, 2022):
        MentorPairFactory(school=scoped, school_year=year)

    with django_assert_num_queries(2):
        mentor_pair_figures(scoped, *YEAR_2022)


def test_a_168_pair_carried_into_the_next_school_year_counts_once_in_the_calendar_year(scoped):
    zhang = MemberFactory(school=scoped, name="张老师")
    CarePairFactory(school=scoped, teacher=zhang, student_name="小明", school_year=2021)
    CarePairFactory(school=scoped, teacher=zhang, student_name="小 明", school_year=2022)  # the same student
    CarePairFactory(school=scoped, student_name="小红", school_year=2022)

    figures = care_figures(scoped, *YEAR_2022, today=D(2023, 6, 1))

    assert (figures["pairs"], figures["pair_records"], figures["teachers"]) == (2, 3, 2)


def test_the_ethics_figures_give_months_people_grades_and_vetoes(scoped):
    a, b, c = (MemberFactory(school=scoped) for _ in range(3))
    september = EthicsPeriodFactory(school=scoped, starts_on=D(2022, 9, 1), ends_on=D(2022, 9, 30))
    october = EthicsPeriodFactory(school=scoped, starts_on=D(2022, 10, 1), ends_on=D(2022, 10, 31))
    term = EthicsPeriodFactory(
        school=scoped,
        kind=AssessmentPeriodKind.TERM,
        starts_on=D(2022, 2, 1),
        ends_on=D(2022, 7, 15),
    )
    EthicsPeriodFactory(school=scoped, starts_on=D(2022, 11, 1), ends_on=D(2022, 11, 30))  # nobody assessed
    for member in (a, b, c):
        EthicsAssessmentFactory(period=september, member=member)
    EthicsAssessmentFactory(period=october, member=a, grade=EthicsGrade.GOOD, score=Decimal("85"))
    EthicsAssessmentFactory(
        period=october, member=b, grade=EthicsGrade.FAIL, score=None, vetoed=True, veto_reason="有偿补课"
    )
    EthicsAssessmentFactory(period=term, member=a, grade=EthicsGrade.PASS, score=Decimal("70"))

    figures = ethics_figures(scoped, *YEAR_2022)

    assert figures["months_assessed"] == 6 + 2, "February to July, September, October; not empty November"
    assert figures["people_assessed"] == 3
    assert figures["assessed"] == 6, "person-times"
    assert figures["grades"] == {"excellent": 3, "good": 1, "pass": 1, "fail": 1}
    assert (figures["vetoes"], figures["people_vetoed"]) == (1, 1)
    assert figures["periods"] == 4
