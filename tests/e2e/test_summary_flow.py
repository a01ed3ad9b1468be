"""The annual summary in a real browser: the chair opens the preview of the year, writes
the opening and the closing parts, hides an item, downloads the draft as Word (which
freezes nothing) and the records as Excel, freezes version 1 on the confirmation page (a
double click makes one version), and downloads the frozen version again — the same text.
The preview fits a phone and prints without its controls; on a phone the chair renames a
section's heading and adds a sentence of her own to a sub-point."""

import copy
import io
import re

import docx
import openpyxl
import pytest
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from reports.models import SummaryDraft, SummaryVersion
from unionhub.roles import Role

from ..factories import PASSWORD, UserFactory
from ..reports.documents import ETHICS_HEADING, assembled
from ..reports.seed_year import seed_year
from .conftest import DESKTOP, PHONE

pytestmark = pytest.mark.e2e


def zh(message):
    with translation.override("zh-hans"):
        return gettext(message)


def log_in(page, username):
    page.goto("/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.get_by_role("button", name=zh("Log in")).click()
    expect(page).to_have_url(re.compile(r"/$"))


def docx_text(path):
    return "\n".join(p.text for p in docx.Document(path).paragraphs)


@pytest.fixture
def e2e_chair(e2e_school, fast_password_hasher):
    return UserFactory(username="chair", school=e2e_school, role=Role.CHAIR, last_name="刘梅兰")


def telling(school, source):
    """The key of the sub-point whose paragraph tells the record ``source``."""
    from reports.assembly import assemble
    from reports.periods import Period

    with scopes_disabled():
        document = assemble(school, Period.calendar_year(2018))
    return next(item.key for section in document.sections for item in section.items if source in item.sources)


def test_the_chair_downloads_the_draft_freezes_it_and_downloads_the_version_again(
    page, e2e_school, e2e_chair, results_dir
):
    made = seed_year(e2e_school)
    log_in(page, "chair")
    page.goto("/reports/2018/")
    sheet = page.locator("#summary-sheet")
    expect(sheet.locator(".summary-title")).to_have_text("清溪区实验初级中学2018年度工会工作总结")

    # The opening and the closing parts.
    page.fill("textarea[name=opening]", "本年度，学校工会全心全意为教职工服务。")
    page.fill("textarea[name=experience]", "只有真心实意为教职工服务，才能赢得信任。")
    page.fill("textarea[name=shortcomings]", "工会活动的形式还不够丰富。")
    page.fill("textarea[name=plans]", "努力开创学校工会工作的新局面。")
    page.locator("[data-summary=save-texts]").click()
    expect(page.locator(".alert-success")).to_contain_text(zh("The summary draft has been saved."))
    expect(sheet).to_contain_text("全心全意为教职工服务")
    expect(sheet).to_contain_text(zh("What the work taught us"))
    expect(sheet).to_contain_text("工会活动的形式还不够丰富")

    # Hide the discussion: it stays for the chair, marked, and leaves the printed numbering.
    key = telling(e2e_school, "activity:{}".format(made.discussion.pk))
    item = page.locator('[data-item="{}"]'.format(key))
    item.locator("[data-action=hide]").click()
    expect(page.locator('[data-item="{}"]'.format(key))).to_have_class(re.compile("summary-hidden"))
    with scopes_disabled():
        assert SummaryDraft.objects.get(school=e2e_school).hidden_items == [key]

    # The preview on a desktop, on a phone, and as printed.
    page.screenshot(path=str(results_dir / "summary-preview-1280.png"), full_page=True)
    page.set_viewport_size(PHONE)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "the preview scrolls sideways on a phone by {}px".format(overflow)
    page.screenshot(path=str(results_dir / "summary-preview-390.png"), full_page=True)
    page.set_viewport_size(DESKTOP)
    page.emulate_media(media="print")
    expect(page.locator("#summary-texts")).to_be_hidden()
    expect(page.locator("header")).to_be_hidden()
    expect(page.locator('[data-item="{}"]'.format(key))).to_be_hidden()
    page.screenshot(path=str(results_dir / "summary-print.png"), full_page=True)
    page.emulate_media(media="screen")

    # Word: the draft downloads and freezes nothing.
    with page.expect_download() as word:
        page.locator("[data-summary=export-docx]").click()
    exported = results_dir / "summary-draft.docx"
    word.value.save_as(exported)
    text = docx_text(exported)
    assert "全心全意为教职工服务" in text and "努力开创学校工会工作的新局面" in text
    assert made.discussion.title not in text
    with scopes_disabled():
        assert not SummaryVersion.objects.filter(school=e2e_school).exists()

    # 定稿 on its own page: refused until confirmed; a double click makes one version.
    page.locator("[data-summary=freeze]").click()
    form = page.locator("[data-summary=freeze-form]")
    expect(form).to_contain_text("定稿后的版本不能再修改")
    page.locator("[data-summary=freeze-confirm]").click()
    expect(form).to_contain_text(zh("Tick the box to confirm that this version is to be frozen."))
    page.check("input[name=confirm]")
    page.screenshot(path=str(results_dir / "summary-freeze.png"), full_page=True)
    page.locator("[data-summary=freeze-confirm]").dblclick()
    expect(page.locator("#summary-versions #version-1")).to_be_visible()
    with scopes_disabled():
        assert list(SummaryVersion.objects.filter(school=e2e_school).values_list("number", flat=True)) == [1]

    # Excel: the year's records.
    with page.expect_download() as excel:
        page.locator("[data-summary=export-xlsx]").click()
    book = openpyxl.load_workbook(io.BytesIO(open(excel.value.path(), "rb").read()), read_only=True)
    assert len(book.sheetnames) > 1

    # The frozen version again, from the list of versions: the same text.
    page.goto("/reports/2018/")
    with page.expect_download() as again:
        page.locator("#summary-versions [data-version='1']").click()
    assert docx_text(again.value.path()) == text


def test_on_a_phone_the_chair_renames_a_heading_and_adds_a_sentence(
    page, e2e_school, e2e_chair, results_dir, monkeypatch
):
    # The year as assembly gives it, built by hand: this flow is about the chair's edits.
    document = assembled()
    monkeypatch.setattr("reports.assembly.assemble", lambda school, period, today=None: copy.deepcopy(document))
    page.set_viewport_size(PHONE)
    log_in(page, "chair")
    page.goto("/reports/2018/")
    sheet = page.locator("#summary-sheet")
    ethics = sheet.locator('[data-section="ethics"]')
    expect(ethics.locator(".summary-heading")).to_contain_text("一、" + ETHICS_HEADING)

    # The heading: its form opens under it, the text stays first on the page.
    ethics.locator("[data-edit=heading]").click()
    heading = ethics.locator("input[name=heading]")
    expect(heading).to_have_value(ETHICS_HEADING)
    heading.fill("加强师德师风建设，传递师德正能量")
    ethics.locator("[data-summary=save-heading]").click()
    expect(page.locator(".alert-success")).to_contain_text(zh("The summary draft has been saved."))
    expect(sheet.locator('[data-section="ethics"] .summary-heading')).to_contain_text(
        "一、加强师德师风建设，传递师德正能量"
    )

    # A sentence of her own after the third sub-point's paragraph, in the same paragraph.
    item = sheet.locator('[data-item="activity:3"]')
    item.locator("[data-edit=item]").click()
    item.locator("textarea[name=added]").fill("教师依法执教的意识明显增强。")
    item.locator("[data-edit=added] button").click()
    expect(page.locator(".alert-success")).to_be_visible()
    paragraph = sheet.locator('[data-item="activity:3"] p.summary-body')
    expect(paragraph).to_have_text("3、组织教师学习《教师法》。教师依法执教的意识明显增强。")

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, "the preview scrolls sideways on a phone by {}px".format(overflow)
    page.screenshot(path=str(results_dir / "summary-edits-390.png"), full_page=True)
    with scopes_disabled():
        draft = SummaryDraft.objects.get(school=e2e_school)
    assert draft.headings == {"ethics": "加强师德师风建设，传递师德正能量"}
    assert draft.additions == {"activity:3": "教师依法执教的意识明显增强。"}
