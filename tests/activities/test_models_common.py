"""Rules shared by the records of the union's year: defaults, soft delete, dates, money, festivals."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django_scopes import scope

from activities.choices import EthicsGrade, Festival, SummarySection
from activities.festivals import festival_date, festival_dates
from activities.models import DEFAULT_CATEGORIES, Activity, CareLog, Category, MentorPair, school_year_months
from activities.validators import chinese_number, validate_amount, validate_not_in_future

from ..activity_factories import (
    ActivityFactory,
    CampaignFactory,
    CareLogFactory,
    EthicsAssessmentFactory,
    MentorPairFactory,
)
from ..factories import MemberFactory, SchoolFactory


@pytest.fixture
def scoped(school):
    with scope(school=[school.pk]):
        yield school


def test_a_new_school_gets_the_default_categories_each_mapped_to_a_summary_section(db):
    school = SchoolFactory()
    with scope(school=[school.pk]):
        categories = list(Category.objects.filter(school=school).values_list("name", "section"))
    assert categories == [(name, str(section)) for name, section in DEFAULT_CATEGORIES]
    assert {section for _name, section in categories} >= {
        SummarySection.ETHICS,
        SummarySection.COMPETENCE,
        SummarySection.DEMOCRACY,
        SummarySection.CARE,
        SummarySection.CULTURE,
        SummarySection.WOMEN,
        SummarySection.RETIREES,
        SummarySection.UNION,
        SummarySection.CARE_ACTION,
    }


def test_creating_the_defaults_twice_adds_nothing(scoped):
    Category.create_defaults(scoped)
    assert Category.objects.filter(school=scoped).count() == len(DEFAULT_CATEGORIES)


def test_a_deleted_record_leaves_every_list_and_comes_back_on_restore(scoped):
    activity = ActivityFactory(school=scoped)
    activity.soft_delete()
    assert not Activity.objects.filter(pk=activity.pk).exists()
    assert Activity.all_objects.get(pk=activity.pk).is_deleted
    assert activity.version == 2
    activity.restore()
    assert Activity.objects.get(pk=activity.pk).version == 3


@pytest.mark.parametrize(
    "number,text", [(1, "一"), (10, "十"), (11, "十一"), (20, "二十"), (23, "二十三"), (99, "九十九")]
)
def test_campaigns_are_counted_in_chinese(number, text):
    assert chinese_number(number) == text


def test_a_numbered_campaign_reads_like_the_seeds(scoped):
    campaign = CampaignFactory(school=scoped, title="师德建设月", number=11)
    assert str(campaign) == "第十一个师德建设月"


def test_a_date_after_today_is_refused_for_something_done():
    tomorrow = datetime.date.today() + datetime.timedelta(days=2)
    with pytest.raises(ValidationError) as error:
        validate_not_in_future(tomorrow)
    assert error.value.code == "future"
    assert tomorrow.isoformat() in error.value.messages[0]
    validate_not_in_future(datetime.date(2020, 1, 1))


@pytest.mark.parametrize("amount", [Decimal("-0.01"), Decimal("50000.01"), Decimal("1000000")])
def test_negative_and_absurd_amounts_are_refused(amount):
    with pytest.raises(ValidationError):
        validate_amount(amount)


def test_an_ordinary_amount_passes():
    validate_amount(Decimal("0"))
    validate_amount(Decimal("50000.00"))


def test_an_activity_ending_before_it_starts_is_refused(scoped):
    activity = ActivityFactory.build(
        school=scoped, starts_on=datetime.date(2025, 5, 2), ends_on=datetime.date(2025, 5, 1)
    )
    with pytest.raises(ValidationError) as error:
        activity.clean()
    assert "ends_on" in error.value.message_dict


def test_a_care_log_is_kept_per_month_and_once(scoped):
    log = CareLogFactory(pair__school=scoped, month=datetime.date(2025, 10, 17), talks=6, tutoring=7)
    assert log.month == datetime.date(2025, 10, 1)
    assert log.talks_met and not log.tutoring_met and not log.targets_met
    with pytest.raises(IntegrityError), transaction.atomic():
        CareLog.objects.create(pair=log.pair, month=datetime.date(2025, 10, 1))


def test_a_school_year_runs_september_to_august():
    months = school_year_months(2025)
    assert months[0] == datetime.date(2025, 9, 1)
    assert months[-1] == datetime.date(2026, 8, 1)
    assert len(months) == 12


def test_nobody_mentors_themselves(scoped):
    member = MemberFactory(school=scoped)
    with pytest.raises(IntegrityError), transaction.atomic():
        MentorPairFactory(school=scoped, mentor=member, mentee=member)
    assert not MentorPair.objects.exists()


def test_a_veto_without_a_reason_is_refused_by_the_database(scoped):
    with pytest.raises(IntegrityError), transaction.atomic():
        EthicsAssessmentFactory(period__school=scoped, vetoed=True, veto_reason="", grade=EthicsGrade.FAIL)


@pytest.mark.parametrize(
    "festival,year,expected",
    [
        (Festival.SPRING, 2026, datetime.date(2026, 2, 17)),
        (Festival.LANTERN, 2026, datetime.date(2026, 3, 3)),
        (Festival.DRAGON_BOAT, 2025, datetime.date(2025, 5, 31)),
        (Festival.MID_AUTUMN, 2025, datetime.date(2025, 10, 6)),
        (Festival.DOUBLE_NINTH, 2025, datetime.date(2025, 10, 29)),
        (Festival.TEACHERS_DAY, 2025, datetime.date(2025, 9, 10)),
        (Festival.WOMENS_DAY, 2026, datetime.date(2026, 3, 8)),
        (Festival.NEW_YEAR, 2026, datetime.date(2026, 1, 1)),
    ],
)
def test_festival_dates_follow_the_lunar_calendar(festival, year, expected):
    assert festival_date(festival, year) == expected


def test_a_years_festivals_come_in_calendar_order():
    dates = [day for day, _festival in festival_dates(2025)]
    assert dates == sorted(dates)
    assert len(dates) == len(Festival)
