"""The figures the annual summary takes from welfare records: exact counts and yuan."""

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from activities.choices import Festival, FundingSource, HardshipStatus, VisitReason
from activities.selectors.welfare import (
    greeting_figures,
    hardship_figures,
    mutual_aid_figures,
    visit_totals,
    yearly_totals,
)

from ..activity_factories import (
    GreetingBatchFactory,
    GreetingRecipientFactory,
    HardshipAidFactory,
    HardshipCaseFactory,
    MutualAidGrantFactory,
    VisitFactory,
)
from .factories_welfare import make_member

pytestmark = pytest.mark.usefixtures("in_school")


@pytest.fixture(autouse=True)
def chinese():
    """Labels come in the language of the summary."""
    with translation.override("zh-hans"):
        yield


START, END = datetime.date(2025, 1, 1), datetime.date(2025, 12, 31)


def d(text):
    return Decimal(text)


def test_visit_totals_by_reason_source_and_in_all(school, other_school):
    member = make_member(school)
    for reason, amount, source, day in [
        (VisitReason.ILLNESS, "500.00", FundingSource.UNION_FUNDS, datetime.date(2025, 1, 1)),
        (VisitReason.ILLNESS, "333.33", FundingSource.SCHOOL, datetime.date(2025, 5, 5)),
        (VisitReason.BEREAVEMENT, "1000.00", FundingSource.UNION_FUNDS, datetime.date(2025, 12, 31)),
        (VisitReason.CHILDBIRTH, "0.01", FundingSource.HIGHER_UNION, datetime.date(2025, 7, 1)),
        # Outside the period, deleted, or another school's: not counted.
        (VisitReason.ILLNESS, "9999.00", FundingSource.UNION_FUNDS, datetime.date(2024, 12, 31)),
        (VisitReason.MARRIAGE, "8888.00", FundingSource.UNION_FUNDS, datetime.date(2026, 1, 1)),
    ]:
        VisitFactory(
            school=school, member=member, reason=reason, amount=d(amount), funding_source=source, visited_on=day
        )
    VisitFactory(school=school, member=member, amount=d("7777.00"), visited_on=datetime.date(2025, 6, 1)).soft_delete()
    VisitFactory(school=other_school, amount=d("6666.00"), visited_on=datetime.date(2025, 6, 1))

    totals = visit_totals(school, START, END)

    assert totals["count"] == 4
    assert totals["amount"] == d("1833.34")
    assert {code: (row["label"], row["count"], row["amount"]) for code, row in totals["by_reason"].items()} == {
        "childbirth": ("生育", 1, d("0.01")),
        "illness": ("生病住院", 2, d("833.33")),
        "bereavement": ("直系亲属病故", 1, d("1000.00")),
    }
    assert list(totals["by_reason"]) == ["childbirth", "illness", "bereavement"]  # the 六必访 order
    assert totals["by_source"] == {
        "union": {"label": "工会经费", "count": 2, "amount": d("1500.00")},
        "school": {"label": "学校", "count": 1, "amount": d("333.33")},
        "higher_union": {"label": "上级工会", "count": 1, "amount": d("0.01")},
    }
    assert str(totals["amount"]) == "1833.34"  # two places, as yuan are written


def test_visit_totals_of_an_empty_period_are_zero(school):
    nothing = {"count": 0, "amount": d("0.00"), "by_reason": {}}
    assert visit_totals(school, START, END) == {
        "count": 0,
        "amount": d("0.00"),
        "with_money": 0,
        "gifts_only": 0,
        "by_reason": {},
        "by_source": {},
        "retirees": nothing,
        "care": nothing,
    }


def test_greeting_figures_per_batch(school, other_school):
    members = [make_member(school) for _ in range(3)]
    spring = GreetingBatchFactory(
        school=school, festival=Festival.SPRING, given_on=datetime.date(2025, 1, 20), amount_each=d("500.00")
    )
    for member in members:
        GreetingRecipientFactory(batch=spring, member=member)
    autumn = GreetingBatchFactory(
        school=school, festival=Festival.MID_AUTUMN, given_on=datetime.date(2025, 10, 3), amount_each=d("300.00")
    )
    GreetingRecipientFactory(batch=autumn, member=members[0])
    GreetingRecipientFactory(batch=autumn, member=members[1], amount=d("150.50"))
    GreetingBatchFactory(school=school, given_on=datetime.date(2025, 3, 8))  # nobody on it
    GreetingRecipientFactory(
        batch=GreetingBatchFactory(school=school, given_on=datetime.date(2024, 9, 10)), member=members[0]
    )
    deleted = GreetingBatchFactory(school=school, given_on=datetime.date(2025, 5, 1))
    GreetingRecipientFactory(batch=deleted, member=members[2])
    deleted.soft_delete()
    GreetingRecipientFactory(batch=GreetingBatchFactory(school=other_school, given_on=datetime.date(2025, 6, 1)))

    figures = greeting_figures(school, START, END)

    assert figures["count"] == 3
    assert figures["recipients"] == 5
    assert figures["amount"] == d("1950.50")
    assert [(b["festival"], b["given_on"], b["recipients"], b["amount"]) for b in figures["batches"]] == [
        ("spring", datetime.date(2025, 1, 20), 3, d("1500.00")),
        ("mid_autumn", datetime.date(2025, 3, 8), 0, d("0.00")),
        ("mid_autumn", datetime.date(2025, 10, 3), 2, d("450.50")),
    ]
    assert figures["batches"][0]["festival_label"] == "春节"
    assert figures["batches"][0]["year"] == 2025


