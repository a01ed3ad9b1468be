"""The chair's edits laid over the assembled summary: headings, sub-point titles, items moved
to another section or merged into another, her own sentences, the title and the signing
date. Each edit follows its record's key, so it is kept when the year is assembled again;
a key whose record is gone is left unused. The preview prints the document's shape (一、,
the opening paragraph, (一) groups, "1、title" and its paragraph, the signer and the date)
and carries the chair's controls outside what prints.

Assembly is replaced by documents built by hand: these tests are about the draft, not about
how records are worded."""

import copy
import datetime
from types import SimpleNamespace

import lxml.html
import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from reports import services
from reports.document import Group, Item
from reports.models import SummaryDraft
from reports.periods import Period
from tests.fidelity.replay import preview_text

from .documents import CARE_HEADING, ETHICS_HEADING, assembled

PERIOD = Period.calendar_year(2018)
URL = "/reports/2018/"
WARM_PREVIEW_QUERIES = 7


def section(document, key):
    return next(s for s in document.sections if s.key == key)


def item(document, key):
    return next((i for s in document.sections for i in s.items if i.key == key), None)


@pytest.fixture
def year(monkeypatch):
    """The year the views assemble: ``year.document`` may be replaced between requests, as
    records are entered or deleted."""
    holder = SimpleNamespace(document=assembled())
    monkeypatch.setattr("reports.assembly.assemble", lambda school, period, today=None: copy.deepcopy(holder.document))
    return holder


def draft_of(school):
    with scopes_disabled():
        return SummaryDraft.objects.get(school=school, year=2018)


def post(client, name, data):
    return client.post(reverse(name, kwargs={"year": 2018}), data)


def sheet_text(client):
    return " ".join(preview_text(client, 2018).split())


# --- apply_draft, without a database ---------------------------------------------------------


def test_a_moved_item_lands_at_the_end_of_its_new_section():
    draft = SummaryDraft(item_sections={"activity:2": "care"})
    drafted = services.apply_draft(assembled(), draft)
    assert [i.key for i in section(drafted, "ethics").items] == ["campaign:1", "activity:3"]
    assert [i.key for i in section(drafted, "care").items] == ["care:visits", "activity:5", "activity:2"]


def test_a_moved_item_keeps_its_group_only_where_the_new_section_declares_it():
    document = assembled()
    section(document, "ethics").groups = [Group("culture", "文体"), Group("study", "学习")]
    draft = SummaryDraft(item_sections={"activity:5": "ethics", "care:visits": "ethics"})
    drafted = services.apply_draft(document, draft)
    assert item(drafted, "activity:5").group == "culture"
    assert item(drafted, "care:visits").group == ""


def test_a_merged_items_paragraph_and_own_sentences_join_the_targets_and_it_disappears():
    draft = SummaryDraft(
        merges={"activity:2": "campaign:1"},
        additions={"activity:2": "讨论气氛热烈", "campaign:1": "家长反响良好。"},
        item_titles={"activity:2": "不会印出的标题"},
    )
    drafted = services.apply_draft(assembled(), draft)
    ethics = section(drafted, "ethics")
    assert [i.key for i in ethics.items] == ["campaign:1", "activity:3"]
    target = ethics.items[0]
    assert target.text == "学校工会组织全体教师签订《拒绝有偿补课承诺书》。9月开展师德大讨论。讨论气氛热烈。"
    assert target.title == "拒绝有偿补课"
    assert target.sources == ["campaign:1", "pledge:1", "activity:2"]
    assert target.added == "家长反响良好。"


def test_merging_into_an_item_that_is_merged_itself_or_gone_is_ignored():
    draft = SummaryDraft(merges={"activity:3": "activity:2", "activity:2": "campaign:1", "activity:5": "activity:404"})
    drafted = services.apply_draft(assembled(), draft)
    assert [i.key for i in section(drafted, "ethics").items] == ["campaign:1", "activity:3"]
    assert item(drafted, "activity:3").text == "组织教师学习《教师法》。"
    assert item(drafted, "activity:5") is not None


