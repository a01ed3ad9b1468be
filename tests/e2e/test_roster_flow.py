"""The roster, as union staff and a teacher use it, in a real browser.

Elements are found by name attributes, ids, ``data-nav`` hooks or by the Chinese text
the app itself translates (``gettext`` under zh-hans), never by hard-coded English.
"""

import io
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from openpyxl import load_workbook
from playwright.sync_api import expect

from members.choices import Gender
from members.columns import ROSTER_COLUMNS
from members.models import Member

from ..factories import PASSWORD
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def zh(message, **params):
    """The text the page shows for ``message`` (the app's zh-hans translation)."""
    with translation.override("zh-hans"):
        text = gettext(message)
    return text % params if params else text


def member_count(school):
    with scopes_disabled():
        return Member.objects.filter(school=school).count()


def log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=zh("Log in")).click()
    expect(page).to_have_url(re.compile(r"/$"))


def roster_workbook(template_bytes, rows):
    """The downloaded template with its example row replaced by ``rows`` (dicts by field)."""
    workbook = load_workbook(io.BytesIO(template_bytes))
    sheet = workbook.worksheets[0]
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append([row.get(name, "") for name, _header in ROSTER_COLUMNS])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(page, content):
    page.set_input_files("input[name=file]", files=[{"name": "roster.xlsx", "mimeType": XLSX, "buffer": content}])
    page.get_by_role("button", name=zh("Upload and check")).click()


def test_it_lets_staff_add_import_search_and_log_out(page, live_server, e2e_school, e2e_staff, results_dir):
    # Log in through the form.
    log_in(page, "staff")
    expect(page.locator("[data-nav=roster]")).to_be_visible()

    # Add a member through the form.
    page.locator("[data-nav=roster]").click()
    expect(page).to_have_url(re.compile(r"/members/$"))
    page.get_by_role("link", name=zh("Add member")).click()
    expect(page).to_have_url(re.compile(r"/members/new/$"))
    page.fill("input[name=name]", "王小明")
    page.select_option("select[name=gender]", Gender.MALE.value)
    page.fill("input[name=birth_date]", "1990-05-01")
    page.fill("input[name=phone]", "13812340000")
    page.fill("input[name=employee_number]", "T0100")
    page.select_option("select[name=department]", label="语文组")
    page.get_by_role("button", name=zh("Save")).click()
    expect(page.locator(".alert-success")).to_contain_text(zh("%(name)s has been added.", name="王小明"))
    assert member_count(e2e_school) == 1

    page.locator("[data-nav=roster]").click()
    expect(page.locator("#roster-table")).to_contain_text("王小明")
    expect(page.locator("#roster-table")).to_contain_text("语文组")

    # Import: download the template, fill one good and one bad row.
    page.get_by_role("link", name=zh("Import"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/members/import/$"))
    with page.expect_download() as download_info:
        page.get_by_role("link", name=zh("Download the template")).click()
    template = download_info.value
    assert template.suggested_filename.endswith(".xlsx")
    with open(template.path(), "rb") as file:
        template_bytes = file.read()
    headers = [cell.value for cell in load_workbook(io.BytesIO(template_bytes)).worksheets[0][1]]
    with translation.override("zh-hans"):
        assert headers == [str(header) for _name, header in ROSTER_COLUMNS]
        female = str(Gender.FEMALE.label)
        male = str(Gender.MALE.label)

    good = {
        "name": "赵丽颖",
        "gender": female,
        "birth_date": "1988-07-15",
        "phone": "13900001111",
        "employee_number": "T1001",
        "department": "语文组",
    }
    bad = {
        "name": "孙悦",
        "gender": male,
        "birth_date": "1979-11-02",
        "phone": "12345",
        "employee_number": "T1002",
        "department": "英语组",
    }
    upload(page, roster_workbook(template_bytes, [good, bad]))

    errors = page.locator("#import-errors")
    expect(errors).to_be_visible()
    expect(page.locator("#import-preview")).to_have_count(0)
    error_rows = errors.locator("tbody tr")
    expect(error_rows).to_have_count(1)
    phone_column = [name for name, _h in ROSTER_COLUMNS].index("phone")
    expect(error_rows.first).to_contain_text(zh("row %(row)s", row=3))
    expect(error_rows.first).to_contain_text("ABCDEFGHIJKLMNOP"[phone_column])
    expect(error_rows.first).to_contain_text("12345")
    assert member_count(e2e_school) == 1, "a file with a bad row must import nothing"

    # Fix the row, upload again, see the preview, confirm.
    bad["phone"] = "0519-88776655"
    upload(page, roster_workbook(template_bytes, [good, bad]))
    preview = page.locator("#import-preview")
    expect(preview).to_be_visible()
    expect(page.locator("#import-errors")).to_have_count(0)
    expect(preview).to_contain_text("赵丽颖")
    expect(preview).to_contain_text("孙悦")
    expect(preview).to_contain_text("英语组")
    assert member_count(e2e_school) == 1, "nothing is written before the import is confirmed"
    preview.locator("button[name=confirm]").click()
    expect(page).to_have_url(re.compile(r"/members/$"))
    expect(page.locator(".alert-success")).to_contain_text(
        zh(
            "Import finished: %(created)s members added, %(updated)s updated, %(unchanged)s unchanged.",
            created=2,
            updated=0,
            unchanged=0,
        )
    )
    assert member_count(e2e_school) == 3

    # Search by pinyin initials: htmx swaps only the table, the page stays.
    page.evaluate("window.__sameDocument = true")
    with page.expect_response(lambda r: "/members/" in r.url and "q=zly" in r.url) as search:
        page.locator("input[name=q]").press_sequentially("zly", delay=50)
    assert search.value.status == 200
    assert search.value.request.headers.get("hx-request") == "true"
    table = page.locator("#roster-table")
    expect(table).to_contain_text("赵丽颖")
    expect(table).not_to_contain_text("王小明")
    expect(table).not_to_contain_text("孙悦")
    assert page.evaluate("window.__sameDocument") is True, "the search reloaded the whole page"
    expect(page).to_have_url(re.compile(r"q=zly"))

    # Screenshots of where the story ends: desktop, then a phone.
    page.screenshot(path=str(results_dir / "roster-flow-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    expect(page.locator(".navbar-toggler")).to_be_visible()
    expect(page.locator("[data-nav=roster]")).to_be_hidden()
    page.screenshot(path=str(results_dir / "roster-flow-phone.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "the page scrolls sideways on a 390px phone by {}px".format(overflow)
    # On the phone the menu opens from the toggler.
    page.locator(".navbar-toggler").click()
    expect(page.locator("[data-nav=roster]")).to_be_visible()
    page.set_viewport_size(DESKTOP)

    # Log out through the user menu.
    page.locator("[data-nav=user-menu]").click()
    page.locator("[data-nav=logout]").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/$"))
    expect(page.locator("[data-nav=user-menu]")).to_have_count(0)
    page.goto("/members/")
    expect(page).to_have_url(re.compile(r"/accounts/login/\?next=/members/$"))


def test_it_shows_a_teacher_no_roster(page, live_server, e2e_school, e2e_teacher, results_dir):
    log_in(page, "teacher")
    expect(page.locator("[data-nav=user-menu]")).to_be_visible()
    expect(page.locator("[data-nav=roster]")).to_have_count(0)
    expect(page.locator("[data-nav=accounts]")).to_have_count(0)
    response = page.goto("/members/")
    assert response.status == 403
    page.screenshot(path=str(results_dir / "teacher-forbidden-roster.png"), full_page=True)
