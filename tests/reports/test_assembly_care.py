"""The care section's other records: hardship cases, mutual aid and health checks; and the
retirees' Double Ninth greeting, reported under 离退休工作."""

import datetime
import re
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

from .reading import item, key, section_keys, whole

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 1, 15)


def test_hardship_mutual_aid_and_health_checks_in_care(school):
    with scopes_disabled():
        Category.create_defaults(school)
        members = [MemberFactory(school=school, name=name) for name in ("钱芳", "孙伟", "李娜", "周杰")]
        case = HardshipCaseFactory(school=school, member=members[0], opened_on=datetime.date(2018, 2, 1))
        for amount in ("1000.00", "500.50"):
            HardshipAidFactory(case=case, given_on=datetime.date(2018, 2, 10), amount=Decimal(amount))
        grants = [
            MutualAidGrantFactory(school=school, member=member, granted_on=datetime.date(2018, 5, 5), amount=amount)
            for member, amount in zip(members[:2], (Decimal("2000.00"), Decimal("1500.50")), strict=True)
        ]
        checks = Category.objects.get(school=school, name="健康体检")
        check = ActivityFactory(
            school=school,
            category=checks,
            title="教职工健康体检",
            starts_on=datetime.date(2018, 4, 20),
            participants=members,
        )
    summary = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert section_keys(summary) == ["care"]

    hardship = item(summary, "care:hardship")
    assert hardship.group == "rights"
    assert "跟踪帮扶困难教职工1人" in hardship.text
    assert "送去帮扶资金1500.50元" in hardship.text
    assert "钱芳老师住院治疗，工会积极向上级工会互济会争取，为其申请到互济金2000元" in hardship.text
    assert "孙伟老师住院治疗，获互济金1500.50元" in hardship.text
    assert sorted(s for s in hardship.sources if s.startswith("mutualaidgrant:")) == sorted(key(g) for g in grants)

    health = item(summary, "care:health")
    assert health.group == "care"
    assert health.sources == [key(check)]
    assert "教职工健康体检" in health.text and "4人参加" in health.text


def test_double_ninth_greetings_go_to_retirees(school):
    with scopes_disabled():
        batch = GreetingBatchFactory(
            school=school,
            festival=choices.Festival.DOUBLE_NINTH,
            year=2018,
            given_on=datetime.date(2018, 10, 17),
            audience=choices.Audience.RETIREES,
            amount_each=Decimal("500.00"),
            gifts="重阳糕",
        )
        for _ in range(3):
            GreetingRecipientFactory(batch=batch, member=MemberFactory(school=school))
    summary = assemble(school, Period.calendar_year(2018), today=TODAY)
    assert section_keys(summary) == ["retirees"]
    retirees = item(summary, "retirees")
    assert retirees.sources == ["greetingbatch:{}".format(batch.pk)]
    assert "重阳节" in retirees.text and "重阳糕" in retirees.text
    assert "共1500元" in retirees.text


def test_one_line_per_festival_and_no_amount_when_nothing_was_given(school):
    """Two Spring Festival batches read as one festival, as the seeds write them; a greeting
    without money says nothing of yuan."""
    with scopes_disabled():
        first = GreetingBatchFactory(
            school=school, festival=choices.Festival.SPRING, year=2018, given_on=datetime.date(2018, 2, 12)
        )
        second = GreetingBatchFactory(
            school=school, festival=choices.Festival.SPRING, year=2018, given_on=datetime.date(2018, 2, 10)
        )
        cards = GreetingBatchFactory(
            school=school,
            festival=choices.Festival.LANTERN,
            year=2018,
            given_on=datetime.date(2018, 3, 2),
            amount_each=None,
            gifts="贺卡",
        )
        for batch in (first, first, second, cards):
            GreetingRecipientFactory(batch=batch, member=MemberFactory(school=school))
    summary = assemble(school, Period.calendar_year(2018), today=TODAY)
    greetings = item(summary, "care:greetings")
    assert sorted(greetings.sources) == sorted("greetingbatch:{}".format(b.pk) for b in (first, second, cards))
    assert greetings.text.count("春节") == 1
    assert "以春节、元宵节等传统节日为契机" in greetings.text
    assert "发放节日福利900元" in greetings.text  # three people × 300 yuan
    assert "元宵节送上贺卡" in greetings.text
    assert not re.search(r"(?<![\d.])0(\.0+)?元", whole(summary))
