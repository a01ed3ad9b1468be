"""The care section's other records: hardship cases, mutual aid and health checks; and the
retirees' Double Ninth greeting, reported under 离退休工作."""

import datetime
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled

from activities import choices
from activities.models import Category
from reports.assembly import assemble
from reports.periods import Period
from tests.activity_factories import (
    ActivityFactory,
    GreetingBatchFactory,
    GreetingRecipientFactory,
    HardshipAidFactory,
    HardshipCaseFactory,
    MutualAidGrantFactory,
)
from tests.factories import MemberFactory

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)


def test_hardship_mutual_aid_and_health_checks_in_care(school):
    with scopes_disabled():
        Category.create_defaults(school)
        members = [MemberFactory(school=school) for _ in range(4)]
        case = HardshipCaseFactory(school=school, member=members[0], opened_on=datetime.date(2018, 2, 1))
        for amount in ("1000.00", "500.50"):
            HardshipAidFactory(case=case, given_on=datetime.date(2018, 2, 10), amount=Decimal(amount))
        for member in members[:2]:
            MutualAidGrantFactory(school=school, member=member, granted_on=datetime.date(2018, 5, 5))
        checks = Category.objects.get(school=school, name="健康体检")
        ActivityFactory(school=school, category=checks, starts_on=datetime.date(2018, 4, 20), participants=members)
    [care] = assemble(school, Period.calendar_year(2018), today=TODAY).sections
    assert care.key == "care"
    assert "建档帮扶困难职工1户，帮扶2次，共计1,500.50元。" in care.sentences
    assert "为2名教职工申领互济金2人次，共计4,000.00元。" in care.sentences
    assert "组织健康体检1次，参检4人次。" in care.sentences
    figures = {f.key: f.value for f in care.figures}
    assert figures["hardship_yuan"] == "1,500.50"
    assert figures["mutual_aid_yuan"] == "4,000.00"
    assert figures["health_checks"] == "1"


def test_double_ninth_greetings_go_to_retirees(school):
    with scopes_disabled():
        batch = GreetingBatchFactory(
            school=school,
            festival=choices.Festival.DOUBLE_NINTH,
            year=2018,
            given_on=datetime.date(2018, 10, 17),
            audience=choices.Audience.RETIREES,
            amount_each=Decimal("500.00"),
        )
        for _ in range(3):
            GreetingRecipientFactory(batch=batch, member=MemberFactory(school=school))
    summary = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert [s.key for s in summary.sections] == ["care", "retirees"]
    care, retirees = summary.sections
    assert retirees.heading == "离退休工作"
    assert [i.key for i in retirees.items] == ["greeting:{}".format(batch.pk)]
    assert retirees.items[0].text == "10月17日，开展重阳节慰问，慰问3人，共计1,500.00元。"
    assert care.items == []
    assert care.sentences == ["开展节日慰问1次，惠及3人次，共计1,500.00元。"]


def test_one_line_per_festival_and_no_amount_when_nothing_was_given(school):
    """Two Spring Festival batches (staff and retirees) read as one line, as the seeds write
    them; a greeting without money says nothing of yuan."""
    with scopes_disabled():
        staff_batch = GreetingBatchFactory(
            school=school, festival=choices.Festival.SPRING, year=2018, given_on=datetime.date(2018, 2, 12)
        )
        retiree_batch = GreetingBatchFactory(
            school=school, festival=choices.Festival.SPRING, year=2018, given_on=datetime.date(2018, 2, 10)
        )
        cards = GreetingBatchFactory(
            school=school,
            festival=choices.Festival.LANTERN,
            year=2018,
            given_on=datetime.date(2018, 3, 2),
            amount_each=Decimal("0"),
        )
        for batch in (staff_batch, staff_batch, retiree_batch, cards):
            GreetingRecipientFactory(batch=batch, member=MemberFactory(school=school))
    [care] = assemble(school, Period.calendar_year(2018), today=TODAY).sections
    assert [i.text for i in care.items] == [
        "2月10日，开展春节慰问，慰问3人，共计900.00元。",
        "3月2日，开展元宵节慰问，慰问1人。",
    ]
