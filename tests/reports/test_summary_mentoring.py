"""The summary's mentor pairs are those of every school year its period overlaps: a calendar
year's summary keeps the pairs of the school year that ended in it, and a pair continued
into the next school year counts once."""

import datetime

import pytest

from reports.assembly import assemble
from reports.periods import Period
from tests.activity_factories import MentorMeetingFactory, MentorPairFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)


def competence(school, period):
    document = assemble(school, period, today=TODAY)
    return next(s for s in document.sections if s.key == "competence")


def figure(part, key):
    return next(f.value for f in part.figures if f.key == key)


@pytest.fixture
def pairs(school):
    """2014—2015: 王→李 and 陈→周; 2015—2016: 王→李 again (its continuation) and 王→赵."""
    wang, li, zhao, chen, zhou = (
        MemberFactory(school=school, name=name) for name in ("王芳", "李明", "赵强", "陈静", "周涛")
    )
    ended = MentorPairFactory(school=school, mentor=chen, mentee=zhou, school_year=2014)
    MentorMeetingFactory(pair=ended, met_on=datetime.date(2015, 3, 2))
    MentorMeetingFactory(pair=ended, met_on=datetime.date(2014, 10, 9))  # the calendar year before
    MentorPairFactory(school=school, mentor=wang, mentee=li, school_year=2014)
    MentorPairFactory(school=school, mentor=wang, mentee=li, school_year=2015)
    later = MentorPairFactory(school=school, mentor=wang, mentee=zhao, school_year=2015)
    MentorMeetingFactory(pair=later, met_on=datetime.date(2015, 11, 5))
    MentorPairFactory(school=school, school_year=2016)  # begins in September 2016


def test_a_calendar_years_summary_counts_the_pairs_of_both_school_years_it_spans(school, pairs):
    section = competence(school, Period.calendar_year(2015))

    # 陈→周 (2014—2015 only), 王→李 (both school years, once) and 王→赵 (2015—2016).
    assert figure(section, "mentor_pairs") == "3"
    assert "2014—2015、2015—2016学年共3对师徒结对。" in section.sentences
    assert "开展师徒活动2次。" in section.sentences


def test_a_school_years_summary_counts_that_school_years_pairs(school, pairs):
    section = competence(school, Period.school_year(2014))

    assert figure(section, "mentor_pairs") == "2"
    assert "2014—2015学年共2对师徒结对。" in section.sentences
    assert "开展师徒活动2次。" in section.sentences
