"""The congress in a real browser: a teacher submits a proposal, two colleagues second it,
staff accept it and record a department's reply; a session records a motion vote and
shows its approval rate. Pages fit a phone.
"""

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from congress.models import Proposal
from congress.services import record_attendance
from members.models import Department
from unionhub.roles import Role

from ..congress.factories import AgendaItemFactory, MotionFactory, SessionFactory, term_with_delegates
from ..factories import PASSWORD, MemberFactory, UserFactory
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
def colleagues(e2e_school, e2e_teacher, fast_password_hasher):
    with scopes_disabled():
        MemberFactory(school=e2e_school, user=e2e_teacher, name="王伟")
        users = []
        for index, name in enumerate(["李娜", "赵强"]):
            user = UserFactory(username="teacher{}".format(index + 2), school=e2e_school, role=Role.TEACHER)
            MemberFactory(school=e2e_school, user=user, name=name)
            users.append(user)
    return users


def test_proposal_from_submission_to_reply(page, e2e_school, e2e_staff, e2e_teacher, colleagues, results_dir):
    log_in(page, "teacher")
    page.goto("/congress/proposals/new/")
    page.fill("input[name=title]", "关于增设教师休息室的提案")
    page.fill("textarea[name=reasons]", "课间教师无处休息。")
    page.fill("textarea[name=measures]", "改造三楼空教室为休息室。")
    page.get_by_role("button", name=zh("Save")).click()
    expect(page.locator("#proposal-state")).to_have_text(zh("Submitted"))
    proposal_url = page.url
    log_out(page)

    for user in colleagues:
        log_in(page, user.username)
        page.goto(proposal_url)
        page.locator("#second-button").click()
        expect(page.locator("#seconders")).to_contain_text(user.member.name)
        log_out(page)

    log_in(page, "staff")
    page.goto(proposal_url)
    page.select_option("#id_state", "accepted")
    page.locator("#transition-form button[type=submit]").click()
    expect(page.locator("#proposal-state")).to_have_text(zh("Accepted as a proposal"))
    with scopes_disabled():
        department = Department.objects.filter(school=e2e_school).first()
    page.select_option("#id_state", "assigned")
    page.select_option("#id_department", str(department.pk))
    page.locator("#transition-form button[type=submit]").click()
    expect(page.locator("#proposal-state")).to_have_text(zh("Assigned to a department"))
    page.select_option("#id_state", "replied")
    page.fill("#id_reply", "总务处将于下学期改造三楼空教室。")
    page.locator("#transition-form button[type=submit]").click()
    expect(page.locator("#proposal-state")).to_have_text(zh("Replied"))
    expect(page.locator("#reply")).to_contain_text("总务处将于下学期改造三楼空教室。")
    page.set_viewport_size(PHONE)
    page.screenshot(path=str(results_dir / "congress-proposal-phone.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=str(results_dir / "congress-proposal-desktop.png"), full_page=True)
    with scopes_disabled():
        proposal = Proposal.objects.get()
        assert proposal.secondings.count() == 2
        assert proposal.department == department and proposal.replied_on is not None


def test_session_records_a_vote(page, e2e_school, e2e_staff, results_dir):
    with scopes_disabled():
        term, members = term_with_delegates(e2e_school, 30)
        session = SessionFactory(term=term)
        record_attendance(session, [m.pk for m in members[:28]])
        motion = MotionFactory(agenda_item=AgendaItemFactory(session=session))
    log_in(page, "staff")
    page.goto("/congress/sessions/{}/".format(session.pk))
    expect(page.locator("#quorum")).to_contain_text(zh("quorum reached"))
    form = page.locator("[data-motion='{}'] form.vote-form".format(motion.pk))
    form.locator("input[name=votes_for]").fill("26")
    form.locator("input[name=votes_against]").fill("1")
    form.locator("input[name=abstentions]").fill("1")
    form.get_by_role("button", name=zh("Record the vote")).click()
    expect(page.locator("[data-motion='{}'] [data-sentence]".format(motion.pk))).to_have_text(
        "以92.9%的赞同率通过（赞成26票，反对1票，弃权1票）"
    )
    expect(page.locator("[data-approval-rate]")).to_have_text(zh("approval %(rate)s%%", rate="92.9"))
    for size_name, size in (("phone", PHONE), ("desktop", DESKTOP)):
        page.set_viewport_size(size)
        page.screenshot(path=str(results_dir / "congress-session-{}.png".format(size_name)), full_page=True)
        page.goto("/congress/")
        page.screenshot(path=str(results_dir / "congress-list-{}.png".format(size_name)), full_page=True)
        page.goto("/congress/sessions/{}/".format(session.pk))


def test_staff_pages_fit_a_phone(page, e2e_school, e2e_staff, results_dir):
    log_in(page, "staff")
    page.set_viewport_size(PHONE)
    page.goto("/congress/suggestion-drives/new/")
    page.fill("input[name=title]", "2025年金点子征集")
    page.fill("input[name=opens_on]", "2025-04-01")
    page.fill("input[name=closes_on]", "2025-04-30")
    page.get_by_role("button", name=zh("Save")).click()
    page.fill("textarea[name=new-text]", "建议在教学楼增设饮水机。")
    page.locator("#suggestion-form button[type=submit]").click()
    expect(page.locator("[data-suggestion]")).to_contain_text("建议在教学楼增设饮水机。")
    page.screenshot(path=str(results_dir / "congress-drive-phone.png"), full_page=True)
    page.goto("/congress/proposals/")
    page.screenshot(path=str(results_dir / "congress-proposals-phone.png"), full_page=True)
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    assert scroll_width <= PHONE["width"]
