"""Assembly reads a fixed number of queries whatever the year's size: a year with one record
of each kind, a year shaped like seed 000, the same year several times bigger and a busy
year cost exactly the same, pinned."""

import datetime
import time
from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scopes_disabled

from activities import choices
from reports.assembly import assemble
from reports.periods import Period
from tests.activities.factories_partnerships import PartnershipFactory
from tests.activity_factories import (
    ActivityFactory,
    AwardFactory,
    CampaignFactory,
    CareLogFactory,
    CarePairFactory,
    ClubFactory,
    GreetingBatchFactory,
    GreetingRecipientFactory,
    HardshipAidFactory,
    HardshipCaseFactory,
    MentorPairFactory,
    MutualAidGrantFactory,
    PromotionFactory,
    VisitFactory,
    default_category,
)
from tests.congress.factories import DemocraticEvaluationFactory, ProposalFactory, SessionFactory
from tests.disclosure.factories import NoticeFactory, category_of
from tests.factories import MemberFactory

from .busy_year import busy_year, single_year
from .reading import sources
from .seed_year import seed_year

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)
# Pinned: a selector growing a query per record, or a new read, shows here. It includes
# the period's figures (shared with the dashboard and the charts) and the activities by month.
QUERIES = 59


def day(month, date):
    return datetime.date(2018, month, date)


def grow(school, made, times=3):
    """Add ``times`` as much of every kind of record to the seeded year."""
    members = made.members + [MemberFactory(school=school) for _ in range(10)]
    sections = [choices.SummarySection.ETHICS, choices.SummarySection.CULTURE, choices.SummarySection.CARE]
    for n in range(times):
        campaign = CampaignFactory(school=school, title="读书月{}".format(n), number=None, launched_on=day(4, 1 + n))
        for month in range(1, 13):
            ActivityFactory(
                school=school,
                category=default_category(school, sections[month % 3]),
                campaign=campaign if month == 4 else None,
                starts_on=day(month, 10 + n),
                participants=members[: 5 + month],
                outside_participants=n,
            )
        club = ClubFactory(school=school, name="社团{}".format(n))
        club.members.set(members[:6])
        ActivityFactory(school=school, club=club, starts_on=day(6, 2 + n), participants=members[:6])
        AwardFactory(school=school, club=club, recipient_kind="group", awarded_on=day(7, 1 + n))
        for reason in (choices.VisitReason.MARRIAGE, choices.VisitReason.BEREAVEMENT, choices.VisitReason.RETIREMENT):
            VisitFactory(
                school=school, member=members[n], reason=reason, visited_on=day(8, 1 + n), amount=Decimal("300")
            )
        batch = GreetingBatchFactory(school=school, festival=choices.Festival.DRAGON_BOAT, given_on=day(6, 10 + n))
        for member in members[:8]:
            GreetingRecipientFactory(batch=batch, member=member)
        AwardFactory(school=school, level=choices.AwardLevel.CITY, awarded_on=day(5, 1 + n), members=members[:4])
        PromotionFactory(school=school, member=members[10 + n], promoted_on=day(9, 1 + n))
        MentorPairFactory(school=school, mentor=members[n], mentee=members[12 + n], school_year=2018)
        pair = CarePairFactory(school=school, teacher=members[5 + n], school_year=2018)
        for month in (9, 10, 11, 12):
            CareLogFactory(pair=pair, month=day(month, 1), talks=6, tutoring=7 + n)
        SessionFactory(term=made.session.term, number=4 + n, held_on=day(11, 1 + n), theme="")
        DemocraticEvaluationFactory(school=school, evaluated_on=day(12, 1 + n))
        ProposalFactory(school=school, submitted_on=day(3, 2 + n))
        NoticeFactory(
            school=school,
            category=category_of(school, "基建"),
            starts_on=day(10, 9 + n),
            published_at=made.notices[0].published_at,
        )
        case = HardshipCaseFactory(school=school, member=members[n], opened_on=day(2, 1 + n))
        HardshipAidFactory(case=case, given_on=day(2, 10 + n))
        MutualAidGrantFactory(school=school, member=members[n], granted_on=day(5, 5 + n))


def count_queries(school):
    with CaptureQueriesContext(connection) as captured:
        document = assemble(school, Period.calendar_year(2018), today=TODAY)
    return len(captured), document


def test_assembly_runs_a_fixed_number_of_queries(school, other_school):
    with scopes_disabled():
        # A kind of record missing from a year saves its read: the seeded year has every
        # kind but a partnership.
        PartnershipFactory(school=school, started_on=day(3, 1))
        PartnershipFactory(school=other_school, started_on=day(3, 1))
    seed_year(school)
    small, small_document = count_queries(school)
    assert small == QUERIES

    made = seed_year(other_school)
    with scopes_disabled():
        grow(other_school, made)
    bigger, bigger_document = count_queries(other_school)
    assert bigger == QUERIES
    assert len(sources(bigger_document)) > 2 * len(sources(small_document))


def test_a_year_with_one_record_of_each_kind_and_a_busy_year_cost_the_same(school, other_school):
    single_year(school)
    assert count_queries(school)[0] == QUERIES
    busy_year(other_school)
    assert count_queries(other_school)[0] == QUERIES


def test_the_time_a_busy_year_takes(school):
    """Printed, not asserted: the CPU time of assembling a busy year (run with -s to read it)."""
    busy_year(school)
    spent = 0
    for _ in range(5):
        cache.clear()
        started = time.process_time()
        document = assemble(school, Period.calendar_year(2018), today=TODAY)
        spent += time.process_time() - started
    spent /= 5
    print("\nassembling a busy year ({} records told): {:.0f} ms of CPU".format(len(sources(document)), spent * 1000))


def test_an_unchanged_year_is_assembled_once_and_a_write_assembles_it_again(school):
    seed_year(school)
    first = count_queries(school)[0]
    assert first > 50
    cached, document = count_queries(school)
    assert cached == 0
    with scopes_disabled():
        ActivityFactory(school=school, title="教工掼蛋友谊赛", starts_on=day(11, 8))
    again, changed = count_queries(school)
    assert again == first
    assert "掼蛋" in "".join(item.text for section in changed.sections for item in section.items)
    assert "掼蛋" not in "".join(item.text for section in document.sections for item in section.items)
