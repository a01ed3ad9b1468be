"""School-affairs disclosure (校务公开) in a real browser: staff publish a notice with a
5-working-day window and an attachment; a teacher sees it as new on the board, reads it and
raises an objection; staff answer it and the teacher reads the answer. The pages fit a phone.
"""

import re

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from disclosure.models import Notice, NoticeRead, Objection
from disclosure.workdays import window_end

from ..factories import PASSWORD, MemberFactory
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


def no_sideways_scroll(page, what):
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "{} scrolls sideways on a {}px screen by {}px".format(
        what, page.viewport_size["width"], overflow
    )


def test_a_notice_is_published_read_objected_to_and_answered(page, e2e_school, e2e_staff, e2e_teacher, results_dir):
    with scopes_disabled():
        MemberFactory(school=e2e_school, name="王伟", user=e2e_teacher)
    today = timezone.localdate()

    # Staff write the notice with a 5-working-day window and a PDF, then publish it.
    log_in(page, "staff")
    page.goto("/disclosure/manage/new/")
    page.fill("input[name=title]", "2025年职称评审推荐人选公示")
    page.select_option("select[name=category]", label="职评")
    body = "经评审小组评议，推荐以下人选：\n\n- 王伟\n- 李娜"
    page.fill("textarea[name=body]", body + "\n\n<script>document.title='hacked'</script>")
    page.fill("input[name=starts_on]", today.isoformat())
    page.fill("input[name=working_days]", "5")
    pdf = [{"name": "推荐名单.pdf", "mimeType": "application/pdf", "buffer": b"%PDF-1.4\n% test\n"}]
    page.set_input_files("input[name=attachment]", files=pdf)
    page.locator("#notice-form button[type=submit]").click()
    # A script in the body is refused with a message; nothing is saved.
    expect(page.locator("#notice-form")).to_contain_text("正文含有可能在浏览器中运行的内容")
    with scopes_disabled():
        assert not Notice.objects.exists()
    page.fill("textarea[name=body]", body)
    page.set_input_files("input[name=attachment]", files=pdf)
    page.locator("#notice-form button[type=submit]").click()
    expect(page.locator("#notice-state")).to_have_text(zh("Draft"))
    page.get_by_role("button", name=zh("Publish")).click()
    expect(page.locator("#notice-state")).to_have_text(zh("Published"))
    expect(page.locator("#attachments")).to_contain_text("推荐名单.pdf")
    with scopes_disabled():
        notice = Notice.objects.get()
    assert notice.ends_on == window_end(today, 5)
    log_out(page)

    # The teacher sees it as new, with 5 working days left, and opens it.
    log_in(page, "teacher")
    page.goto("/disclosure/")
    row = page.locator("#current-notices [data-notice='{}']".format(notice.pk))
    expect(row.locator("[data-badge=new]")).to_be_visible()
    with translation.override("zh-hans"):
        left = ngettext("%(days)s working day left", "%(days)s working days left", 5) % {"days": 5}
    expect(row).to_contain_text(left)
    page.screenshot(path=str(results_dir / "disclosure-board.png"), full_page=True)
    row.click()
    expect(page.locator("#notice-body")).to_contain_text("王伟")
    assert page.title() != "hacked"
    expect(page.locator("#notice-body script")).to_have_count(0)
    with scopes_disabled():
        assert NoticeRead.objects.filter(notice=notice, user=e2e_teacher).exists()
    page.goto("/disclosure/")
    expect(page.locator("[data-notice='{}'] [data-badge=new]".format(notice.pk))).to_have_count(0)

    # The objection, during the window.
    page.goto(notice.get_absolute_url())
    page.get_by_role("link", name=zh("Raise an objection")).click()
    page.fill("textarea[name=text]", "李娜的任职年限不满五年")
    page.locator("#objection-form button[type=submit]").click()
    expect(page.locator("#objections")).to_contain_text("李娜的任职年限不满五年")
    with scopes_disabled():
        objection = Objection.objects.get()
    log_out(page)

    # Staff see the objection count and answer it.
    log_in(page, "staff")
    page.goto("/disclosure/manage/")
    expect(page.locator("[data-notice='{}'] [data-figure=objections]".format(notice.pk))).to_contain_text(
        zh("%(count)s objections (%(open)s unanswered)", count=1, open=1)
    )
    page.goto(notice.get_absolute_url())
    page.locator("#objection-{} a".format(objection.pk)).click()
    page.fill("textarea[name=answer]", "经核实，李娜2019年起任现职，符合条件")
    page.locator("#answer-form button[type=submit]").click()
    expect(page.locator("#objection-{} [data-answer]".format(objection.pk))).to_contain_text("符合条件")
    page.screenshot(path=str(results_dir / "disclosure-notice-staff.png"), full_page=True)
    log_out(page)

    # The teacher reads the answer, on a phone.
    page.set_viewport_size(PHONE)
    log_in(page, "teacher")
    page.goto(notice.get_absolute_url())
    expect(page.locator("#objection-{} [data-answer]".format(objection.pk))).to_contain_text("符合条件")
    no_sideways_scroll(page, "the notice")
    page.screenshot(path=str(results_dir / "disclosure-notice-phone.png"), full_page=True)
    page.goto("/disclosure/")
    no_sideways_scroll(page, "the board")
    page.screenshot(path=str(results_dir / "disclosure-board-phone.png"), full_page=True)
    page.goto("/disclosure/suggestions/new/")
    no_sideways_scroll(page, "the suggestion form")
    page.set_viewport_size(DESKTOP)
    page.goto("/disclosure/?screen=1")
    expect(page.locator("#screen-board")).to_contain_text("2025年职称评审推荐人选公示")
    page.screenshot(path=str(results_dir / "disclosure-screen.png"))
    page.goto(notice.get_absolute_url() + "?print=1")
    page.screenshot(path=str(results_dir / "disclosure-print.png"), full_page=True)