def test_a_merge_applies_after_the_move_so_the_target_carries_it_into_its_new_section():
    draft = SummaryDraft(item_sections={"campaign:1": "care"}, merges={"activity:2": "campaign:1"})
    drafted = services.apply_draft(assembled(), draft)
    assert [i.key for i in section(drafted, "ethics").items] == ["activity:3"]
    assert "9月开展师德大讨论" in item(drafted, "campaign:1").text
    assert section(drafted, "care").items[-1].key == "campaign:1"


def test_titles_sentences_headings_title_and_date_are_laid_over_the_assembled_ones():
    draft = SummaryDraft(
        headings={"ethics": "加强师德师风建设，传递师德正能量"},
        item_titles={"activity:3": "学习法规"},
        additions={"activity:3": "教师依法执教的意识明显增强。"},
        title="2018年坂上初中工会工作总结",
        signed_on=datetime.date(2019, 1, 18),
    )
    drafted = services.apply_draft(assembled(), draft)
    assert section(drafted, "ethics").heading == "加强师德师风建设，传递师德正能量"
    assert section(drafted, "care").heading == CARE_HEADING
    assert (item(drafted, "activity:3").title, item(drafted, "activity:3").added) == (
        "学习法规",
        "教师依法执教的意识明显增强。",
    )
    assert item(drafted, "activity:2").title == "师德大讨论"
    assert (drafted.title, drafted.signed_on) == ("2018年坂上初中工会工作总结", datetime.date(2019, 1, 18))
    # Blank and empty keep what assembly gives.
    plain = services.apply_draft(assembled(), SummaryDraft())
    assert (plain.title, plain.signed_on) == ("2018年清溪区实验初级中学工会工作总结", datetime.date(2018, 12, 31))


def test_keys_of_records_no_longer_there_are_ignored():
    draft = SummaryDraft(
        headings={"category:99": "已删除的类别"},
        item_titles={"activity:404": "标题"},
        additions={"activity:404": "句子。"},
        item_sections={"activity:404": "care", "activity:2": "category:99"},
        merges={"activity:404": "campaign:1", "activity:3": "activity:405"},
        item_order={"ethics": ["activity:404", "activity:3"]},
        hidden_items=["activity:404"],
    )
    drafted = services.apply_draft(assembled(), draft)
    assert [i.key for i in section(drafted, "ethics").items] == ["activity:3", "campaign:1", "activity:2"]
    assert [s.heading for s in drafted.sections] == [ETHICS_HEADING, CARE_HEADING]
    assert item(drafted, "campaign:1").text == "学校工会组织全体教师签订《拒绝有偿补课承诺书》。"


def test_every_edit_is_kept_when_the_year_is_assembled_again_with_other_records():
    draft = SummaryDraft(
        headings={"ethics": "加强师德师风建设，传递师德正能量"},
        item_titles={"activity:3": "学习法规"},
        additions={"activity:3": "教师依法执教的意识明显增强。"},
        item_sections={"activity:2": "care"},
        merges={"activity:5": "care:visits"},
        hidden_items=["campaign:1"],
        title="2018年坂上初中工会工作总结",
    )
    first = services.apply_draft(assembled(), draft)
    # The year again: a new record, the pledge campaign deleted, the visits reworded.
    again = assembled(extra_items=[Item(key="activity:9", text="12月举行师德演讲比赛。")], without={"campaign:1"})
    item(again, "care:visits").text = "全年走访慰问教职工15人次。"
    second = services.apply_draft(again, draft)

    for drafted in (first, second):
        assert section(drafted, "ethics").heading == "加强师德师风建设，传递师德正能量"
        assert item(drafted, "activity:3").title == "学习法规"
        assert item(drafted, "activity:3").added == "教师依法执教的意识明显增强。"
        assert item(drafted, "activity:2") in section(drafted, "care").items
        assert item(drafted, "activity:5") is None
        assert "拔河比赛" in item(drafted, "care:visits").text
        assert drafted.title == "2018年坂上初中工会工作总结"
    assert [i.key for i in section(second, "ethics").items] == ["activity:3", "activity:9"]
    assert item(second, "care:visits").text.startswith("全年走访慰问教职工15人次。")


