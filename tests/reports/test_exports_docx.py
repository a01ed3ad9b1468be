"""The annual summary as a Word document (summary.docx): laid out like the seeds, opened
again with python-docx."""

import datetime
import io
import zoneinfo

import docx
import pytest
from django.utils import translation
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from reports.document import Figure, Item, Section, SummaryDocument
from reports.exports.docx import summary_docx

SIGNED_ON = datetime.date(2018, 12, 28)


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def make_document(**changes):
    """A year shaped like seed 000: an ethics section, an empty one, a competence section."""
    fields = {
        "title": "2018年坂上初中工会工作总结",
        "school_name": "坂上初中工会",
        "period_label": "2018年",
        "signed_on": SIGNED_ON,
        "opening": "本年度，学校工会围绕区教育工会工作要求和学校中心工作开展工作。\n\n现将本年度工会工作小结如下：",
        "sections": [
            Section(
                key="ethics",
                heading="加强师风师德建设，营造尊师重教的良好氛围",
                lead="师德师风建设始终是学校工作的永恒主题。",
                items=[
                    Item(key="campaign:1", text="“个十百千万”行动：全员参与，全面提高。"),
                    Item(key="activity:7", text="不该印出的隐藏活动", hidden=True),
                    Item(key="pledge:2", text="拒绝有偿补课：组织承诺书签署仪式。", date=datetime.date(2018, 9, 10)),
                ],
                figures=[Figure(key="pledge_signed", label="签署承诺书", value="56")],
                sentences=["56名教师签署了承诺书", "签署率100%。"],
            ),
            Section(key="women", heading="女工工作", items=[Item(key="activity:9", text="全部隐藏", hidden=True)]),
            Section(
                key="competence",
                heading="强化师能建设，努力促进教师专业成长",
                items=[Item(key="activity:3", text="落实“青蓝工程”。"), Item(key="activity:4", text="鼓励参加比赛。")],
                sentences=["7人次在区级及以上比赛中获奖，2位教师晋升职称。"],
            ),
        ],
        "experience": "工会工作必须围绕学校中心工作。",
        "shortcomings": "",
        "plans": "进一步加强师德师风建设。",
    }
    fields.update(changes)
    return SummaryDocument(**fields)


def reopen(content):
    return docx.Document(io.BytesIO(content))


def texts(word):
    return [paragraph.text for paragraph in word.paragraphs]


def east_asian_font(style):
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def test_the_docx_has_the_title_headings_and_items_in_order():
    """Title, opening, 一、二、 section headings, lead, figures, 1、2、 items, closing parts,
    then the school and the date: in that order, and nothing else."""
    word = reopen(summary_docx(make_document()))

    assert texts(word) == [
        "2018年坂上初中工会工作总结",
        "本年度，学校工会围绕区教育工会工作要求和学校中心工作开展工作。",
        "现将本年度工会工作小结如下：",
        "一、加强师风师德建设，营造尊师重教的良好氛围",
        "师德师风建设始终是学校工作的永恒主题。",
        "56名教师签署了承诺书。签署率100%。",
        "1、“个十百千万”行动：全员参与，全面提高。",
        "2、拒绝有偿补课：组织承诺书签署仪式。",
        "二、强化师能建设，努力促进教师专业成长",
        "7人次在区级及以上比赛中获奖，2位教师晋升职称。",
        "1、落实“青蓝工程”。",
        "2、鼓励参加比赛。",
        "三、工作中的体会",
        "工会工作必须围绕学校中心工作。",
        "四、今后打算",
        "进一步加强师德师风建设。",
        "",
        "坂上初中工会",
        "2018年12月28日",
    ]


def test_hidden_items_are_never_printed():
    content = summary_docx(make_document())

    text = "\n".join(texts(reopen(content)))
    assert "隐藏" not in text
    assert "全部隐藏" not in text


def test_empty_sections_are_left_out_and_the_numbering_has_no_gap():
    word = reopen(summary_docx(make_document()))

    headings = [p.text for p in word.paragraphs if p.style.name == "Heading 1"]
    assert "女工工作" not in "".join(headings)
    assert [heading.split("、")[0] for heading in headings] == ["一", "二", "三", "四"]


def test_a_section_with_only_a_lead_is_printed():
    document = make_document(sections=[Section(key="union", heading="工会自身建设", lead="工会委员定期开会。")])

    assert texts(reopen(summary_docx(document)))[3:5] == ["一、工会自身建设", "工会委员定期开会。"]


