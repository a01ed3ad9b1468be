"""The chair's draft of the annual summary: the opening, section leads and closing parts
(工作中的体会, 存在的不足, 今后打算), hidden and reordered items and sections, concurrent edits
refused with what changed, and every edit kept in history."""

import datetime
import io

import docx
import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from reports import services
from reports.document import Figure, Item, Section, SummaryDocument
from reports.models import SummaryDraft
from reports.periods import Period

from .seed_year import seed_year

PERIOD = Period.calendar_year(2018)
URL = "/reports/2018/"


def document():
    return SummaryDocument(
        title="2018年测试学校工会工作总结",
        school_name="测试学校",
        period_label="2018年",
        signed_on=datetime.date(2018, 12, 31),
        sections=[
            Section(
                key="ethics",
                heading="师德师风建设",
                items=[
                    Item("activity:1", "甲", date=datetime.date(2018, 3, 1)),
                    Item("activity:2", "乙"),
                    Item("activity:3", "丙"),
                ],
                figures=[Figure("activities", "活动", "3")],
            ),
            Section(key="care", heading="关爱与维权", items=[Item("visit:1", "丁")]),
        ],
    )


def docx_paragraphs(content):
    return [p.text for p in docx.Document(io.BytesIO(content)).paragraphs if p.text.strip()]


# --- apply_draft, without a database ---------------------------------------------------------


def test_apply_draft_lays_the_prose_leads_hidden_items_and_order_over_the_assembly():
    draft = SummaryDraft(
        opening="开篇",
        experience="体会",
        shortcomings="不足",
        plans="打算",
        leads={"care": "关爱导语"},
        hidden_items=["activity:2"],
        item_order={"ethics": ["activity:3", "activity:1"]},
        section_order=["care"],
    )
    assembled = document()
    drafted = services.apply_draft(assembled, draft)

    assert [s.key for s in drafted.sections] == ["care", "ethics"]
    ethics = drafted.sections[1]
    # Named keys first in the chair's order, the one not named (activity:2) after them.
    assert [i.key for i in ethics.items] == ["activity:3", "activity:1", "activity:2"]
    assert [i.key for i in ethics.visible_items()] == ["activity:3", "activity:1"]
    assert drafted.sections[0].lead == "关爱导语"
    assert (drafted.opening, drafted.experience, drafted.shortcomings, drafted.plans) == (
        "开篇",
        "体会",
        "不足",
        "打算",
    )
    # The assembled document itself is left as it was.
    assert [s.key for s in assembled.sections] == ["ethics", "care"]
    assert not any(i.hidden for i in assembled.sections[0].items)


def test_apply_draft_keeps_new_records_in_their_assembled_place_after_the_ordered_ones():
    draft = SummaryDraft(item_order={"ethics": ["activity:3", "activity:gone"]})
    drafted = services.apply_draft(document(), draft)
    assert [i.key for i in drafted.sections[0].items] == ["activity:3", "activity:1", "activity:2"]


def test_apply_draft_moves_and_merges_items_before_it_orders_hides_and_words_them():
    draft = SummaryDraft(
        item_sections={"activity:3": "care"},
        merges={"activity:2": "activity:1"},
        item_titles={"activity:1": "师德学习"},
        additions={"activity:2": "讨论热烈"},
        headings={"care": "维护教职工权益，为广大教工办好事办实事"},
        leads={"care": "关爱导语"},
        item_order={"care": ["activity:3", "visit:1"]},
        hidden_items=["activity:1"],
    )
    drafted = services.apply_draft(document(), draft)
    ethics, care = drafted.sections
    # The moved item is ordered in its new section; the merge target carries the merged
    # paragraph and is hidden with it.
    assert [i.key for i in care.items] == ["activity:3", "visit:1"]
    assert [(i.key, i.title, i.text, i.hidden) for i in ethics.items] == [
        ("activity:1", "师德学习", "甲。乙。讨论热烈。", True)
    ]
    assert (care.heading, care.opening()) == ("维护教职工权益，为广大教工办好事办实事", "关爱导语")


# --- services ---------------------------------------------------------------------------------


@pytest.fixture
def year(school):
    return seed_year(school)


