"""The activity log in a real browser: staff record an activity with participants picked
by pinyin initials and a whole department, attach two photos and see the gallery.

Elements are found by name attributes, ids, data hooks or the Chinese text the app itself
translates, never by hard-coded English.
"""

import datetime
import io
import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from PIL import Image
from playwright.sync_api import expect

from activities.models import Activity
from members.choices import Gender
from members.models import Department

from ..activity_factories import ActivityFactory
from ..factories import PASSWORD, MemberFactory
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e

# Ten colleagues staff find by typing their pinyin initials (each prefix matches one).
PICKED = {
    "zly": "赵丽颖",
    "qxs": "钱学森",
    "sy": "孙悦",
    "lb": "李白",
    "zj": "周杰",
    "wg": "吴刚",
    "wf": "王菲",
    "fg": "冯巩",
    "csj": "褚时健",
    "hj": "韩娟",
}
# The whole 语文组, added with the department button.
CHINESE_GROUP = ["蒋欣", "沈腾", "杨洋", "马兰"]


def zh(message, **params):
    with translation.override("zh-hans"):
        text = gettext(message)
    return text % params if params else text


def png(color):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), color).save(buffer, format="PNG")
    return buffer.getvalue()


def log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=zh("Log in")).click()
    expect(page).to_have_url(re.compile(r"/$"))


def no_sideways_scroll(page, what):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "{} scrolls sideways on a 390px phone by {}px".format(what, overflow)


def shoot(page, results_dir, name):
    """Desktop and phone screenshots of the current page."""
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(results_dir / "activity-{}-desktop.png".format(name)), full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(results_dir / "activity-{}-phone.png".format(name)), full_page=True)
    no_sideways_scroll(page, name)
    page.set_viewport_size(DESKTOP)


@pytest.fixture
def colleagues(e2e_school):
    with scopes_disabled():
        maths = Department.objects.get(school=e2e_school, name="数学组")
        chinese = Department.objects.get(school=e2e_school, name="语文组")
        picked = [MemberFactory(school=e2e_school, name=name, department=maths) for name in PICKED.values()]
        group = [
            MemberFactory(school=e2e_school, name=name, department=chinese, gender=Gender.FEMALE)
            for name in CHINESE_GROUP
        ]
        # Someone nobody picks, in neither list.
        MemberFactory(school=e2e_school, name="张三", department=None)
    return picked, group


