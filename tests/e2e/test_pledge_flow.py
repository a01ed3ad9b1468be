"""Pledges and the ethics assessment in a real browser: staff open a drive for everyone in
service, tick who signed, undo one, see who has not signed; fill a month's ethics grid on a
phone, are told which row lacks a reason for its veto, and save; a teacher sees only their
own assessment and never the grid. Screenshots at desktop and phone widths."""

import re
from decimal import Decimal

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from activities.models import EthicsAssessment, EthicsPeriod, PledgeDrive, PledgeSignature
from members.choices import Gender
from members.models import Department

from ..factories import MemberFactory
from .conftest import DESKTOP, PHONE
from .test_roster_flow import log_in, zh

pytestmark = pytest.mark.e2e

NAMES = ["张伟", "李娜", "王芳", "赵强", "陈静", "刘洋", "周敏", "吴强"]


@pytest.fixture
def staff_members(e2e_school):
    with scopes_disabled():
        departments = list(Department.objects.filter(school=e2e_school).order_by("position"))
        return [
            MemberFactory(
                school=e2e_school,
                name=name,
                gender=Gender.FEMALE if n % 2 else Gender.MALE,
                department=departments[n % 2],
            )
            for n, name in enumerate(NAMES)
        ]


def signed_names(drive):
    with scopes_disabled():
        return set(
            PledgeSignature.objects.filter(drive=drive, signed_on__isnull=False).values_list("member__name", flat=True)
        )