def test_saving_texts_bumps_the_version_and_keeps_history(school, chair, in_school):
    first = services.save_texts(school, PERIOD, chair, 1, {"opening": "第一稿"})
    second = services.save_texts(school, PERIOD, chair, first.version, {"opening": "第二稿"}, {"ethics": "导语"})
    assert second.version == first.version + 1
    assert second.leads == {"ethics": "导语"}
    history = list(second.history.order_by("history_id"))
    assert [h.opening for h in history] == ["", "第一稿", "第二稿"]
    assert history[-1].history_user == chair


def test_a_save_loaded_from_an_older_version_is_refused_with_what_changed(school, chair, staff, in_school):
    services.save_texts(school, PERIOD, chair, 1, {"opening": "主席的开篇"})
    with pytest.raises(services.DraftConflict) as refused:
        services.save_texts(school, PERIOD, chair, 1, {"opening": "另一页的开篇"})
    draft = SummaryDraft.objects.get(school=school)
    assert draft.opening == "主席的开篇"
    changed = [c["new"] for e in refused.value.entries for c in e["changes"]]
    assert "主席的开篇" in changed


# --- the preview and its controls -------------------------------------------------------------


def test_the_chair_writes_the_opening_leads_and_closing_parts(chair_client, school, year):
    response = chair_client.post(
        reverse("reports:summary_texts", kwargs={"year": 2018}),
        {
            "loaded_version": 1,
            "opening": "本年度，学校工会全心全意为教职工服务。",
            "lead:ethics": "师德师风建设始终是学校工作的永恒主题。",
            "experience": "工作中的体会一段。",
            "shortcomings": "存在的不足一段。",
            "plans": "今后打算一段。",
        },
    )
    assert response.status_code == 302
    page = chair_client.get(URL).content.decode()
    for text in ("全心全意为教职工服务", "永恒主题", "工作中的体会一段", "存在的不足一段", "今后打算一段"):
        assert text in page
    # The closing parts are numbered after the sections, as in Word.
    with scope(school=[school.pk]):
        sections = len(
            services.apply_draft(_assembled(school), SummaryDraft.objects.get(school=school)).visible_sections()
        )
    from congress.numerals import chinese_number

    assert "{}、".format(chinese_number(sections + 1)) in page


def _assembled(school):
    from reports.assembly import assemble

    return assemble(school, PERIOD)


def _telling(school, record):
    """The key of the sub-point whose paragraph tells ``record``."""
    source = "{}:{}".format(record._meta.model_name, record.pk)
    with scope(school=[school.pk]):
        return next(i.key for s in _assembled(school).sections for i in s.items if source in i.sources)