# --- services ---------------------------------------------------------------------------------


def test_each_edit_bumps_the_version_and_is_kept_in_history(school, chair, in_school):
    services.rename_section(school, PERIOD, chair, 1, "ethics", "加强师德师风建设，传递师德正能量")
    services.retitle_item(school, PERIOD, chair, 2, "activity:3", "学习法规")
    services.set_item_added(school, PERIOD, chair, 3, "activity:3", "  教师依法执教的意识\n明显增强。 ")
    services.move_item_to_section(school, PERIOD, chair, "activity:2", "care", "ethics")
    services.merge_item(school, PERIOD, chair, "activity:5", "care:visits")
    draft = services.set_title_and_date(school, PERIOD, chair, 6, "坂上初中工会工作总结", datetime.date(2019, 1, 18))

    assert draft.version == 7
    assert draft.headings == {"ethics": "加强师德师风建设，传递师德正能量"}
    assert draft.item_titles == {"activity:3": "学习法规"}
    assert draft.additions == {"activity:3": "教师依法执教的意识 明显增强。"}
    assert draft.item_sections == {"activity:2": "care"}
    assert draft.merges == {"activity:5": "care:visits"}
    assert (draft.title, draft.signed_on) == ("坂上初中工会工作总结", datetime.date(2019, 1, 18))
    history = list(draft.history.order_by("history_id"))
    assert [h.version for h in history] == [1, 2, 3, 4, 5, 6, 7]
    assert history[-1].history_user == chair
    assert history[1].headings == draft.headings and history[1].item_titles == {}


def test_blank_goes_back_to_the_assembled_text_and_back_home_forgets_a_move(school, chair, in_school):
    services.rename_section(school, PERIOD, chair, 1, "ethics", "新标题")
    services.retitle_item(school, PERIOD, chair, 2, "activity:3", "学习法规")
    services.set_item_added(school, PERIOD, chair, 3, "activity:3", "句子。")
    services.move_item_to_section(school, PERIOD, chair, "activity:2", "care", "ethics")
    services.rename_section(school, PERIOD, chair, 5, "ethics", "  ")
    services.retitle_item(school, PERIOD, chair, 6, "activity:3", "")
    services.set_item_added(school, PERIOD, chair, 7, "activity:3", "")
    draft = services.move_item_to_section(school, PERIOD, chair, "activity:2", "ethics", "ethics")
    assert (draft.headings, draft.item_titles, draft.additions, draft.item_sections) == ({}, {}, {}, {})


def test_merging_an_item_takes_the_items_merged_into_it_along_and_unmerging_keeps_them(school, chair, in_school):
    services.merge_item(school, PERIOD, chair, "activity:3", "activity:2")
    draft = services.merge_item(school, PERIOD, chair, "activity:2", "campaign:1")
    assert draft.merges == {"activity:3": "campaign:1", "activity:2": "campaign:1"}
    draft = services.merge_item(school, PERIOD, chair, "activity:2", "")
    assert draft.merges == {"activity:3": "campaign:1"}
    drafted = services.apply_draft(assembled(), draft)
    assert [i.key for i in section(drafted, "ethics").items] == ["campaign:1", "activity:2"]
    with pytest.raises(ValueError):
        services.merge_item(school, PERIOD, chair, "activity:2", "activity:2")