def test_staff_record_an_activity_with_participants_and_photos(
    page, live_server, e2e_school, e2e_staff, colleagues, results_dir
):
    picked, group = colleagues
    log_in(page, "staff")
    page.goto("/activities/")
    page.locator("[data-nav=activity-create]").click()
    expect(page).to_have_url(re.compile(r"/activities/new/$"))

    page.fill("input[name=title]", "教职工气排球比赛")
    page.select_option("select[name=category]", label="文体活动")
    page.fill("input[name=starts_on]", "2025-10-15")
    page.fill("input[name=location]", "学校体育馆")
    page.fill("input[name=organiser]", "校工会")

    # The picker replaces the plain select: chips, a search box and group buttons.
    picker = page.locator("#id_participants-picker")
    expect(page.locator("select[name=participants]")).to_be_hidden()
    search = picker.locator("[data-picker-search]")
    expect(search).to_be_visible()
    count = picker.locator("[data-picker-count]")

    # Ten colleagues by their pinyin initials: type, the server answers, click the name.
    page.evaluate("window.__sameDocument = true")
    for done, (initials, name) in enumerate(PICKED.items(), start=1):
        with page.expect_response(
            lambda r, initials=initials: "/members/search/" in r.url and "q=" + initials in r.url
        ) as answer:
            search.press_sequentially(initials, delay=30)
        assert answer.value.status == 200
        result = picker.locator("[data-picker-results] [data-member-id]", has_text=name)
        expect(result).to_have_count(1)
        result.click()
        expect(count).to_have_text(str(done))
        expect(search).to_have_value("")
    assert page.evaluate("window.__sameDocument") is True, "picking reloaded the page"
    chips = picker.locator("[data-picker-chips] .member-chip")
    expect(chips).to_have_count(10)
    expect(picker.locator("[data-picker-chips]")).to_contain_text("褚时健")

    # Typing a name already chosen shows it marked as chosen.
    search.press_sequentially("zly", delay=30)
    expect(picker.locator("[data-picker-results] [data-member-id][data-picked]")).to_have_count(1)
    search.press("Escape")

    # The whole 语文组 with the department button.
    picker.locator("[data-picker-departments]").click()
    picker.get_by_role("button", name="语文组").click()
    expect(count).to_have_text("14")
    for name in CHINESE_GROUP:
        expect(picker.locator("[data-picker-chips]")).to_contain_text(name)
    expect(picker.locator("[data-picker-chips]")).not_to_contain_text("张三")

    # A chip's × removes that member; add them back by initials and Enter.
    picker.locator(".member-chip", has_text="孙悦").locator("[data-picker-remove]").click()
    expect(count).to_have_text("13")
    with page.expect_response(lambda r: "q=sy" in r.url):
        search.press_sequentially("sy", delay=30)
    expect(picker.locator("[data-picker-results] [data-member-id]", has_text="孙悦")).to_have_count(1)
    search.press("Enter")
    expect(count).to_have_text("14")

    # Two photos at once.
    page.set_input_files(
        "input[name=photos]",
        files=[
            {"name": "发球.png", "mimeType": "image/png", "buffer": png("red")},
            {"name": "合影.png", "mimeType": "image/png", "buffer": png("blue")},
        ],
    )
    shoot(page, results_dir, "form")
    page.get_by_role("button", name=zh("Save"), exact=True).click()

    # The activity's page: the saved message, fourteen participants, two thumbnails.
    expect(page).to_have_url(re.compile(r"/activities/\d+/$"))
    expect(page.locator(".alert-success")).to_contain_text(
        zh("“%(record)s” has been saved.", record="教职工气排球比赛")
    )
    expect(page.locator("#participant-total")).to_contain_text("14")
    participants = page.locator("#participants")
    for name in [*PICKED.values(), *CHINESE_GROUP]:
        expect(participants).to_contain_text(name)
    expect(participants).not_to_contain_text("张三")
    thumbnails = page.locator("#activity-gallery img")
    expect(thumbnails).to_have_count(2)
    for index in range(2):
        thumbnails.nth(index).scroll_into_view_if_needed()
        page.wait_for_function(
            "img => img.complete && img.naturalWidth > 0", arg=thumbnails.nth(index).element_handle()
        )
        assert thumbnails.nth(index).evaluate("img => img.naturalWidth") == 240
    # A click opens the large picture.
    thumbnails.first.click()
    large = page.locator("#photo-modal-image")
    expect(large).to_be_visible()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=large.element_handle())
    assert large.evaluate("img => img.naturalWidth") == 800
    page.locator("#photo-modal .btn-close").click()
    expect(large).to_be_hidden()
    expect(page.locator(".modal-backdrop")).to_have_count(0)

    with scopes_disabled():
        activity = Activity.objects.get(school=e2e_school)
        assert activity.title == "教职工气排球比赛"
        assert activity.starts_on == datetime.date(2025, 10, 15)
        assert set(activity.participants.all()) == set(picked) | set(group)
        assert activity.photos.count() == 2
        assert all(photo.image.name.endswith(".jpg") for photo in activity.photos.all())
    shoot(page, results_dir, "detail")

    # The list and the calendar show it.
    page.goto("/activities/")
    expect(page.locator("#activity-table")).to_contain_text("教职工气排球比赛")
    expect(page.locator("#activity-table")).to_contain_text("14")
    shoot(page, results_dir, "list")
    page.goto("/activities/calendar/?month=2025-10")
    expect(page.locator('#calendar-grid td[data-date="2025-10-15"]')).to_contain_text("教职工气排球比赛")
    shoot(page, results_dir, "calendar")
    page.set_viewport_size(PHONE)
    expect(page.locator("#calendar-list")).to_contain_text("教职工气排球比赛")
    expect(page.locator("#calendar-grid")).to_be_hidden()
    page.locator("[data-nav=previous-month]").click()
    expect(page).to_have_url(re.compile(r"month=2025-09"))
    expect(page.locator("#calendar-list")).to_contain_text(zh("No activity this month."))


