"""The summary's mentor pairs are those of every school year its period overlaps: a calendar
year's summary keeps the pairs of the school year that ended in it, and a pair continued
into the next school year counts once."""

import datetime

import pytest

from reports.assembly import assemble
from reports.periods import Period
from tests.activity_factories import MentorMeetingFactory, MentorPairFactory
from tests.factories import MemberFactory

from .reading import item, key

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)


def mentoring(school, period):
    return item(assemble(school, period, today=TODAY), "mentoring")


@pytest.fixture
def pairs(school):
    """2014—2015: 王→李 and 陈→周; 2015—2016: 王→李 again (its continuation) and 王→赵."""
    wang, li, zhao, chen, zhou = (
        MemberFactory(school=school, name=name) for name in ("王芳", "李明", "赵强", "陈静", "周涛")
    )
    ended = MentorPairFactory(school=school, mentor=chen, mentee=zhou, school_year=2014)
    MentorMeetingFactory(pair=ended, met_on=datetime.date(2015, 3, 2))
    MentorMeetingFactory(pair=ended, met_on=datetime.date(2014, 10, 9))  # the calendar year before
    first = MentorPairFactory(school=school, mentor=wang, mentee=li, school_year=2014)
    again = MentorPairFactory(school=school, mentor=wang, mentee=li, school_year=2015)
    later = MentorPairFactory(school=school, mentor=wang, mentee=zhao, school_year=2015)
    MentorMeetingFactory(pair=later, met_on=datetime.date(2015, 11, 5))
    MentorPairFactory(school=school, school_year=2016)  # begins in September 2016
    return {"ended": ended, "first": first, "again": again, "later": later}


def test_a_calendar_years_summary_names_the_pairs_of_both_school_years_it_spans(school, pairs):
    told = mentoring(school, Period.calendar_year(2015))

    # 陈→周 (2014—2015 only), 王→李 (both school years, once) and 王→赵 (2015—2016).
    assert told.text.startswith("2014—2015、2015—2016学年，")
    assert "陈静与周涛、王芳与李明、王芳与赵强结为师徒" in told.text
    assert told.text.count("王芳与李明") == 1
    assert "研讨2次" in told.text
    assert sorted(told.sources) == sorted(key(pair) for pair in pairs.values())


def test_a_school_years_summary_names_that_school_years_pairs(school, pairs):
    told = mentoring(school, Period.school_year(2014))

    assert told.text.startswith("2014—2015学年，")
    assert "陈静与周涛、王芳与李明结为师徒" in told.text
    assert "赵强" not in told.text
    assert "研讨2次" in told.text
    assert sorted(told.sources) == sorted(key(pairs[name]) for name in ("ended", "first"))


def test_many_pairs_are_counted_rather_than_named(school):
    for _n in range(7):
        MentorPairFactory(school=school, school_year=2015)
    told = mentoring(school, Period.school_year(2015))
    assert "7对师徒结对" in told.text
    assert "结为师徒" not in told.text
