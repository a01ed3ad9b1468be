"""The figures the annual summary takes from pledges and the ethics assessment, to the unit."""

import datetime
from decimal import Decimal

import pytest
from django_scopes import scope, scopes_disabled

from activities.models import EthicsAssessment
from activities.selectors.pledges import ethics_distribution, ethics_figures, pledge_figures
from tests.activity_factories import EthicsAssessmentFactory, EthicsPeriodFactory, PledgeDriveFactory

from .factories_pledges import add_members, drive_with

YEAR_2025 = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


@pytest.fixture
def members(school):
    return add_members(school, 10)


def test_pledge_figures_count_signed_of_bound_per_drive(school, other_school, members):
    first = drive_with(school, members, signed=7, title="拒绝有偿补课公开承诺", opened_on=datetime.date(2025, 3, 1))
    second = drive_with(school, members[:4], signed=4, title="师德承诺", opened_on=datetime.date(2025, 9, 10))
    # Not counted: another year, a deleted drive, another school's drive.
    drive_with(school, members, signed=10, title="旧承诺", year=2024, opened_on=datetime.date(2024, 9, 1))
    deleted = drive_with(school, members, signed=1, title="删除的承诺", opened_on=datetime.date(2025, 5, 1))
    with scopes_disabled():
        deleted.soft_delete()
        drive_with(other_school, add_members(other_school, 3, offset=50), signed=3, opened_on=datetime.date(2025, 6, 1))
        # A member deleted from the roster no longer counts (one who signed the first drive).
        members[0].soft_delete()
        PledgeDriveFactory(school=school, title="空的承诺", opened_on=datetime.date(2025, 12, 31))

    with scope(school=[school.pk]):
        figures = pledge_figures(school, *YEAR_2025)

    assert figures == [
        {
            "pk": first.pk,
            "title": "拒绝有偿补课公开承诺",
            "year": 2025,
            "opened_on": datetime.date(2025, 3, 1),
            "bound": 9,
            "signed": 6,
            "unsigned": 3,
        },
        {
            "pk": second.pk,
            "title": "师德承诺",
            "year": 2025,
            "opened_on": datetime.date(2025, 9, 10),
            "bound": 3,
            "signed": 3,
            "unsigned": 0,
        },
        {
            "pk": figures[2]["pk"],
            "title": "空的承诺",
            "year": 2025,
            "opened_on": datetime.date(2025, 12, 31),
            "bound": 0,
            "signed": 0,
            "unsigned": 0,
        },
    ]


def _assess(period, members, rows):
    """``rows``: (score or None, grade, vetoed) per member, in order."""
    with scopes_disabled():
        for member, (score, grade, vetoed) in zip(members, rows, strict=False):
            EthicsAssessmentFactory(
                period=period,
                member=member,
                score=None if score is None else Decimal(score),
                grade=grade,
                vetoed=vetoed,
                veto_reason="组织有偿补课" if vetoed else "",
            )


OCTOBER = [
    ("96.5", "excellent", False),
    ("91", "excellent", False),
    ("85", "good", False),
    (None, "good", False),
    ("72.5", "pass", False),
    ("88", "fail", True),
]


def test_ethics_distribution_counts_each_grade_vetoes_and_the_average(school, members):
    with scopes_disabled():
        period = EthicsPeriodFactory(school=school)
    _assess(period, members, OCTOBER)

    with scope(school=[school.pk]):
        distribution = ethics_distribution(period)

    # Average over the five scores: (96.5 + 91 + 85 + 72.5 + 88) / 5 = 86.6
    assert distribution == {
        "assessed": 6,
        "grades": {"excellent": 2, "good": 2, "pass": 1, "fail": 1},
        "vetoes": 1,
        "scored": 5,
        "average_score": Decimal("86.6"),
    }


def test_the_average_is_rounded_half_up_to_one_place(school, members):
    with scopes_disabled():
        period = EthicsPeriodFactory(school=school)
    _assess(period, members, [("90", "excellent", False), ("90", "excellent", False), ("90.5", "excellent", False)])
    # 270.5 / 3 = 90.1666…
    assert ethics_distribution(period)["average_score"] == Decimal("90.2")
    with scopes_disabled():
        EthicsAssessment.objects.filter(period=period).update(score=None)
    assert ethics_distribution(period)["average_score"] is None


def test_ethics_figures_sum_the_periods_starting_in_the_range(school, other_school, members):
    with scopes_disabled():
        october = EthicsPeriodFactory(school=school, title="2025年10月")
        term = EthicsPeriodFactory(
            school=school,
            title="2025—2026学年第一学期",
            kind="term",
            starts_on=datetime.date(2025, 9, 1),
            ends_on=datetime.date(2026, 1, 31),
        )
        earlier = EthicsPeriodFactory(
            school=school, title="2024年12月", starts_on=datetime.date(2024, 12, 1), ends_on=datetime.date(2024, 12, 31)
        )
        deleted = EthicsPeriodFactory(school=school, title="删除的")
        other = EthicsPeriodFactory(school=other_school)
        others = add_members(other_school, 2, offset=80)
    _assess(october, members, OCTOBER)
    _assess(term, members[:3], [("80", "good", False), ("60", "pass", False), ("59", "fail", False)])
    _assess(earlier, members, [("100", "excellent", False)] * 10)
    _assess(deleted, members, [("10", "fail", True)] * 10)
    _assess(other, others, [("0", "fail", True)] * 2)
    with scopes_disabled():
        deleted.soft_delete()

    with scope(school=[school.pk]):
        figures = ethics_figures(school, *YEAR_2025)

    # Scores: 96.5 91 85 72.5 88 (October) + 80 60 59 (term) = 632 over 8 = 79.0
    assert {key: value for key, value in figures.items() if key != "by_period"} == {
        "periods": 2,
        "months_assessed": 4,  # September to December: the term's January is in 2026
        "people_assessed": 6,
        "people_vetoed": 1,
        "assessed": 9,
        "grades": {"excellent": 2, "good": 3, "pass": 2, "fail": 2},
        "vetoes": 1,
        "scored": 8,
        "average_score": Decimal("79.0"),
    }
    assert [(p["pk"], p["title"], p["assessed"], p["average_score"]) for p in figures["by_period"]] == [
        (term.pk, "2025—2026学年第一学期", 3, Decimal("66.3")),
        (october.pk, "2025年10月", 6, Decimal("86.6")),
    ]
    assert figures["by_period"][0]["grades"] == {"excellent": 0, "good": 1, "pass": 1, "fail": 1}
    assert figures["by_period"][0]["kind"] == "term"
    assert figures["by_period"][1]["vetoes"] == 1


def test_ethics_figures_of_a_year_without_periods_are_zero(school):
    with scope(school=[school.pk]):
        assert ethics_figures(school, *YEAR_2025) == {
            "periods": 0,
            "months_assessed": 0,
            "people_assessed": 0,
            "people_vetoed": 0,
            "assessed": 0,
            "grades": {"excellent": 0, "good": 0, "pass": 0, "fail": 0},
            "vetoes": 0,
            "scored": 0,
            "average_score": None,
            "by_period": [],
        }
