"""Welfare occasions and gifts in kind: golden wedding, milestone birthdays (七十寿诞), new
marriage, childbirth and retirement visits; visits and greetings that bring gifts and no
money (blank, never 0.00); visits to retirees kept apart for the summary's 离退休."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from activities.choices import Audience, VisitReason
from activities.models import GreetingBatch, GreetingRecipient, Visit
from activities.selectors.welfare import greeting_figures, visit_totals, visits_of_period
from members.choices import MemberStatus
from reports.exports.xlsx import records_xlsx
from reports.periods import Period

from ..activity_factories import VisitFactory
from .factories_welfare import PAST, greeting_data, make_member, visit_data, zh

pytestmark = pytest.mark.usefixtures("fast_password_hasher", "in_school")

YEAR = (datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def url(name, *args):
    return reverse("activities:" + name, args=args)


def record(client, member, **changes):
    response = client.post(url("visit_create"), visit_data(member, **changes))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    return Visit.objects.filter(member=member).latest("pk")


# ---- occasions ----------------------------------------------------------------------


def test_a_golden_wedding_visit_is_recorded_and_listed_as_jinhun(staff_client, school):
    elder = make_member(school, name="周秀英", status=MemberStatus.RETIRED)

    visit = record(staff_client, elder, reason=VisitReason.GOLDEN_WEDDING, gifts="鲜花、纪念品", amount="")

    assert visit.reason == VisitReason.GOLDEN_WEDDING and visit.occasion == "金婚"
    listed = staff_client.get(url("visit_list")).content.decode()
    assert "金婚" in listed and "周秀英" in listed


def test_a_seventieth_birthday_visit_reads_qishi_shoudan(staff_client, school):
    elder = make_member(school, name="吴国华", status=MemberStatus.RETIRED)

    visit = record(staff_client, elder, reason=VisitReason.MILESTONE_BIRTHDAY, age="70", gifts="生日蛋糕")

    assert visit.age == 70 and visit.occasion == "七十寿诞"
    assert "七十寿诞" in staff_client.get(visit.get_absolute_url()).content.decode()
    assert "七十寿诞" in staff_client.get(url("visit_list")).content.decode()
    assert visits_of_period(school, *YEAR)[0]["occasion"] == "七十寿诞"


def test_an_eightieth_birthday_reads_bashi_shoudan():
    assert Visit(reason=VisitReason.MILESTONE_BIRTHDAY, age=80).occasion == "八十寿诞"


def test_a_milestone_birthday_without_its_age_is_refused_in_chinese(staff_client, school, member):
    response = staff_client.post(url("visit_create"), visit_data(member, reason=VisitReason.MILESTONE_BIRTHDAY))

    assert response.status_code == 200
    assert response.context["form"].errors["age"] == [zh("Give the age of the milestone birthday, for example 70.")]
    assert not Visit.objects.exists()


def test_an_age_outside_a_life_is_a_form_error(staff_client, member):
    response = staff_client.post(
        url("visit_create"), visit_data(member, reason=VisitReason.MILESTONE_BIRTHDAY, age="99999999999")
    )
    assert response.status_code == 200 and "age" in response.context["form"].errors


def test_an_age_is_kept_only_for_a_milestone_birthday(staff_client, member):
    visit = record(staff_client, member, reason=VisitReason.ILLNESS, age="70")
    assert visit.age is None


@pytest.mark.parametrize(
    "reason, label",
    [
        (VisitReason.MARRIAGE, "结婚"),  # 新婚慰问
        (VisitReason.CHILDBIRTH, "生育"),
        (VisitReason.RETIREMENT, "退休"),
        (VisitReason.BIRTHDAY, "生日"),
    ],
)
def test_new_marriage_childbirth_retirement_and_birthday_visits(staff_client, school, member, reason, label):
    visit = record(staff_client, member, reason=reason)

    assert visit.reason == reason
    assert label in visit.occasion
    totals = visit_totals(school, *YEAR)
    assert totals["by_reason"][reason]["count"] == 1 and label in totals["by_reason"][reason]["label"]


# ---- gifts in kind, money, or both ---------------------------------------------------


def test_a_gift_only_visit_has_no_amount_and_the_figures_no_money(staff_client, school, member):
    visit = record(staff_client, member, reason=VisitReason.ILLNESS, gifts="鲜花、水果", amount="")

    assert visit.amount is None
    totals = visit_totals(school, *YEAR)
    assert (totals["count"], totals["with_money"], totals["gifts_only"]) == (1, 0, 1)
    assert totals["amount"] == Decimal("0.00") and totals["by_reason"]["illness"]["amount"] == Decimal("0.00")
    (row,) = visits_of_period(school, *YEAR)
    assert row["amount"] is None and row["given"] == "gifts" and row["gifts"] == "鲜花、水果"
    detail = staff_client.get(visit.get_absolute_url()).content.decode()
    assert "未发慰问金" in detail and "0.00" not in detail


def test_zero_yuan_typed_is_stored_as_no_money(staff_client, member):
    visit = record(staff_client, member, gifts="纪念品", amount="0")
    assert visit.amount is None


def test_money_only_and_money_with_gifts_are_told_apart(staff_client, school):
    money = record(staff_client, make_member(school), gifts="", amount="500.00")
    both = record(staff_client, make_member(school), gifts="蛋糕", amount="300.00")

    given = {row["pk"]: row["given"] for row in visits_of_period(school, *YEAR)}
    assert given == {money.pk: "money", both.pk: "both"}
    totals = visit_totals(school, *YEAR)
    assert (totals["with_money"], totals["gifts_only"], totals["amount"]) == (2, 0, Decimal("800.00"))


def test_a_gift_only_greeting_gives_no_money_to_anyone(staff_client, school):
    for _ in range(3):
        make_member(school)

    response = staff_client.post(
        url("greeting_create"), greeting_data(audience=Audience.EVERYONE, amount_each="", gifts="月饼")
    )

    assert response.status_code == 302
    batch = GreetingBatch.objects.get()
    assert batch.amount_each is None
    assert list(GreetingRecipient.objects.filter(batch=batch).values_list("amount", flat=True)) == [None] * 3
    (row,) = greeting_figures(school, *YEAR)["batches"]
    assert row["given"] == "gifts" and row["gifts"] == "月饼" and row["amount"] == Decimal("0.00")
    listed = staff_client.get(url("greeting_list")).content.decode()
    assert "月饼" in listed


def test_greetings_to_retirees_are_marked(staff_client, school):
    make_member(school, status=MemberStatus.RETIRED)

    staff_client.post(url("greeting_create"), greeting_data(audience=Audience.RETIREES, amount_each="200.00"))

    (row,) = greeting_figures(school, *YEAR)["batches"]
    assert row["to_retirees"] is True and row["audience"] == Audience.RETIREES


# ---- visits to retirees ----------------------------------------------------------------


def test_retiree_visits_are_flagged_and_counted_apart_from_care(staff_client, school):
    retiree = make_member(
        school, name="郑德明", status=MemberStatus.RETIRED, status_changed_on=datetime.date(2020, 7, 1)
    )
    # Retired after the visit: the visit was to a colleague in service.
    later = make_member(
        school, name="孙桂兰", status=MemberStatus.RETIRED, status_changed_on=datetime.date(2025, 12, 1)
    )
    colleague = make_member(school, name="钱志强")
    VisitFactory(school=school, member=retiree, reason=VisitReason.ILLNESS, amount=Decimal("500.00"), visited_on=PAST)
    VisitFactory(school=school, member=later, reason=VisitReason.ILLNESS, amount=Decimal("300.00"), visited_on=PAST)
    VisitFactory(school=school, member=colleague, reason=VisitReason.MARRIAGE, amount=None, visited_on=PAST)

    totals = visit_totals(school, *YEAR)

    assert totals["retirees"] == {
        "count": 1,
        "amount": Decimal("500.00"),
        "by_reason": {"illness": {"label": "生病住院", "count": 1, "amount": Decimal("500.00")}},
    }
    assert totals["care"]["count"] == 2 and totals["care"]["amount"] == Decimal("300.00")
    flagged = {row["member"]: row["to_retiree"] for row in visits_of_period(school, *YEAR)}
    assert flagged == {"郑德明": True, "孙桂兰": False, "钱志强": False}
    listed = staff_client.get(url("visit_list"))
    assert [v.is_to_retiree for v in listed.context["visits"] if v.member_id == retiree.pk] == [True]
    assert listed.content.decode().count("data-retiree") == 1


# ---- the records workbook ----------------------------------------------------------------


def test_the_visits_sheet_names_the_occasion_leaves_no_money_blank_and_marks_retirees(school):
    elder = make_member(school, name="吴国华", status=MemberStatus.RETIRED)
    VisitFactory(school=school, member=elder, reason=VisitReason.MILESTONE_BIRTHDAY, age=70, amount=None, gifts="蛋糕")
    VisitFactory(school=school, reason=VisitReason.MARRIAGE, amount=Decimal("500.00"))

    with scopes_disabled():
        sheet = openpyxl.load_workbook(io.BytesIO(records_xlsx(school, Period.calendar_year(2025))))["走访慰问"]

    headers = [cell.value for cell in sheet[1]]
    rows = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    birthday = next(row for row in rows if row[headers.index("事由")] == "七十寿诞")
    assert birthday[headers.index("金额（元）")] is None
    assert birthday[headers.index("离退休")] == "是"
    assert rows[-1][headers.index("金额（元）")] == 500


# ---- the member's timeline -----------------------------------------------------------------


def test_the_timeline_names_the_occasion_and_the_gifts_when_no_money_was_given(staff_client, school):
    elder = make_member(school, name="吴国华", status=MemberStatus.RETIRED)
    VisitFactory(
        school=school, member=elder, reason=VisitReason.MILESTONE_BIRTHDAY, age=80, amount=None, gifts="生日蛋糕"
    )
    VisitFactory(school=school, member=elder, reason=VisitReason.GOLDEN_WEDDING, amount=Decimal("500.00"))

    page = staff_client.get(reverse("members:member_detail", args=[elder.pk])).content.decode()

    assert "八十寿诞（生日蛋糕）" in page and "金婚（500.00元）" in page
    assert "None" not in page


def test_the_visit_list_filters_gift_only_visits_from_those_with_money(staff_client, school):
    gifts = VisitFactory(school=school, amount=None, gifts="鲜花")
    money = VisitFactory(school=school, amount=Decimal("500.00"), gifts="")
    both = VisitFactory(school=school, amount=Decimal("300.00"), gifts="蛋糕")

    def shown(given):
        response = staff_client.get(url("visit_list"), {"given": given})
        return {visit.pk for visit in response.context["visits"]}, response.context["totals"]

    only_gifts, totals = shown("gifts")
    assert only_gifts == {gifts.pk} and totals["amount"] == Decimal("0.00") and totals["gifts_only"] == 1
    with_money, totals = shown("money")
    assert with_money == {money.pk, both.pk} and totals["amount"] == Decimal("800.00")
    assert shown("")[0] == {gifts.pk, money.pk, both.pk}