@pytest.mark.parametrize(
    "save",
    [
        lambda s, u, v, text: services.rename_section(s, PERIOD, u, v, "ethics", text),
        lambda s, u, v, text: services.retitle_item(s, PERIOD, u, v, "activity:3", text),
        lambda s, u, v, text: services.set_item_added(s, PERIOD, u, v, "activity:3", text),
        lambda s, u, v, text: services.set_title_and_date(s, PERIOD, u, v, text, None),
    ],
    ids=["heading", "title", "added", "title-and-date"],
)
def test_words_written_over_an_older_version_are_refused_with_what_changed(school, chair, staff, in_school, save):
    save(school, chair, 1, "主席先写的")
    with pytest.raises(services.DraftConflict) as refused:
        save(school, staff, 1, "另一页上写的")
    changed = [c["new"] for e in refused.value.entries for c in e["changes"]]
    assert any("主席先写的" in text for text in changed)
    assert draft_of(school).version == 2


def test_an_edit_of_other_words_meanwhile_does_not_refuse_a_save(school, chair, in_school):
    services.retitle_item(school, PERIOD, chair, 1, "activity:2", "师德大讨论活动")
    services.set_item_hidden(school, PERIOD, chair, "activity:3", True)
    services.save_texts(school, PERIOD, chair, 3, {"opening": "开篇"})
    draft = services.retitle_item(school, PERIOD, chair, 1, "activity:3", "学习法规")
    assert draft.item_titles == {"activity:2": "师德大讨论活动", "activity:3": "学习法规"}


# --- the preview --------------------------------------------------------------------------------


def test_the_preview_prints_the_documents_shape_like_the_word_file(staff_client, school, year):
    year.document.sections[0].items[2].added = ""
    with scopes_disabled():
        SummaryDraft.objects.create(
            school=school, year=2018, additions={"activity:2": "全体教师参加。"}, signed_on=datetime.date(2019, 1, 18)
        )
    page = staff_client.get(URL)
    tree = lxml.html.fromstring(page.content.decode())
    sheet = tree.get_element_by_id("summary-sheet")
    lines = [" ".join(p.text_content().split()) for p in sheet.xpath(".//h2|.//h3|.//h4|.//p")]
    assert lines == [
        "2018年清溪区实验初级中学工会工作总结",
        "一、" + ETHICS_HEADING,
        "师德师风建设始终是学校工作的永恒主题。",
        "1、拒绝有偿补课",
        "学校工会组织全体教师签订《拒绝有偿补课承诺书》。",
        "2、师德大讨论",
        "9月开展师德大讨论。全体教师参加。",
        "3、组织教师学习《教师法》。",
        "二、" + CARE_HEADING,
        "学校工会关心教职工的工作和生活。",
        "（一）做好节日慰问工作",
        "1、走访慰问",
        "全年走访慰问教职工12人次。",
        "（二）丰富教职工文体生活",
        "1、拔河比赛",
        "4月举行教工拔河比赛。",
        "清溪区实验初级中学工会2019年1月18日",
    ]
    # Readers get no controls.
    assert not sheet.xpath(".//form|.//details")


def test_the_chairs_controls_stay_out_of_what_prints(chair_client, school, year):
    page = chair_client.get(URL).content.decode()
    tree = lxml.html.fromstring(page)
    sheet = tree.get_element_by_id("summary-sheet")
    for form in sheet.xpath(".//form|.//details"):
        assert form.xpath("ancestor-or-self::*[contains(@class, 'summary-controls')]"), lxml.html.tostring(form)
    text = sheet_text(chair_client)
    for label in ("修改标题", "编辑", "合并", "移到", "保存", "隐藏"):
        assert label not in text
    assert "1、拒绝有偿补课" in text and "清溪区实验初级中学工会" in text


def test_the_chair_renames_a_heading_and_blank_brings_the_assembled_one_back(chair_client, school, year):
    response = post(
        chair_client,
        "reports:summary_heading",
        {"loaded_version": 1, "section": "ethics", "heading": "加强师德师风建设，传递师德正能量"},
    )
    assert response.status_code == 302
    assert response["Location"].endswith("#section-ethics")
    assert "一、加强师德师风建设，传递师德正能量" in sheet_text(chair_client)
    post(chair_client, "reports:summary_heading", {"loaded_version": 2, "section": "ethics", "heading": ""})
    assert "一、" + ETHICS_HEADING in sheet_text(chair_client)
    assert draft_of(school).headings == {}