def test_closing_parts_are_printed_only_when_written():
    document = make_document(experience="", shortcomings="对问题估计不足。", plans="  ")

    headings = [p.text for p in reopen(summary_docx(document)).paragraphs if p.style.name == "Heading 1"]

    assert headings[-1] == "三、存在的不足"
    assert not any("体会" in h or "打算" in h for h in headings)


def test_the_title_is_centred_bold_and_in_heiti():
    title = reopen(summary_docx(make_document())).paragraphs[0]

    assert title.style.name == "Summary Title"
    assert title.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.style.font.bold is True
    assert title.style.font.size.pt == 22
    assert east_asian_font(title.style) == "黑体"


def test_fonts_are_named_for_chinese_word():
    """Body in 仿宋, headings in 黑体 (w:eastAsia), and no theme font left to override them."""
    word = reopen(summary_docx(make_document()))

    assert east_asian_font(word.styles["Normal"]) == "仿宋"
    assert east_asian_font(word.styles["Summary Body"]) == "仿宋"
    assert east_asian_font(word.styles["Heading 1"]) == "黑体"
    fonts = word.styles["Heading 1"].element.rPr.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None
    body = [p for p in word.paragraphs if p.text.startswith("1、")][0]
    assert body.style.name == "Summary Body"
    assert body.style.paragraph_format.first_line_indent.pt == 32  # two characters


def test_the_page_is_a4():
    section = reopen(summary_docx(make_document())).sections[0]

    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)


def test_the_footer_numbers_the_pages_with_a_page_field():
    footer = reopen(summary_docx(make_document())).sections[0].footer.paragraphs[0]

    xml = footer._p.xml
    assert 'w:fldCharType="begin"' in xml and 'w:fldCharType="end"' in xml
    codes = [node.text.strip() for node in footer._p.iter(qn("w:instrText"))]
    assert codes == ["PAGE"]
    assert footer.text == "第 1 页"  # "1" stands for the field until Word lays out the page
    assert footer.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_the_school_and_the_date_close_the_document_right_aligned():
    paragraphs = reopen(summary_docx(make_document(signed_on=datetime.date(2021, 1, 8)))).paragraphs

    school, day = paragraphs[-2], paragraphs[-1]
    assert (school.text, day.text) == ("坂上初中工会", "2021年1月8日")
    assert school.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    assert day.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT


def test_two_renders_of_the_same_document_are_identical():
    """Deterministic: same text, same core properties, and even the same bytes."""
    first = summary_docx(make_document())
    second = summary_docx(make_document())

    assert texts(reopen(first)) == texts(reopen(second))
    assert first == second


def test_a_frozen_document_renders_again_the_same_after_a_json_round_trip():
    document = make_document()
    created = datetime.datetime(2019, 1, 2, 9, 30, tzinfo=datetime.UTC)

    again = SummaryDocument.from_json(document.to_json())

    assert summary_docx(again, created=created) == summary_docx(document, created=created)


def test_the_core_properties_come_from_the_document_and_created_not_the_clock():
    shanghai = zoneinfo.ZoneInfo("Asia/Shanghai")
    created = datetime.datetime(2019, 1, 2, 17, 30, tzinfo=shanghai)

    properties = reopen(summary_docx(make_document(), created=created)).core_properties

    utc = datetime.datetime(2019, 1, 2, 9, 30, tzinfo=datetime.UTC)
    assert properties.created == properties.modified == utc
    assert properties.title == "2018年坂上初中工会工作总结"
    assert properties.author == properties.last_modified_by == "坂上初中工会"
    assert properties.revision == 1


def test_without_created_the_file_is_dated_the_day_it_is_signed():
    properties = reopen(summary_docx(make_document())).core_properties

    assert properties.created == datetime.datetime(2018, 12, 28, tzinfo=datetime.UTC)


def test_a_busy_year_of_hundreds_of_items_keeps_every_item():
    items = [Item(key="activity:{}".format(n), text="活动{}".format(n)) for n in range(300)]
    document = make_document(sections=[Section(key="culture", heading="文体活动", items=items)])

    numbered = [p.text for p in reopen(summary_docx(document)).paragraphs if p.text.endswith(tuple("0123456789"))]

    assert numbered[0] == "1、活动0" and numbered[-1] == "300、活动299"
    assert len(numbered) == 300


def test_control_characters_pasted_into_the_prose_do_not_break_the_export():
    document = make_document(opening="从别处粘贴的文字\x0b带有控制符\x07。")

    # Word's manual line break (\x0b) starts a new paragraph; the bell (\x07) is dropped.
    assert texts(reopen(summary_docx(document)))[1:3] == ["从别处粘贴的文字", "带有控制符。"]