def test_without_javascript_the_picker_is_a_plain_multiple_select(
    browser, live_server, e2e_school, e2e_staff, colleagues
):
    picked, _group = colleagues
    context = browser.new_context(base_url=live_server.url, locale="zh-CN", viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    try:
        log_in(page, "staff")
        page.goto("/activities/new/")
        select = page.locator("select[name=participants]")
        expect(select).to_be_visible()
        expect(page.locator("#id_participants-picker .member-picker-ui")).to_be_hidden()
        page.fill("input[name=title]", "工会小组长会议")
        page.select_option("select[name=category]", label="工会自身建设")
        page.fill("input[name=starts_on]", "2025-09-05")
        page.select_option("select[name=participants]", value=[str(m.pk) for m in picked[:3]])
        page.get_by_role("button", name=zh("Save"), exact=True).click()
        expect(page).to_have_url(re.compile(r"/activities/\d+/$"))
        with scopes_disabled():
            activity = Activity.objects.get(school=e2e_school)
            assert set(activity.participants.all()) == set(picked[:3])
    finally:
        context.close()


def test_the_list_reads_as_cards_on_a_phone(page, live_server, e2e_school, e2e_staff):
    with scopes_disabled():
        for n in range(3):
            ActivityFactory(school=e2e_school, title="教工活动{}".format(n), starts_on=datetime.date(2025, 10, 1 + n))
    log_in(page, "staff")
    page.set_viewport_size(PHONE)
    page.goto("/activities/")
    expect(page.locator("#activity-table")).to_be_hidden()
    expect(page.locator("#activity-cards .activity-card")).to_have_count(3)
    no_sideways_scroll(page, "the activity list")


def test_two_pickers_on_one_page_keep_to_themselves(page, live_server, e2e_school, e2e_staff, colleagues):
    """Any form may hold two pickers under any names: each has its own select, search and buttons."""
    from tests.activities.test_log_picker import TwoPickers

    picked, group = colleagues
    with scopes_disabled():
        form_html = TwoPickers(school=e2e_school).as_div()
    log_in(page, "staff")
    page.goto("/activities/new/")  # same origin, so the pickers' search answers with the staff's session
    page.set_content(
        '<!doctype html><html><head><link rel="stylesheet" href="/static/vendor/bootstrap/css/bootstrap.min.css">'
        "</head>"
        "<body><form>{}</form>"
        '<script src="/static/vendor/bootstrap/js/bootstrap.bundle.min.js"></script>'
        '<script src="/static/django_htmx/htmx-2.min.js"></script></body></html>'.format(form_html)
    )
    visitors, recipients = page.locator("#id_visitors-picker"), page.locator("#id_recipients-picker")
    expect(visitors.locator("[data-picker-search]")).to_be_visible()
    expect(recipients.locator("[data-picker-search]")).to_be_visible()

    visitors.locator("[data-picker-departments]").click()
    visitors.get_by_role("button", name="语文组").click()
    expect(visitors.locator("[data-picker-count]")).to_have_text("4")
    expect(recipients.locator("[data-picker-count]")).to_have_text("0")

    recipients.locator("[data-picker-search]").press_sequentially("zly", delay=30)
    expect(recipients.locator("[data-picker-results] [data-member-id]")).to_have_count(1)
    expect(visitors.locator("[data-picker-results] [data-member-id]")).to_have_count(0)
    recipients.locator("[data-picker-results] [data-member-id]").click()
    expect(recipients.locator("[data-picker-count]")).to_have_text("1")
    expect(visitors.locator("[data-picker-count]")).to_have_text("4")

    chosen = page.evaluate(
        "name => Array.from(document.querySelector('select[name=' + name + ']').selectedOptions, o => o.value)",
        "visitors",
    )
    assert sorted(map(int, chosen)) == sorted(m.pk for m in group)
    chosen = page.evaluate(
        "name => Array.from(document.querySelector('select[name=' + name + ']').selectedOptions, o => o.value)",
        "recipients",
    )
    assert chosen == [str(picked[0].pk)]


def test_a_bad_picture_and_a_renamed_program_are_refused_by_name(page, live_server, e2e_school, e2e_staff, results_dir):
    log_in(page, "staff")
    page.goto("/activities/new/")
    page.fill("input[name=title]", "教职工气排球比赛")
    page.select_option("select[name=category]", label="文体活动")
    page.fill("input[name=starts_on]", "2025-10-15")
    page.fill("input[name=ends_on]", "2025-10-14")
    page.set_input_files(
        "input[name=photos]",
        files=[
            {"name": "合影.png", "mimeType": "image/png", "buffer": png("red")},
            {"name": "发言稿.jpg", "mimeType": "image/jpeg", "buffer": b"not a picture"},
        ],
    )
    page.set_input_files(
        "input[name=attachments]",
        files=[{"name": "活动方案.pdf", "mimeType": "application/pdf", "buffer": b"MZ\x90\x00 a program"}],
    )
    page.get_by_role("button", name=zh("Save"), exact=True).click()
    expect(page).to_have_url(re.compile(r"/activities/new/$"))
    expect(page.locator("#form-errors")).to_be_visible()
    expect(page.locator("#activity-form")).to_contain_text(
        "“发言稿.jpg”：" + zh("The file is not a picture, or it is damaged.")
    )
    expect(page.locator("#activity-form")).to_contain_text("“活动方案.pdf”：")
    expect(page.locator("#activity-form")).to_contain_text(zh("The end date is before the start date."))
    shoot(page, results_dir, "form-errors")
    with scopes_disabled():
        assert not Activity.all_objects.filter(school=e2e_school).exists()