def test_posting_the_assembled_text_unchanged_stores_nothing(chair_client, school, year):
    post(chair_client, "reports:summary_heading", {"loaded_version": 1, "section": "ethics", "heading": ETHICS_HEADING})
    post(chair_client, "reports:summary_item_title", {"loaded_version": 2, "key": "activity:2", "title": "师德大讨论"})
    post(
        chair_client,
        "reports:summary_title",
        {"loaded_version": 3, "title": "2018年清溪区实验初级中学工会工作总结", "signed_on": "2018-12-31"},
    )
    draft = draft_of(school)
    assert (draft.headings, draft.item_titles, draft.title, draft.signed_on) == ({}, {}, "", None)


def test_the_chair_retitles_a_sub_point_and_adds_her_own_sentence(chair_client, school, year):
    post(chair_client, "reports:summary_item_title", {"loaded_version": 1, "key": "activity:3", "title": "学习法规"})
    response = post(
        chair_client, "reports:summary_item_added", {"loaded_version": 2, "key": "activity:3", "added": "依法执教。"}
    )
    assert response["Location"].endswith("#item-activity-3")
    text = sheet_text(chair_client)
    assert "3、学习法规 组织教师学习《教师法》。依法执教。" in text
    # Kept when the year is assembled again with another record before it.
    year.document = assembled(extra_items=[Item(key="activity:9", text="12月举行师德演讲比赛。")])
    year.document.sections[0].items.insert(0, year.document.sections[0].items.pop())
    assert "4、学习法规 组织教师学习《教师法》。依法执教。" in sheet_text(chair_client)


def test_the_chair_moves_a_sub_point_into_another_section(chair_client, school, year):
    response = post(chair_client, "reports:summary_item_section", {"key": "activity:2", "section": "care"})
    assert response.status_code == 302
    text = sheet_text(chair_client)
    care = text[text.index("二、") :]
    assert "师德大讨论" in care and "师德大讨论" not in text[: text.index("二、")]
    assert draft_of(school).item_sections == {"activity:2": "care"}


def test_the_chair_merges_a_sub_point_into_another_and_takes_it_out_again(chair_client, school, year):
    response = post(chair_client, "reports:summary_item_merge", {"key": "activity:3", "target": "activity:2"})
    assert response["Location"].endswith("#item-activity-2")
    text = sheet_text(chair_client)
    assert "2、师德大讨论 9月开展师德大讨论。组织教师学习《教师法》。" in text
    assert "3、" not in text[: text.index("二、")]
    page = chair_client.get(URL).content.decode()
    assert 'data-edit="unmerge"' in page and 'name="key" value="activity:3"' in page

    post(chair_client, "reports:summary_item_merge", {"key": "activity:3", "target": ""})
    assert "3、组织教师学习《教师法》。" in sheet_text(chair_client)
    assert draft_of(school).merges == {}


def test_the_chair_sets_the_title_and_the_date_under_the_signature(chair_client, school, year):
    response = post(
        chair_client,
        "reports:summary_title",
        {"loaded_version": 1, "title": "2018年坂上初中工会工作总结", "signed_on": "2019-01-18"},
    )
    assert response.status_code == 302
    text = sheet_text(chair_client)
    assert text.startswith("2018年坂上初中工会工作总结")
    assert text.endswith("清溪区实验初级中学工会2019年1月18日")


