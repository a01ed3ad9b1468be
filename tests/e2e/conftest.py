"""Real Chromium against pytest-django's live server.

Chromium is Debian's (/usr/bin/chromium, installed by .ci/run); Playwright's own browser
downloads are never used. If Chromium cannot start, the e2e tests FAIL: a skipped
end-to-end test would hide a broken browser flow.
"""

import os
from pathlib import Path

import pytest
from django_scopes import scopes_disabled

from unionhub.roles import Role

from ..factories import DepartmentFactory, SchoolFactory, UserFactory

# Playwright's sync API runs an asyncio loop in this thread; the test's own ORM calls
# (setting up data, counting rows) are still plain synchronous code.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = os.environ.get("UNIONHUB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(scope="session")
def playwright_instance():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - the dev requirements install it
        pytest.fail("playwright is not installed: {}".format(error), pytrace=False)
    playwright = sync_playwright().start()
    yield playwright
    playwright.stop()


@pytest.fixture(scope="session")
def browser(playwright_instance):
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is not installed at {} (apt-get install chromium)".format(CHROMIUM), pytrace=False)
    try:
        browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
    except Exception as error:
        pytest.fail("Chromium at {} did not start: {}".format(CHROMIUM, error), pytrace=False)
    yield browser
    browser.close()


@pytest.fixture
def context(browser, live_server):
    # zh-CN makes Django's LocaleMiddleware pick zh-hans, as a teacher's browser would.
    context = browser.new_context(
        base_url=live_server.url,
        locale="zh-CN",
        viewport=DESKTOP,
        accept_downloads=True,
    )
    context.set_default_timeout(10_000)
    yield context
    context.close()


@pytest.fixture
def page(context):
    page = context.new_page()
    yield page
    page.close()


@pytest.fixture
def results_dir():
    RESULTS_DIR.mkdir(exist_ok=True)
    return RESULTS_DIR


# Data: live_server needs committed rows, so these stand on transactional_db. The users
# get the factories' PASSWORD (hashed with the fast hasher of tests/conftest.py), so the
# browser logs in through the real form.


@pytest.fixture
def e2e_school(transactional_db):
    with scopes_disabled():
        school = SchoolFactory(name="清溪区实验初级中学")
        DepartmentFactory(school=school, name="语文组", position=1)
        DepartmentFactory(school=school, name="数学组", position=2)
    return school


@pytest.fixture
def e2e_staff(e2e_school, fast_password_hasher):
    return UserFactory(username="staff", school=e2e_school, role=Role.STAFF, last_name="陈静")


@pytest.fixture
def e2e_teacher(e2e_school, fast_password_hasher):
    return UserFactory(username="teacher", school=e2e_school, role=Role.TEACHER, last_name="王伟")
