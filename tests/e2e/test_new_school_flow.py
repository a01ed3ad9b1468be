"""A school that starts from nothing, in a real browser: ``createschool`` makes the school
and its chair; the chair logs in with the one-time password, changes it, fills the school's
profile, imports the roster from an old .xls file, enters an activity, a mentor pair, a 168
pair and a disclosure notice of an earlier year, and finds them in that year's summary."""

import io
import re
from io import StringIO

import pytest
import xlwt
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from activities.models import Activity, CarePair, MentorPair
from disclosure.choices import NoticeStatus
from disclosure.models import Notice
from members.columns import ROSTER_COLUMNS
from members.models import Member
from unionhub.models import School

from .conftest import PHONE

pytestmark = pytest.mark.e2e

NEW_PASSWORD = "Xincheng-union-2015!"
PAST_YEAR = 2015
ROSTER = [
    {"name": "曾玲娟", "gender": "女", "phone": "１３８１２３４０００１", "department": "语文组"},
    {"name": "单建国", "gender": "男", "phone": "13812340002", "department": "数学组"},
    {"name": "林晓", "gender": "女", "phone": "13812340003", "department": "数学组"},
]


def zh(message, **params):
    with translation.override("zh-hans"):
        text = gettext(message)
    return text % params if params else text


def roster_xls(rows):
    """A legacy .xls as an office keeps it: a title row above the header."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("教职工名册")
    sheet.write(0, 0, "清溪区新城小学教职工名册（2015年）")
    with translation.override("zh-hans"):
        headers = [str(label) for _name, label in ROSTER_COLUMNS]
    names = [name for name, _label in ROSTER_COLUMNS]
    for column, header in enumerate(headers):
        sheet.write(1, column, header)
    for row_number, row in enumerate(rows, start=2):
        for column, name in enumerate(names):
            if name in row:
                sheet.write(row_number, column, row[name])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def createschool():
    out = StringIO()
    call_command(
        "createschool", "清溪区教育工会", "清溪区新城小学", "新城小学", "xincheng", chair_name="林晓", stdout=out
    )
    line = next(line for line in out.getvalue().splitlines() if "一次性密码" in line)
    return line.split("：", 1)[1].split()[0]


def member(school, name):
    with scopes_disabled():
        return Member.objects.get(school=school, name=name)


def test_a_new_school_enters_a_past_year_and_sees_it_in_that_years_summary(page, transactional_db, results_dir):
    password = createschool()
    with scopes_disabled():
        school = School.objects.get(name="清溪区新城小学")

    # The chair logs in with the one-time password and must change it first.
    page.goto("/accounts/login/")
    page.fill("input[name=username]", "xincheng")
    page.fill("input[name=password]", password)
    page.get_by_role("button", name=zh("Log in")).click()
    expect(page).to_have_url(re.compile(r"/accounts/password_change/$"))
    page.fill("input[name=old_password]", password)
    page.fill("input[name=new_password1]", NEW_PASSWORD)
    page.fill("input[name=new_password2]", NEW_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page.locator(".alert-success")).to_contain_text(zh("Your password has been changed."))

    # The school's profile: the union's name signs the summary.
    page.goto("/school/profile/")
    page.fill("input[name=union_name]", "清溪区新城小学工会")
    page.fill("input[name=motto]", "求真 向善")
    page.locator("form button[type=submit]").last.click()
    with scopes_disabled():
        school.refresh_from_db()
    assert (school.union_name, school.motto) == ("清溪区新城小学工会", "求真 向善")

    # Departments are made by the import; the roster comes from an old .xls with a title row.
    page.goto("/members/import/")
    page.set_input_files(
        "input[name=file]",
        files=[{"name": "名册.xls", "mimeType": "application/vnd.ms-excel", "buffer": roster_xls(ROSTER)}],
    )
    page.get_by_role("button", name=zh("Upload and check")).click()
    preview = page.locator("#import-preview")
    expect(preview).to_contain_text("曾玲娟")
    preview.locator("button[name=confirm]").click()
    expect(page).to_have_url(re.compile(r"/members/$"))
    assert member(school, "曾玲娟").phone == "13812340001", "full-width digits are made half-width"
    # 曾 is read as a surname: zeng, so zlj finds her.
    page.goto("/members/?q=zlj")
    expect(page.locator("#roster-table")).to_contain_text("曾玲娟")

    zeng, shan = member(school, "曾玲娟"), member(school, "单建国")

    # An activity of 2015.
    page.goto("/activities/new/")
    page.fill("input[name=title]", "教职工趣味运动会")
    page.select_option("select[name=category]", label="文体活动")
    page.fill("input[name=starts_on]", "{}-10-16".format(PAST_YEAR))
    picker = page.locator("#id_participants-picker")
    search = picker.locator("[data-picker-search]")
    for initials, name in (("zlj", "曾玲娟"), ("sjg", "单建国")):
        with page.expect_response(lambda r, initials=initials: "q=" + initials in r.url):
            search.press_sequentially(initials, delay=30)
        picker.locator("[data-picker-results] [data-member-id]", has_text=name).click()
    expect(picker.locator("[data-picker-count]")).to_have_text("2")
    page.get_by_role("button", name=zh("Save"), exact=True).click()
    expect(page.locator("h1")).to_contain_text("教职工趣味运动会")

    # A mentor pair and a 168 pair of the 2015—2016 school year.
    page.goto("/activities/mentoring/new/")
    page.select_option("select[name=mentor]", value=str(shan.pk))
    page.select_option("select[name=mentee]", value=str(zeng.pk))
    page.fill("input[name=subject]", "语文")
    page.select_option("select[name=school_year]", value=str(PAST_YEAR))
    page.locator("form button[type=submit]").last.click()
    expect(page).not_to_have_url(re.compile(r"/new/$"))

    page.goto("/activities/care/pairs/new/")
    page.select_option("select[name=teacher]", value=str(zeng.pk))
    page.fill("input[name=student_name]", "小周")
    page.fill("input[name=student_class]", "三（2）班")
    page.fill("[name=reason]", "学习困难")
    page.select_option("select[name=school_year]", value=str(PAST_YEAR))
    page.locator("form button[type=submit]").last.click()
    expect(page).not_to_have_url(re.compile(r"/new/$"))

    # A notice published in 2015: dated by its first day, not by the click.
    page.goto("/disclosure/manage/new/")
    page.fill("input[name=title]", "2015年度评优评先结果公示")
    page.select_option("select[name=category]", label="评先评优")
    page.fill("textarea[name=body]", "经教代会推选，现将结果公示如下。")
    page.fill("input[name=starts_on]", "{}-12-01".format(PAST_YEAR))
    page.fill("input[name=working_days]", "5")
    page.locator("#notice-form button[type=submit]").click()
    with scopes_disabled():
        notice = Notice.objects.get(school=school)
    page.goto("/disclosure/{}/".format(notice.pk))
    page.get_by_role("button", name=zh("Publish"), exact=True).click()

    with scopes_disabled():
        assert Activity.objects.filter(school=school, starts_on__year=PAST_YEAR).count() == 1
        assert MentorPair.objects.filter(school=school, school_year=PAST_YEAR).count() == 1
        assert CarePair.objects.filter(school=school, school_year=PAST_YEAR).count() == 1
        notice.refresh_from_db()
        # Its window is long over: published straight into the archive, dated by its first day.
        assert (notice.status, notice.starts_on.year) == (NoticeStatus.CLOSED, PAST_YEAR)

    # That year's summary holds them all; this year's holds none of them.
    page.goto("/reports/{}/".format(PAST_YEAR))
    sheet = page.locator("#summary-sheet")
    expect(sheet).to_contain_text("教职工趣味运动会")
    expect(sheet).to_contain_text("师徒")
    expect(sheet).to_contain_text("168")
    expect(sheet).to_contain_text("评先评优")
    page.screenshot(path=str(results_dir / "new-school-summary-desktop.png"), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(results_dir / "new-school-summary-phone.png"), full_page=True)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 1
