"""The 168 care action in a real browser: staff fill one month for five teachers on one
page and see the grid coloured; a teacher sees and fills only their own row, and is refused
a colleague's pair.

Elements are found by ids, names, ``data-care`` hooks or the Chinese text the app itself
translates, never by hard-coded English.
"""

import datetime
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from activities.models import CareLog, CarePair

from ..factories import PASSWORD, MemberFactory
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

OCTOBER = datetime.date(2025, 10, 1)
FIVE = [
    # name, student, talks, tutoring: both met, one met, none met, both, one
    ("陈晓东", "小明", "6", "8"),
    ("林小雨", "小红", "7", "5"),
    ("周建国", "小刚", "2", "3"),
    ("黄丽华", "小丽", "9", "10"),
    ("吴志强", "小军", "3", "8"),
]


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


def make_pair(school, name, student, **member):
    with scopes_disabled():
        teacher = MemberFactory(school=school, name=name, **member)
        return CarePair.objects.create(
            school=school,
            teacher=teacher,
            student_name=student,
            student_class="初二（3）班",
            reason="学习困难",
            school_year=2025,
        )


def october_logs(school):
    with scopes_disabled():
        return {
            log.pair.teacher.name: (log.talks, log.tutoring, log.notes)
            for log in CareLog.objects.filter(pair__school=school, month=OCTOBER).select_related("pair__teacher")
        }


def test_staff_fill_a_month_for_five_teachers_on_one_page(page, live_server, e2e_school, e2e_staff, results_dir):
    pairs = {name: make_pair(e2e_school, name, student) for name, student, _t, _u in FIVE}
    log_in(page, "staff")

    page.goto("/activities/care/?year=2025")
    expect(page.locator("h1")).to_contain_text(zh("168 care action"))
    page.locator("[data-care=fill-month]").click()
    expect(page).to_have_url(re.compile(r"/activities/care/month/"))

    # Choose October 2025 and fill the five rows on the one page.
    page.fill("#care-month-choice input[name=month]", "2025-10")
    page.locator("#care-month-choice").get_by_role("button", name=zh("Show")).click()
    expect(page).to_have_url(re.compile(r"month=2025-10"))
    expect(page.locator("#care-month-form .care-month-row")).to_have_count(5)
    for name, _student, talks, tutoring in FIVE:
        row = page.locator(".care-month-row[data-teacher='{}']".format(name))
        row.locator("input[name$=-talks]").fill(talks)
        row.locator("input[name$=-tutoring]").fill(tutoring)
    page.locator(".care-month-row[data-teacher='陈晓东'] input[name$=-notes]").fill("家访一次，谈心五次")
    page.locator("[data-care=save-month]").click()

    # Back on the grid: saved in one go, each October cell coloured and marked.
    expect(page).to_have_url(re.compile(r"/activities/care/\?year=2025"))
    expect(page.locator(".alert-success")).to_contain_text("2025年10月已保存：新填 5 条")
    assert october_logs(e2e_school) == {
        "陈晓东": (6, 8, "家访一次，谈心五次"),
        "林小雨": (7, 5, ""),
        "周建国": (2, 3, ""),
        "黄丽华": (9, 10, ""),
        "吴志强": (3, 8, ""),
    }
    expected = {"陈晓东": "both", "林小雨": "one", "周建国": "none", "黄丽华": "both", "吴志强": "one"}
    for name, status in expected.items():
        october = page.locator("#care-row-{} td.care-cell".format(pairs[name].pk)).nth(1)
        expect(october).to_have_class(re.compile(r"\bcare-{}\b".format(status)))
    expect(page.locator("#care-row-{} td.care-cell".format(pairs["陈晓东"].pk)).nth(1)).to_contain_text("✔6/8")
    expect(page.locator("[data-figure=both_met]")).to_have_text("2")
    page.screenshot(path=str(results_dir / "care-grid-desktop.png"), full_page=True)

    # On a phone the grid scrolls sideways while the teacher column stays put.
    page.set_viewport_size(PHONE)
    page.reload()
    wrap = page.locator("#care-grid")
    assert wrap.evaluate("el => el.scrollWidth > el.clientWidth")
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]  # only the grid scrolls
    first_name = page.locator(".care-grid tbody th.care-teacher").first
    before = first_name.bounding_box()["x"]
    wrap.evaluate("el => el.scrollLeft = 400")
    assert abs(first_name.bounding_box()["x"] - before) < 1
    page.screenshot(path=str(results_dir / "care-grid-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)


def test_a_teacher_sees_and_fills_only_their_own_row(page, live_server, e2e_school, e2e_teacher, results_dir):
    own = make_pair(e2e_school, "王伟", "小强", user=e2e_teacher)
    colleague = make_pair(e2e_school, "李娜", "小红")
    with scopes_disabled():
        CareLog.objects.create(pair=colleague, month=OCTOBER, talks=6, tutoring=8)
    log_in(page, "teacher")

    page.goto("/activities/care/?year=2025")
    rows = page.locator(".care-grid tbody tr")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("王伟")
    body = page.locator("main").inner_text()
    assert "李娜" not in body and "小红" not in body

    # Fill October in the row (htmx swaps the row, then the cell).
    page.locator("#care-row-{} [data-care=edit-row]".format(own.pk)).click()
    cell = page.locator("#care-cell-{}-2025-10".format(own.pk))
    expect(cell.locator("input[name=talks]")).to_be_visible()
    cell.locator("input[name=talks]").fill("6")
    cell.locator("input[name=tutoring]").fill("9")
    cell.get_by_role("button", name=zh("Save")).click()
    expect(page.locator("#care-cell-{}-2025-10".format(own.pk))).to_have_class(re.compile(r"\bcare-both\b"))
    expect(page.locator("#care-cell-{}-2025-10".format(own.pk))).to_contain_text(zh("Saved"))
    expect(page.locator("#care-talks-{}".format(own.pk))).to_have_text("6")
    assert october_logs(e2e_school)["王伟"] == (6, 9, "")
    page.locator("#care-row-{} [data-care=done]".format(own.pk)).click()
    expect(page.locator("#care-row-{} td.care-cell".format(own.pk)).nth(1)).to_contain_text("✔6/9")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") == PHONE["width"]
    page.screenshot(path=str(results_dir / "care-teacher-row-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)

    # The month page offers only their own pair.
    page.goto("/activities/care/month/?month=2025-10")
    expect(page.locator("#care-month-form .care-month-row")).to_have_count(1)
    expect(page.locator(".care-month-row[data-teacher='王伟']")).to_be_visible()

    # Their own pair's page opens; a colleague's answers as if it did not exist.
    page.goto("/activities/care/pairs/{}/".format(own.pk))
    expect(page.locator("#care-student")).to_contain_text("小强")
    response = page.goto("/activities/care/pairs/{}/".format(colleague.pk))
    assert response.status == 404
    expect(page.locator("main")).to_contain_text(zh("Page not found"))
    assert "小红" not in page.locator("main").inner_text()
    page.screenshot(path=str(results_dir / "care-teacher-forbidden.png"), full_page=True)
