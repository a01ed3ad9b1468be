"""With the Content-Security-Policy enforced, the pages' behaviour still works in a real
browser (it comes from static files, not inline handlers) and the browser reports no
violation: the language switcher submits on change, a delete asks first."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from reports.models import PlanSection
from unionhub.roles import Role

from ..factories import PASSWORD, UserFactory
from ..reports.factories import AnnualPlanFactory, PlanSectionFactory

pytestmark = pytest.mark.e2e

# Playwright's own script, run before the page's and outside its policy, records every
# violation the page reports.
RECORD_VIOLATIONS = """
window.cspViolations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.cspViolations.push(event.violatedDirective + " " + (event.blockedURI || "inline"));
});
"""


def zh(message):
    with translation.override("zh-hans"):
        return gettext(message)


def violations(page, console):
    return console + page.evaluate("window.cspViolations")


@pytest.fixture
def console(page):
    """Console messages about the Content-Security-Policy, as Chromium writes them."""
    messages = []
    page.add_init_script(RECORD_VIOLATIONS)
    page.on(
        "console",
        lambda message: messages.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: messages.append(str(error)))
    return messages


@pytest.fixture
def e2e_chair(e2e_school, fast_password_hasher):
    return UserFactory(username="chair", school=e2e_school, role=Role.CHAIR, last_name="刘梅兰")


def log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=zh("Log in")).click()
    expect(page).to_have_url(re.compile(r"/$"))


def test_the_language_switcher_submits_on_change_under_the_policy(page, console, e2e_staff):
    log_in(page, "staff")
    response = page.goto(reverse("members:member_list"))
    assert "'unsafe-inline'" not in response.headers["content-security-policy"]
    assert "script-src 'self'" in response.headers["content-security-policy"]
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")

    page.select_option("#language-select", "en")

    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/members/$"))
    page.select_option("#language-select", "zh-hans")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    assert violations(page, console) == []


def test_a_delete_asks_first_under_the_policy(page, console, e2e_school, e2e_chair):
    with scopes_disabled():
        plan = AnnualPlanFactory(school=e2e_school, year=2018)
        section = PlanSectionFactory(plan=plan, title="加强队伍建设")
    log_in(page, "chair")
    page.goto(reverse("reports:plan", kwargs={"year": 2018}))
    delete = page.locator("#plan-section-{} button[value=delete]".format(section.pk))
    asked = []

    def decline(dialog):
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", decline)
    delete.click()
    page.wait_for_load_state()
    assert asked == [zh("Delete this section and its items?")]
    expect(page.locator("#plan-section-{}".format(section.pk))).to_be_visible()
    with scopes_disabled():
        assert PlanSection.objects.filter(pk=section.pk).exists(), "declining deletes nothing"

    page.once("dialog", lambda dialog: dialog.accept())
    delete.click()

    expect(page.locator("#plan-section-{}".format(section.pk))).to_have_count(0)
    with scopes_disabled():
        assert not PlanSection.objects.filter(pk=section.pk).exists()
    assert violations(page, console) == []