@pytest.mark.parametrize(
    "name,data,message",
    [
        ("reports:summary_heading", {"loaded_version": 1, "section": "women", "heading": "女工"}, "没有这一部分"),
        ("reports:summary_item_section", {"key": "activity:2", "section": "category:99"}, "没有这一部分"),
        ("reports:summary_item_merge", {"key": "activity:2", "target": "activity:2"}, "不能合并到它自己"),
        ("reports:summary_item_merge", {"key": "activity:2", "target": "care:visits"}, "同一部分"),
        ("reports:summary_title", {"loaded_version": 1, "title": "", "signed_on": "1999-12-31"}, "不在2000年1月1日"),
        ("reports:summary_title", {"loaded_version": 1, "title": "", "signed_on": "2101-01-01"}, "不在2000年1月1日"),
        ("reports:summary_title", {"loaded_version": 1, "title": "长" * 101, "signed_on": ""}, "标题最多100个字"),
    ],
    ids=["heading-section", "move-section", "merge-itself", "merge-other-section", "date-1999", "date-2101", "title"],
)
def test_bad_input_is_answered_with_a_chinese_error_and_nothing_saved(chair_client, school, year, name, data, message):
    response = post(chair_client, name, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert message in page
    assert "没有保存" in page
    with scopes_disabled():
        assert not SummaryDraft.objects.filter(school=school).exists()


def test_a_refused_title_keeps_what_was_typed_and_opens_its_form(chair_client, school, year):
    page = post(chair_client, "reports:summary_title", {"loaded_version": 1, "title": "长" * 101}).content.decode()
    tree = lxml.html.fromstring(page)
    assert tree.xpath("//input[@name='title']/@value")[0] == "长" * 101
    assert tree.xpath("//details[contains(@class, 'summary-title-panel')][@open]")


def test_a_conflicting_edit_in_the_browser_is_refused_with_the_changes_and_what_was_typed(chair_client, school, year):
    post(
        chair_client, "reports:summary_item_title", {"loaded_version": 1, "key": "activity:3", "title": "先保存的标题"}
    )
    response = post(
        chair_client, "reports:summary_item_title", {"loaded_version": 1, "key": "activity:3", "title": "后写的标题"}
    )
    assert response.status_code == 200
    page = response.content.decode()
    tree = lxml.html.fromstring(page)
    # What the other save changed, the sub-point named by its words, not by its key.
    assert "“组织教师学习《教师法》。”：先保存的标题" in tree.get_element_by_id("conflict").text_content()
    item = tree.xpath("//*[@data-item='activity:3']")[0]
    assert item.xpath(".//details[@open]")
    assert item.xpath(".//input[@name='title']/@value") == ["后写的标题"]
    assert item.xpath(".//form[@data-edit='title']//input[@name='loaded_version']/@value") == ["2"]
    assert draft_of(school).item_titles == {"activity:3": "先保存的标题"}


def test_a_double_submitted_form_saves_once_and_lands_where_the_first_did(chair_client, school, year):
    data = {"loaded_version": 1, "key": "activity:3", "added": "依法执教。", "submission_token": "a" * 32}
    first = post(chair_client, "reports:summary_item_added", data)
    second = post(chair_client, "reports:summary_item_added", data)
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert draft_of(school).version == 2


def test_the_drafts_history_puts_the_new_edits_in_words(chair_client, school, year):
    post(chair_client, "reports:summary_item_merge", {"key": "activity:3", "target": "activity:2"})
    post(chair_client, "reports:summary_item_section", {"key": "campaign:1", "section": "care"})
    page = chair_client.get(URL).content.decode()
    history = page[page.index('id="record-history"') :]
    assert "“组织教师学习《教师法》。” → “9月开展师德大讨论。”" in history
    assert "“学校工会组织全体教师签订《拒绝有偿补课承诺书》。” → " + CARE_HEADING in history
    assert "{&#x27;" not in history


def test_a_merge_made_before_freezing_is_no_change_since_the_version(chair_client, school, year):
    post(chair_client, "reports:summary_item_merge", {"key": "activity:3", "target": "activity:2"})
    assert post(chair_client, "reports:summary_freeze", {"confirm": "on"}).status_code == 302
    tree = lxml.html.fromstring(chair_client.get(URL).content.decode())
    assert not tree.xpath("//*[@id='summary-changes']//*[@data-change]")

    year.document = assembled(extra_items=[Item(key="activity:9", text="12月举行师德演讲比赛。")])
    tree = lxml.html.fromstring(chair_client.get(URL).content.decode())
    assert [e.get("data-change") for e in tree.xpath("//*[@id='summary-changes']//*[@data-change]")] == ["new-item"]


# --- who may edit -------------------------------------------------------------------------------

EDITS = [
    ("reports:summary_heading", {"loaded_version": 1, "section": "ethics", "heading": "改过的标题"}),
    ("reports:summary_item_title", {"loaded_version": 1, "key": "activity:3", "title": "学习法规"}),
    ("reports:summary_item_added", {"loaded_version": 1, "key": "activity:3", "added": "依法执教。"}),
    ("reports:summary_item_section", {"key": "activity:2", "section": "care"}),
    ("reports:summary_item_merge", {"key": "activity:3", "target": "activity:2"}),
    ("reports:summary_title", {"loaded_version": 1, "title": "坂上初中工会工作总结", "signed_on": "2019-01-18"}),
]


@pytest.mark.parametrize("name,data", EDITS, ids=[name.split(":")[1] for name, _data in EDITS])
@pytest.mark.parametrize("role", ["staff", "teacher", "district_user"])
def test_only_the_chair_edits(request, client, school, year, name, data, role):
    client.force_login(request.getfixturevalue(role))
    query = "?school={}".format(school.pk) if role == "district_user" else ""
    response = client.post(reverse(name, kwargs={"year": 2018}) + query, data)
    assert response.status_code == 403
    with scopes_disabled():
        assert not SummaryDraft.objects.exists()


def test_staff_see_no_edit_controls(staff_client, school, year):
    page = staff_client.get(URL).content.decode()
    assert "summary_item" not in page and "/items/" not in page and "/headings/" not in page


@pytest.mark.parametrize("name,data", EDITS, ids=[name.split(":")[1] for name, _data in EDITS])
def test_another_schools_chair_writes_only_her_own_draft(client, school, other_school, other_chair, year, name, data):
    """The school comes from the login, never from the request: ``?school=`` of another
    school changes nothing there."""
    client.force_login(other_chair)
    response = client.post(reverse(name, kwargs={"year": 2018}) + "?school={}".format(school.pk), data)
    assert response.status_code == 302
    with scopes_disabled():
        assert not SummaryDraft.objects.filter(school=school).exists()
        assert SummaryDraft.objects.filter(school=other_school).exists()


def test_another_districts_school_is_404_to_a_district_user(client, district_user, school, year):
    from tests.factories import DistrictFactory, SchoolFactory

    with scopes_disabled():
        elsewhere = SchoolFactory(district=DistrictFactory(name="外区教育工会"), name="外区学校")
    client.force_login(district_user)
    assert client.get(URL + "?school={}".format(elsewhere.pk)).status_code == 404


# --- query count --------------------------------------------------------------------------------


def _preview_queries(client, cold=True):
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL).status_code == 200
    return len(queries)


def test_the_preview_costs_the_same_queries_however_many_edits_and_items(chair_client, school, year):
    post(chair_client, "reports:summary_item_title", {"loaded_version": 1, "key": "activity:3", "title": "学习法规"})
    few = _preview_queries(chair_client)

    many = [Item(key="activity:{}".format(100 + n), title="活动{}".format(n), text="活动。") for n in range(40)]
    year.document = assembled(extra_items=many)
    with scopes_disabled():
        draft = SummaryDraft.objects.get(school=school)
        for n, extra in enumerate(many):
            draft.item_titles[extra.key] = "标题{}".format(n)
            draft.additions[extra.key] = "句子{}。".format(n)
            draft.headings["ethics"] = "改过的标题"
            if n % 4 == 0:
                draft.merges[extra.key] = "activity:2"
            elif n % 4 == 1:
                draft.item_sections[extra.key] = "care"
        draft.save()
    assert _preview_queries(chair_client) == few
    # Pinned (assembly aside): the session, the user and the school, the draft, its versions
    # and its history, then the year's charts. A change here is a change to look at.
    assert few == 49
    # Warm, the year's figures come from the cache.
    assert _preview_queries(chair_client, cold=False) == WARM_PREVIEW_QUERIES
