"""Welfare (关爱与维权) in a real browser: staff record a visit and find it on the member's
timeline; a teacher sees their own visits only; the pages fit a phone.

Elements are found by name attributes, ids, ``data-*`` hooks or by the Chinese text the app
itself translates, never by hard-coded English.
"""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from activities.choices import Audience, FundingSource, VisitReason
from activities.models import Visit
from members.choices import Gender, MemberStatus

from ..activity_factories import (
    GreetingBatchFactory,
    GreetingRecipientFactory,
    HardshipAidFactory,
    HardshipCaseFactory,
    MutualAidGrantFactory,
    VisitFactory,
)
from ..factories import PASSWORD, DepartmentFactory, MemberFactory
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e


def zh(message, **params):
    with translation.override("zh-hans"):
        text = gettext(message)
    return text % params if params else text


def log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=zh("Log in")).click()
    expect(page).to_have_url(re.compile(r"/$"))


def log_out(page):
    page.locator("[data-nav=user-menu]").click()
    page.locator("[data-nav=logout]").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))


@pytest.fixture
def staffroom(e2e_school, e2e_teacher):
    """The teacher's own member record and a colleague who was visited too."""
    with scopes_disabled():
        chinese = DepartmentFactory(school=e2e_school, name="英语组", position=3)
        own = MemberFactory(school=e2e_school, name="王伟", gender=Gender.MALE, department=chinese, user=e2e_teacher)
        colleague = MemberFactory(school=e2e_school, name="李娜", gender=Gender.FEMALE, department=chinese)
        colleague_visit = VisitFactory(
            school=e2e_school,
            member=colleague,
            reason=VisitReason.CHILDBIRTH,
            gifts="同事的婴儿用品",
            amount=Decimal("600.00"),
        )
    return {"own": own, "colleague": colleague, "colleague_visit": colleague_visit}


def no_sideways_scroll(page, what):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "{} scrolls sideways on a {}px screen by {}px".format(
        what, page.viewport_size["width"], overflow
    )


def test_staff_record_a_visit_and_the_teacher_sees_only_their_own(page, live_server, e2e_staff, staffroom):
    own, colleague_visit = staffroom["own"], staffroom["colleague_visit"]

    # Staff record a visit to the teacher's mother, with an amount.
    log_in(page, "staff")
    page.goto("/activities/welfare/")
    page.locator("[data-action=visit-create]").click()
    expect(page).to_have_url(re.compile(r"/activities/welfare/visits/new/$"))
    page.select_option("select[name=member]", label="王伟（英语组）")
    page.locator("input[name=visited_person][value=relative]").check()
    page.fill("input[name=relative]", "王秀英（母亲）")
    page.select_option("select[name=reason]", VisitReason.ILLNESS.value)
    expect(page.locator("input[name=visited_on]")).to_have_value(datetime.date.today().isoformat())
    page.fill("input[name=gifts]", "鲜花、水果")
    page.fill("input[name=amount]", "888.00")
    page.select_option("select[name=funding_source]", FundingSource.UNION_FUNDS.value)
    page.get_by_role("button", name=zh("Save")).click()

    expect(page).to_have_url(re.compile(r"/activities/welfare/visits/\d+/$"))
    expect(page.locator(".alert-success")).to_be_visible()
    expect(page.locator("#visit-details")).to_contain_text("王秀英（母亲）")
    expect(page.locator("#visit-details [data-field=amount]")).to_have_text("888.00")
    with scopes_disabled():
        visit = Visit.objects.get(member=own)
    assert visit.amount == Decimal("888.00")

    # The visit is on the member's timeline, with its amount.
    page.locator("#visit-details").get_by_role("link", name="王伟").click()
    expect(page).to_have_url(re.compile(r"/members/{}/$".format(own.pk)))
    timeline = page.locator(".timeline")
    expect(timeline).to_contain_text(zh("Illness or hospital stay"))
    expect(timeline).to_contain_text("888.00")
    timeline.get_by_role("link", name=re.compile("888.00")).click()
    expect(page).to_have_url(re.compile(r"/activities/welfare/visits/{}/$".format(visit.pk)))

    # The welfare list shows both visits and the totals.
    page.goto("/activities/welfare/")
    expect(page.locator("#visit-table")).to_contain_text("888.00")
    expect(page.locator("#visit-table")).to_contain_text("600.00")
    expect(page.locator("#visit-totals [data-total=amount]")).to_contain_text("1488.00")
    log_out(page)

    # The teacher sees their own visit only, and no totals.
    log_in(page, "teacher")
    page.goto("/activities/welfare/")
    table = page.locator("#visit-table")
    expect(table).to_contain_text("888.00")
    expect(table).to_contain_text("王秀英（母亲）")
    expect(table).not_to_contain_text("600.00")
    expect(table).not_to_contain_text("李娜")
    expect(page.locator("#visit-totals")).to_have_count(0)
    expect(page.get_by_role("link", name=zh("Hardship files"))).to_have_count(0)
    table.get_by_role("link").first.click()
    expect(page).to_have_url(re.compile(r"/activities/welfare/visits/{}/$".format(visit.pk)))
    expect(page.locator("#visit-details [data-field=amount]")).to_have_text("888.00")

    # A colleague's visit answers as if it did not exist; the hardship list is refused.
    response = page.goto("/activities/welfare/visits/{}/".format(colleague_visit.pk))
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("同事的婴儿用品")
    assert page.goto("/activities/welfare/hardship/").status == 403