def test_staff_record_a_pledge_drive_and_who_signed(page, e2e_school, e2e_staff, staff_members, results_dir):
    log_in(page, "staff")
    page.goto("/activities/pledges/")
    page.get_by_role("link", name=zh("New pledge drive")).click()
    page.fill("input[name=title]", "拒绝有偿补课公开承诺")
    page.fill("textarea[name=text]", "我承诺不组织、不参与有偿补课，不向学生推荐校外有偿补课机构。")
    page.fill("input[name=opened_on]", "2025-09-10")
    page.fill("input[name=year]", "2025")
    expect(page.locator("input[name=audience][value=active]")).to_be_checked()
    page.get_by_role("button", name=zh("Save")).click()

    expect(page.locator("#signed-figure")).to_contain_text(zh("%(signed)s of %(bound)s signed", signed=0, bound=8))
    with scopes_disabled():
        drive = PledgeDrive.objects.get(school=e2e_school)

    # Tick five and record them signed on one date.
    page.fill("#signature-form input[name=signed_on]", "2025-09-12")
    for member in staff_members[:5]:
        page.check("#tick-{}".format(member.pk))
    page.get_by_role("button", name=zh("Record the ticked members as signed")).click()
    expect(page.locator("#signed-figure")).to_contain_text(zh("%(signed)s of %(bound)s signed", signed=5, bound=8))
    assert signed_names(drive) == set(NAMES[:5])

    # One row signs alone (today), one is undone.
    page.locator("tr[data-member='{}'] button[name=row_sign]".format(staff_members[6].pk)).click()
    page.locator("tr[data-member='{}'] button[name=unsign]".format(staff_members[0].pk)).click()
    expect(page.locator("#signed-figure")).to_contain_text(zh("%(signed)s of %(bound)s signed", signed=5, bound=8))
    assert signed_names(drive) == {"李娜", "王芳", "赵强", "陈静", "周敏"}

    # Who has not signed.
    page.locator("[data-filter=unsigned]").click()
    expect(page.locator("#signatures tbody tr")).to_have_count(3)
    page.set_viewport_size(DESKTOP)
    page.goto("/activities/pledges/{}/".format(drive.pk))
    page.screenshot(path=str(results_dir / "pledge-detail-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(results_dir / "pledge-detail-phone.png"), full_page=True)
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.goto("/activities/pledges/")
    page.screenshot(path=str(results_dir / "pledge-list-phone.png"), full_page=True)

    page.goto("/activities/pledges/new/")
    page.screenshot(path=str(results_dir / "pledge-form-phone.png"), full_page=True)
    page.goto("/activities/pledges/{}/members/".format(drive.pk))
    page.check("input[name=audience][value=chosen]")
    page.screenshot(path=str(results_dir / "pledge-members-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # The export downloads.
    page.set_viewport_size(DESKTOP)
    page.goto("/activities/pledges/{}/".format(drive.pk))
    with page.expect_download() as download:
        page.locator("[data-action=export]").click()
    assert download.value.suggested_filename.endswith(".xlsx")


def test_staff_fill_the_ethics_grid_on_a_phone_and_a_teacher_sees_their_own(
    page, context, e2e_school, e2e_staff, e2e_teacher, staff_members, results_dir
):
    with scopes_disabled():
        own = staff_members[3]
        own.user = e2e_teacher
        own.save()

    page.set_viewport_size(PHONE)
    log_in(page, "staff")
    page.goto("/activities/ethics/")
    page.get_by_role("link", name=zh("New assessment period")).click()
    page.fill("input[name=title]", "2025年10月")
    page.select_option("select[name=kind]", "month")
    page.fill("input[name=starts_on]", "2025-10-01")
    page.fill("input[name=ends_on]", "2025-11-30")
    page.get_by_role("button", name=zh("Save")).click()
    expect(page.locator("#div_id_ends_on")).to_contain_text(zh("A monthly period starts and ends in the same month."))
    page.screenshot(path=str(results_dir / "ethics-form-phone.png"), full_page=True)
    page.fill("input[name=ends_on]", "2025-10-31")
    page.get_by_role("button", name=zh("Save")).click()
    expect(page).to_have_url(re.compile(r"/activities/ethics/\d+/$"))
    with scopes_disabled():
        period = EthicsPeriod.objects.get(school=e2e_school)

    rows = page.locator("#ethics-grid .grid-row")
    expect(rows).to_have_count(8)

    scores = ["96", "92.5", "88", "85", "79", "91", "68", "95"]
    for member, score in zip(staff_members, scores, strict=True):
        page.fill("#row-{} input[name$='-score']".format(member.pk), score)
    # A veto for 刘洋 without the violation it is for.
    page.check("#row-{} input.veto".format(staff_members[5].pk))
    page.get_by_role("button", name=zh("Save the whole grid")).click()

    expect(page.locator("#grid-errors")).to_contain_text("第6行 刘洋")
    expect(page.locator("#row-{}".format(staff_members[5].pk))).to_have_class(re.compile("bg-danger-subtle"))
    with scopes_disabled():
        assert not EthicsAssessment.objects.filter(period=period).exists()
    page.screenshot(path=str(results_dir / "ethics-grid-error-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # What was typed is still there; write the reason and save.
    expect(page.locator("#row-{} input[name$='-score']".format(staff_members[0].pk))).to_have_value("96")
    page.fill("#row-{} input[name$='-veto_reason']".format(staff_members[5].pk), "组织学生参加有偿补课")
    page.get_by_role("button", name=zh("Save the whole grid")).click()
    expect(page.locator(".alert-success")).to_be_visible()
    with scopes_disabled():
        saved = {
            a.member.name: (a.score, a.grade)
            for a in EthicsAssessment.objects.filter(period=period).select_related("member")
        }
    assert saved["刘洋"] == (Decimal("91.0"), "fail")
    assert saved["张伟"] == (Decimal("96.0"), "excellent")
    assert saved["周敏"] == (Decimal("68.0"), "pass")
    expect(page.locator("[data-grade=excellent]")).to_contain_text("3")
    expect(page.locator("[data-figure=vetoes]")).to_contain_text("1")
    page.screenshot(path=str(results_dir / "ethics-grid-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.reload()
    page.screenshot(path=str(results_dir / "ethics-grid-desktop.png"), full_page=True)
    page.goto("/activities/ethics/")
    page.screenshot(path=str(results_dir / "ethics-list-desktop.png"), full_page=True)

    # The teacher (赵强) sees their own assessment only, and never the grid.
    context.clear_cookies()
    log_in(page, "teacher")
    page.goto("/activities/ethics/")
    expect(page.locator("#own-assessments [data-assessment]")).to_have_count(1)
    expect(page.locator("#own-assessments")).to_contain_text("85.0")
    expect(page.locator("body")).not_to_contain_text("刘洋")
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(results_dir / "ethics-own-phone.png"), full_page=True)
    response = page.goto("/activities/ethics/{}/".format(period.pk))
    assert response.status == 403