def test_hardship_figures(school, other_school):
    first, second, third = (make_member(school) for _ in range(3))
    # Open all year, helped twice in the period and once before it.
    ongoing = HardshipCaseFactory(school=school, member=first, opened_on=datetime.date(2024, 3, 1))
    HardshipAidFactory(case=ongoing, given_on=datetime.date(2024, 12, 20), amount=d("900.00"))
    HardshipAidFactory(case=ongoing, given_on=datetime.date(2025, 2, 1), amount=d("1000.00"))
    HardshipAidFactory(
        case=ongoing, given_on=datetime.date(2025, 9, 1), amount=d("250.25"), funding_source=FundingSource.HIGHER_UNION
    )
    # Opened and closed in the period.
    closed = HardshipCaseFactory(
        school=school,
        member=second,
        opened_on=datetime.date(2025, 4, 1),
        status=HardshipStatus.CLOSED,
        closed_on=datetime.date(2025, 11, 30),
    )
    HardshipAidFactory(case=closed, given_on=datetime.date(2025, 4, 2), amount=d("2000.00"))
    # Closed before the period, deleted, and another school's: not counted.
    HardshipCaseFactory(
        school=school,
        member=third,
        opened_on=datetime.date(2023, 1, 1),
        status=HardshipStatus.CLOSED,
        closed_on=datetime.date(2024, 6, 30),
    )
    gone = HardshipCaseFactory(school=school, member=third, opened_on=datetime.date(2025, 1, 5))
    HardshipAidFactory(case=gone, given_on=datetime.date(2025, 1, 6), amount=d("5000.00"))
    gone.soft_delete()
    HardshipAidFactory(case=HardshipCaseFactory(school=other_school), amount=d("4000.00"))

    figures = hardship_figures(school, START, END)
    # The files counted, by id, are the records the summary's paragraph uses.
    assert sorted(figures.pop("pks")) == sorted([ongoing.pk, closed.pk])
    assert figures == {
        "cases": 2,
        "opened": 1,
        "closed": 1,
        "open_at_end": 1,
        "members": 2,
        "aid_count": 3,
        "aid_amount": d("3250.25"),
        "aid_by_source": {
            "union": {"label": "工会经费", "count": 2, "amount": d("3000.00")},
            "higher_union": {"label": "上级工会", "count": 1, "amount": d("250.25")},
        },
    }


def test_mutual_aid_figures_and_yearly_totals(school, other_school):
    first, second = make_member(school), make_member(school)
    MutualAidGrantFactory(school=school, member=first, amount=d("2000.00"), granted_on=datetime.date(2025, 1, 1))
    MutualAidGrantFactory(school=school, member=first, amount=d("500.50"), granted_on=datetime.date(2025, 12, 31))
    MutualAidGrantFactory(school=school, member=second, amount=d("1000.00"), granted_on=datetime.date(2025, 6, 1))
    MutualAidGrantFactory(school=school, member=second, amount=d("300.00"), granted_on=datetime.date(2024, 12, 31))
    MutualAidGrantFactory(
        school=school, member=second, amount=d("700.00"), granted_on=datetime.date(2025, 3, 1)
    ).soft_delete()
    MutualAidGrantFactory(school=other_school, amount=d("9000.00"), granted_on=datetime.date(2025, 3, 1))

    assert mutual_aid_figures(school, START, END) == {"count": 3, "members": 2, "amount": d("3500.50")}
    assert mutual_aid_figures(school, datetime.date(2026, 1, 1), datetime.date(2026, 12, 31)) == {
        "count": 0,
        "members": 0,
        "amount": d("0.00"),
    }
    from activities.models import MutualAidGrant

    assert yearly_totals(MutualAidGrant.objects.filter(school=school)) == [
        {"year": 2025, "count": 3, "amount": d("3500.50")},
        {"year": 2024, "count": 1, "amount": d("300.00")},
    ]