def test_the_welfare_pages_fit_desktop_and_phone(page, live_server, e2e_school, e2e_staff, staffroom, results_dir):
    with scopes_disabled():
        members = [staffroom["own"], staffroom["colleague"]] + [
            MemberFactory(school=e2e_school, name=name, gender=gender, status=status)
            for name, gender, status in [
                ("张晓燕", Gender.FEMALE, MemberStatus.ACTIVE),
                ("陈建国", Gender.MALE, MemberStatus.RETIRED),
                ("刘芳", Gender.FEMALE, MemberStatus.ACTIVE),
            ]
        ]
        for n, reason in enumerate(VisitReason.values):
            VisitFactory(
                school=e2e_school,
                member=members[n % len(members)],
                reason=reason,
                reason_detail="工会会员生日慰问" if reason == VisitReason.OTHER else "",
                relative="陈秀兰（岳母）" if reason == VisitReason.BEREAVEMENT else "",
                visited_person="relative" if reason == VisitReason.BEREAVEMENT else "member",
                amount=Decimal(200 * (n + 1)),
                funding_source=FundingSource.values[n % 4],
                visited_on=datetime.date(2025, 1 + n, 10),
                visitors=members[:2],
            )
        batch = GreetingBatchFactory(school=e2e_school, audience=Audience.EVERYONE, gifts="月饼")
        for member in members:
            GreetingRecipientFactory(batch=batch, member=member)
        case = HardshipCaseFactory(school=e2e_school, member=members[3], hardship="老伴长期卧床，医药费负担重。")
        HardshipAidFactory(case=case, description="春节前走访慰问", amount=Decimal("1000.00"))
        HardshipAidFactory(
            case=case, description="上级工会困难补助", amount=Decimal("3000.00"), funding_source="higher_union"
        )
        for n, member in enumerate(members):
            MutualAidGrantFactory(
                school=e2e_school,
                member=member,
                amount=Decimal(1000 + 250 * n),
                granted_on=datetime.date(2024 + n % 2, 3 + n, 1),
                reason="住院治疗",
            )

    log_in(page, "staff")
    shots = [
        ("welfare-list", "/activities/welfare/?year=2025", "#visit-totals"),
        ("visit-form", "/activities/welfare/visits/new/", "#visit-form"),
        ("greeting-form", "/activities/welfare/greetings/new/?year=2025", "#greeting-form"),
        ("greeting-detail", "/activities/welfare/greetings/{}/".format(batch.pk), "#recipient-table"),
        ("greeting-list", "/activities/welfare/greetings/", "#greeting-table"),
        ("greeting-update", "/activities/welfare/greetings/{}/edit/".format(batch.pk), "#recipient-amounts"),
        ("hardship-list", "/activities/welfare/hardship/", "#hardship-table"),
        ("hardship-detail", "/activities/welfare/hardship/{}/".format(case.pk), "#aid-table"),
        ("mutual-aid-list", "/activities/welfare/mutual-aid/", "#yearly-totals"),
    ]
    for size_name, size in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(size)
        for name, path, anchor in shots:
            page.goto(path)
            expect(page.locator(anchor)).to_be_visible()
            page.screenshot(path=str(results_dir / "welfare-{}-{}.png".format(name, size_name)), full_page=True)
            no_sideways_scroll(page, name)

    # The greeting form proposes the festival's date and follows the festival and the year.
    page.set_viewport_size(DESKTOP)
    page.goto("/activities/welfare/greetings/new/?year=2025")
    page.fill("input[name=year]", "2025")
    page.locator("input[name=year]").dispatch_event("change")
    expect(page.locator("#festival-dates")).to_contain_text("2025年10月6日")
    page.select_option("select[name=festival]", "mid_autumn")
    expect(page.locator("input[name=given_on]")).to_have_value("2025-10-06")
    page.fill("input[name=year]", "2024")
    page.locator("input[name=year]").dispatch_event("change")
    expect(page.locator("#festival-dates")).to_contain_text("2024年9月17日")
    expect(page.locator("input[name=given_on]")).to_have_value("2024-09-17")