def test_a_hidden_item_leaves_the_preview_for_readers_and_the_word_export(chair_client, staff, school, year):
    key = _telling(school, year.discussion)
    response = chair_client.post(
        reverse("reports:summary_layout", kwargs={"year": 2018}), {"action": "hide", "key": key, "section": "ethics"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert SummaryDraft.objects.get(school=school).hidden_items == [key]
    # The chair still sees it, marked hidden, to show it again.
    chair_page = chair_client.get(URL).content.decode()
    assert 'data-item="{}"'.format(key) in chair_page
    assert "summary-hidden" in chair_page

    exported = chair_client.get(reverse("reports:summary_docx", kwargs={"year": 2018}))
    text = "\n".join(docx_paragraphs(exported.getvalue()))
    assert "师德大讨论" not in text
    assert "师德建设月" in text

    chair_client.force_login(staff)
    staff_page = chair_client.get(URL).content.decode()
    assert 'data-item="{}"'.format(key) not in staff_page
    # Out of the sheet; the coverage panel beside it lists it as hidden on purpose.
    sheet = staff_page[staff_page.index('id="summary-sheet"') : staff_page.index("</article>")]
    assert "师德大讨论" not in sheet


def test_showing_a_hidden_item_brings_it_back(chair_client, school, year):
    key = "activity:{}".format(year.discussion.pk)
    url = reverse("reports:summary_layout", kwargs={"year": 2018})
    chair_client.post(url, {"action": "hide", "key": key})
    chair_client.post(url, {"action": "show", "key": key})
    with scopes_disabled():
        assert SummaryDraft.objects.get(school=school).hidden_items == []


def test_moving_an_item_up_reorders_it_in_the_preview_and_the_export(chair_client, school, year):
    with scope(school=[school.pk]):
        ethics = next(s for s in _assembled(school).sections if s.key == "ethics")
    keys = [i.key for i in ethics.items]
    moved = keys[2]
    chair_client.post(
        reverse("reports:summary_layout", kwargs={"year": 2018}),
        {"action": "item_up", "key": moved, "section": "ethics"},
    )
    with scopes_disabled():
        draft = SummaryDraft.objects.get(school=school)
    expected = keys[:1] + [keys[2], keys[1]] + keys[3:]
    assert draft.item_order["ethics"] == expected
    titles = [i.title for i in ethics.items]
    exported = docx_paragraphs(chair_client.get(reverse("reports:summary_docx", kwargs={"year": 2018})).getvalue())
    lines = [line for line in exported if line[:2] in ("1、", "2、", "3、") and line[2:] in titles]
    assert lines[:3] == ["1、" + titles[0], "2、" + titles[2], "3、" + titles[1]]


def test_moving_a_section_down_changes_the_section_order(chair_client, school, year):
    chair_client.post(
        reverse("reports:summary_layout", kwargs={"year": 2018}), {"action": "section_down", "key": "ethics"}
    )
    page = chair_client.get(URL).content.decode()
    assert page.index('data-section="competence"') < page.index('data-section="ethics"')
    assert "一、强化师能建设" in page


def test_a_concurrent_edit_in_the_browser_is_refused_and_shows_what_changed(chair_client, school, year):
    url = reverse("reports:summary_texts", kwargs={"year": 2018})
    chair_client.post(url, {"loaded_version": 1, "opening": "先保存的开篇"})
    response = chair_client.post(url, {"loaded_version": 1, "opening": "后保存的开篇"})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="conflict"' in page
    assert "先保存的开篇" in page  # what the other save wrote, listed
    assert 'name="loaded_version" value="2"' in page  # a deliberate second save goes through
    with scopes_disabled():
        assert SummaryDraft.objects.get(school=school).opening == "先保存的开篇"


def test_a_get_of_the_preview_writes_no_draft(chair_client, school, year):
    assert chair_client.get(URL).status_code == 200
    with scopes_disabled():
        assert not SummaryDraft.objects.filter(school=school).exists()


def test_hiding_an_item_meanwhile_does_not_refuse_a_save_of_the_prose(school, chair, staff, in_school):
    loaded = services.save_texts(school, PERIOD, chair, 1, {"opening": "开篇"}).version
    services.set_item_hidden(school, PERIOD, chair, "activity:1", True)
    saved = services.save_texts(school, PERIOD, chair, loaded, {"experience": "体会"})
    assert (saved.opening, saved.experience, saved.hidden_items) == ("开篇", "体会", ["activity:1"])


def test_a_save_that_does_not_say_what_it_was_written_over_is_refused(chair_client, school):
    """Without the version the form was loaded at, a save could overwrite someone's prose unseen."""
    url = reverse("reports:summary_texts", kwargs={"year": 2018})
    chair_client.post(url, {"loaded_version": 1, "opening": "主席写的开篇"})
    response = chair_client.post(url, {"opening": "另一个窗口里的旧文字"}, follow=True)
    assert "页面已过期" in response.content.decode()
    with scopes_disabled():
        assert SummaryDraft.objects.get(school=school).opening == "主席写的开篇"


def test_the_drafts_history_names_sections_and_items_in_words(chair_client, school, year):
    """Hidden items, leads and orders are stored as keys; the history shows headings and texts."""
    with scope(school=[school.pk]):
        ethics = next(s for s in _assembled(school).sections if s.key == "ethics")
    hidden = ethics.items[0]
    chair_client.post(reverse("reports:summary_layout", kwargs={"year": 2018}), {"action": "hide", "key": hidden.key})
    chair_client.post(
        reverse("reports:summary_texts", kwargs={"year": 2018}), {"loaded_version": 2, "lead:ethics": "师德导语"}
    )
    page = chair_client.get(URL).content.decode()
    history = page[page.index("导语：") :]
    assert "隐藏的条目：" in history and hidden.text[:10] in history
    assert "{}：师德导语".format(ethics.heading) in history
    assert "{&#x27;" not in page and "[&#x27;" not in page and "[]" not in history
