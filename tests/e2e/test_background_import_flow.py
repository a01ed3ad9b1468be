"""A large roster file, as union staff import it in a real browser: the job's page polls
its progress bar to the end, then offers the import's result to download."""

import io
import re

import pytest
from django_scopes import scopes_disabled
from openpyxl import load_workbook
from playwright.sync_api import expect

from members.models import Member

from ..members.test_import import good_row
from .conftest import PHONE
from .test_roster_flow import log_in, roster_workbook, upload, zh

pytestmark = pytest.mark.e2e

ROWS = 400


def template(page):
    response = page.request.get("/members/import/template.xlsx")
    assert response.ok
    return response.body()


def test_it_imports_a_large_file_with_a_progress_bar_and_a_result(
    page, live_server, settings, e2e_school, e2e_staff, results_dir
):
    # The embedded runner, as a deployment without Redis has it: a thread in the app server.
    settings.BACKGROUND_TASKS = "thread"
    rows = [good_row(n) for n in range(1, ROWS + 1)]
    polls = []
    page.on("request", lambda request: polls.append(request.url) if request.headers.get("hx-request") else None)

    log_in(page, "staff")
    page.goto("/members/import/")
    upload(page, roster_workbook(template(page), rows))

    expect(page).to_have_url(re.compile(r"/jobs/\d+/$"))
    expect(page.get_by_role("heading", name=zh("Import the roster"))).to_be_visible()
    bar = page.locator("#job-progress .progress-bar")
    expect(bar).to_be_visible()

    download_link = page.locator("#job-download")
    expect(download_link).to_be_visible(timeout=120_000)
    expect(page.locator("#job-progress")).to_have_attribute("data-job-state", "done")
    expect(bar).to_have_text("100%")
    expect(page.locator("#job-status")).to_contain_text("已完成")
    expect(page.locator("#job-outcome")).to_contain_text(str(ROWS))
    assert polls, "the page never asked for the job's progress"
    page.screenshot(path=str(results_dir / "background-import-desktop.png"), full_page=True)

    with page.expect_download() as download_info:
        download_link.click()
    download = download_info.value
    assert download.suggested_filename == "名册导入结果.xlsx"
    sheet = load_workbook(io.BytesIO(open(download.path(), "rb").read())).worksheets[0]
    assert sheet.max_row == ROWS + 1
    with scopes_disabled():
        assert Member.objects.filter(school=e2e_school).count() == ROWS

    # The polling has stopped: nothing more is asked once the job is done.
    asked = len(polls)
    page.wait_for_timeout(2500)
    assert len(polls) == asked

    # At phone width the bar and the link fit the screen.
    page.set_viewport_size(PHONE)
    page.reload()
    expect(download_link).to_be_visible()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.screenshot(path=str(results_dir / "background-import-phone.png"), full_page=True)
