"""The annual summary as a Word document (summary.docx): laid out like a union's official
summary in the app's template or a school's own, opened again with python-docx; the page
where a chair replaces the template."""

import datetime
import io
import zipfile
import zoneinfo
from types import SimpleNamespace

import docx
import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn
from lxml import etree

from reports.document import Figure, Group, Item, Section, SummaryDocument
from reports.exports import word_template
from reports.exports.docx import summary_docx
from reports.models import SummaryDraft, SummaryTemplate, SummaryVersion
from reports.views.summary import SummaryMixin
from tests.activity_factories import ActivityFactory

from .factories import AnnualPlanFactory, PlanItemFactory, PlanSectionFactory, SummaryDraftFactory

SIGNED_ON = datetime.date(2018, 12, 28)
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
TEMPLATE_URL = reverse("reports:summary_template")
DRAFT_URL = reverse("reports:summary_docx", kwargs={"year": 2018})


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def make_document(**changes):
    """A year shaped like seed 000: an ethics section whose sub-points stand under two
    groups, an empty section, and a competence section with one kind of work."""
    fields = {
        "title": "2018年坂上初中工会工作总结",
        "school_name": "坂上初中",
        "period_label": "2018年",
        "signed_on": SIGNED_ON,
        "signature": "坂上初中工会",
        "opening": "本年度，学校工会围绕区教育工会工作要求和学校中心工作开展工作。\n\n现将本年度工会工作小结如下：",
        "sections": [
            Section(
                key="ethics",
                heading="加强师风师德建设，营造尊师重教的良好氛围",
                lead="师德师风建设始终是学校工作的永恒主题。",
                intro="不该印出的汇总段落。",
                groups=[Group(key="study", heading="学习教育"), Group(key="practice", heading="实践活动")],
                items=[
                    Item(key="campaign:1", title="“个十百千万”行动", text="全员参与，全面提高。", group="study"),
                    Item(key="activity:7", text="不该印出的隐藏活动", hidden=True, group="study"),
                    Item(
                        key="pledge:2",
                        title="拒绝有偿补课",
                        text="组织承诺书签署仪式",
                        added="承诺书在校园内进行公示。",
                        group="study",
                    ),
                    Item(key="activity:8", text="九月开展师德建设月活动。", group="practice"),
                ],
                figures=[Figure(key="pledge_signed", label="签署承诺书", value="56")],
            ),
            Section(key="women", heading="女工工作", items=[Item(key="activity:9", text="全部隐藏", hidden=True)]),
            Section(
                key="competence",
                heading="强化师能建设，努力促进教师专业成长",
                intro="7人次在区级及以上比赛中获奖，2位教师晋升职称。",
                groups=[Group(key="mentoring", heading="青蓝工程")],
                items=[
                    Item(key="activity:3", title="青蓝工程", text="落实“青蓝工程”。", group="mentoring"),
                    Item(key="activity:4", text="鼓励参加比赛。", added="多人获奖。"),
                ],
                figures=[
                    Figure(key="awards", label="区级及以上获奖", value="7"),
                    Figure(key="promotions", label="晋升职称", value="2"),
                ],
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


def styled(word, name):
    return [p.text for p in word.paragraphs if p.style.name == name]


def east_asian_font(style):
    return style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def plan_rows():
    """Rows shaped as ``plan_versus_done`` returns them."""
    campaign = SimpleNamespace(full_title="第十一个师德建设月", launched_on=datetime.date(2018, 9, 1))
    activity = SimpleNamespace(title="师德建设月启动仪式", starts_on=datetime.date(2018, 9, 3))
    return [
        {
            "section": SimpleNamespace(title="加强队伍建设"),
            "items": [
                {"item": SimpleNamespace(title="开展师德月活动"), "campaigns": [campaign], "activities": [activity]},
                {"item": SimpleNamespace(title="举办教工运动会"), "campaigns": [], "activities": []},
            ],
        }
    ]


def letterhead_template(footer=None):
    """A school's own template made in Word: a red letterhead on the first page's header,
    another header on the following pages, its own Summary Body style and a line of its
    own in the body."""
    word = docx.Document()
    section = word.sections[0]
    section.different_first_page_header_footer = True
    section.first_page_header.paragraphs[0].text = "坂上初中工会文件"
    section.header.paragraphs[0].text = "坂上初中工会"
    if footer:
        section.footer.paragraphs[0].text = footer
    body = word.styles.add_style("Summary Body", docx.enum.style.WD_STYLE_TYPE.PARAGRAPH)
    body.font.name = "Arial"
    body.element.rPr.rFonts.set(qn("w:eastAsia"), "华文仿宋")
    word.add_paragraph("坂府工〔2018〕12号")
    word.add_paragraph("")
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------
# The layout
# ---------------------------------------------------------------------------------------


def test_the_docx_has_the_title_sections_groups_items_and_closing_in_order():
    """Title, opening, 一、 headings with their lead, （一） groups, numbered sub-points
    (a title line over its paragraph, or the paragraph after the number), closing parts,
    then the union and the date: in that order, and nothing else."""
    word = reopen(summary_docx(make_document()))

    assert texts(word) == [
        "2018年坂上初中工会工作总结",
        "本年度，学校工会围绕区教育工会工作要求和学校中心工作开展工作。",
        "现将本年度工会工作小结如下：",
        "一、加强师风师德建设，营造尊师重教的良好氛围",
        "师德师风建设始终是学校工作的永恒主题。",
        "（一）学习教育",
        "1、“个十百千万”行动",
        "全员参与，全面提高。",
        "2、拒绝有偿补课",
        "组织承诺书签署仪式。承诺书在校园内进行公示。",
        "（二）实践活动",
        "1、九月开展师德建设月活动。",
        "二、强化师能建设，努力促进教师专业成长",
        "7人次在区级及以上比赛中获奖，2位教师晋升职称。",
        "1、青蓝工程",
        "落实“青蓝工程”。",
        "2、鼓励参加比赛。多人获奖。",
        "三、工作中的体会",
        "工会工作必须围绕学校中心工作。",
        "四、今后打算",
        "进一步加强师德师风建设。",
        "",
        "坂上初中工会",
        "2018年12月28日",
    ]


def test_hidden_items_are_never_printed():
    text = "\n".join(texts(reopen(summary_docx(make_document()))))

    assert "隐藏" not in text


def test_empty_sections_are_left_out_and_the_numbering_has_no_gap():
    word = reopen(summary_docx(make_document()))

    headings = styled(word, "Summary Heading 1")
    assert "女工工作" not in "".join(headings)
    assert [heading.split("、")[0] for heading in headings] == ["一", "二", "三", "四"]


def test_the_lead_is_printed_under_the_heading_and_else_the_assembled_intro():
    document = make_document(
        sections=[
            Section(key="union", heading="工会自身建设", lead="工会委员定期开会。", intro="汇总的段落。"),
            Section(key="culture", heading="丰富文体活动", intro="全年开展文体活动5次。"),
        ]
    )

    assert texts(reopen(summary_docx(document)))[3:7] == [
        "一、工会自身建设",
        "工会委员定期开会。",
        "二、丰富文体活动",
        "全年开展文体活动5次。",
    ]


def test_groups_print_only_when_the_items_stand_under_two_of_them_in_kaiti():
    word = reopen(summary_docx(make_document()))

    assert styled(word, "Summary Heading 2") == ["（一）学习教育", "（二）实践活动"]
    assert east_asian_font(word.styles["Summary Heading 2"]) == "楷体_GB2312"
    # The competence section's items stand under one group only: no （一） there.
    assert not any("青蓝工程" in heading for heading in styled(word, "Summary Heading 2"))


def test_a_group_left_without_visible_items_takes_no_number():
    document = make_document()
    ethics = document.sections[0]
    ethics.groups.insert(0, Group(key="empty", heading="没有事项的组"))

    word = reopen(summary_docx(document))

    assert styled(word, "Summary Heading 2") == ["（一）学习教育", "（二）实践活动"]


def test_numbering_starts_again_under_each_group():
    word = reopen(summary_docx(make_document()))

    lines = texts(word)
    assert lines[lines.index("（二）实践活动") + 1] == "1、九月开展师德建设月活动。"


def test_a_titled_item_prints_its_title_on_a_line_of_its_own_in_the_body_font():
    word = reopen(summary_docx(make_document()))

    assert styled(word, "Summary Item Title") == ["1、“个十百千万”行动", "2、拒绝有偿补课", "1、青蓝工程"]
    title = word.styles["Summary Item Title"]
    assert east_asian_font(title) == east_asian_font(word.styles["Summary Body"]) == "仿宋_GB2312"
    assert title.font.bold is True
    assert title.paragraph_format.keep_with_next is True


def test_the_chairs_added_sentences_follow_the_paragraph():
    """After the text, a full stop put in where the text lacks one; alone when there is no text."""
    document = make_document(
        sections=[
            Section(
                key="care",
                heading="关爱教职工",
                items=[
                    Item(key="care:visits", title="走访慰问", text="走访慰问教职工12人次", added="送去了组织的温暖。"),
                    Item(key="care:hardship", text="", added="困难帮扶及时到位。"),
                ],
            )
        ]
    )

    lines = texts(reopen(summary_docx(document)))

    assert lines[4:7] == ["1、走访慰问", "走访慰问教职工12人次。送去了组织的温暖。", "2、困难帮扶及时到位。"]


def test_closing_parts_are_printed_only_when_written():
    document = make_document(experience="", shortcomings="对问题估计不足。", plans="  ")

    headings = styled(reopen(summary_docx(document)), "Summary Heading 1")

    assert headings[-1] == "三、存在的不足"
    assert not any("体会" in h or "打算" in h for h in headings)


def test_the_unions_name_and_the_date_close_the_document_right_aligned():
    paragraphs = reopen(summary_docx(make_document(signed_on=datetime.date(2021, 1, 8)))).paragraphs

    union, day = paragraphs[-2], paragraphs[-1]
    assert (union.text, day.text) == ("坂上初中工会", "2021年1月8日")
    assert union.style.name == day.style.name == "Summary Signature"
    assert union.style.paragraph_format.alignment == WD_ALIGN_PARAGRAPH.RIGHT
    # The signature never stands alone on the last page.
    assert paragraphs[-3].paragraph_format.keep_with_next and union.paragraph_format.keep_with_next


def test_without_a_signature_the_school_signs():
    assert texts(reopen(summary_docx(make_document(signature=""))))[-2] == "坂上初中"


def test_the_date_is_chinese_whatever_the_language():
    with translation.override("en"):
        assert texts(reopen(summary_docx(make_document())))[-1] == "2018年12月28日"


# ---------------------------------------------------------------------------------------
# Styles, fonts, page
# ---------------------------------------------------------------------------------------


def test_each_style_has_its_font_size_and_place():
    """小标宋 二号 title (bold, so that a stand-in font still reads as a title), 仿宋 三号
    body on fixed 28pt lines indented two characters, 黑体 一、, 楷体 （一）."""
    styles = reopen(summary_docx(make_document())).styles

    expected = {
        "Summary Title": ("方正小标宋简体", 22, True),
        "Summary Body": ("仿宋_GB2312", 16, False),
        "Summary Heading 1": ("黑体", 16, False),
        "Summary Heading 2": ("楷体_GB2312", 16, False),
        "Summary Item Title": ("仿宋_GB2312", 16, True),
        "Summary Signature": ("仿宋_GB2312", 16, False),
        "Summary Footer": ("宋体", 14, False),
        "Summary Attachment": ("黑体", 16, False),
    }
    for name, (font, size, bold) in expected.items():
        style = styles[name]
        assert (east_asian_font(style), style.font.size.pt, bool(style.font.bold)) == (font, size, bold), name
        fonts = style.element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsiaTheme")) is None and fonts.get(qn("w:asciiTheme")) is None
    assert styles["Summary Title"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER
    body = styles["Summary Body"].paragraph_format
    assert body.first_line_indent.pt == 32  # two characters
    assert (body.line_spacing_rule, body.line_spacing.pt) == (WD_LINE_SPACING.EXACTLY, 28)
    assert styles["Summary Heading 1"].paragraph_format.first_line_indent.pt == 32
    assert styles["Summary Footer"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.CENTER


def test_missing_fonts_fall_back_to_installed_ones():
    """The font table names stand-ins for the GB2312 fonts and says 小标宋 is a serif."""
    with zipfile.ZipFile(io.BytesIO(summary_docx(make_document()))) as archive:
        table = etree.fromstring(archive.read("word/fontTable.xml"))

    fonts = {
        font.get(qn("w:name")): tuple(font.find(qn(part)).get(qn("w:val")) for part in ("w:altName", "w:family"))
        for font in table.iter(qn("w:font"))
        if font.find(qn("w:altName")) is not None
    }
    assert fonts["方正小标宋简体"] == ("华文中宋,宋体", "roman")
    assert fonts["仿宋_GB2312"][0] == "仿宋,FangSong"
    assert fonts["楷体_GB2312"][0] == "楷体,KaiTi"


def test_the_page_is_a4_with_the_margins_of_official_documents():
    section = reopen(summary_docx(make_document())).sections[0]

    assert (section.page_width.twips, section.page_height.twips) == (11906, 16838)
    margins = (section.top_margin, section.bottom_margin, section.left_margin, section.right_margin)
    assert [round(margin.mm) for margin in margins] == [37, 35, 28, 26]


def test_the_footer_is_the_page_number_between_dashes():
    footer = reopen(summary_docx(make_document())).sections[0].footer.paragraphs[0]

    assert footer.style.name == "Summary Footer"
    assert footer.text == "— 1 —"  # "1" stands for the field until Word lays out the page
    runs = [run._r for run in footer.runs]
    assert runs[0].text == "— " and runs[-1].text == " —"
    kinds = [node.get(qn("w:fldCharType")) for node in footer._p.iter(qn("w:fldChar"))]
    assert kinds == ["begin", "separate", "end"]
    assert [node.text.strip() for node in footer._p.iter(qn("w:instrText"))] == ["PAGE"]


def test_the_shipped_template_is_what_its_definitions_make():
    """``manage.py summary_template`` writes it; nobody edits the .docx by hand."""
    assert word_template.TEMPLATE_PATH.read_bytes() == word_template.build_template()


# ---------------------------------------------------------------------------------------
# Attachments
# ---------------------------------------------------------------------------------------


def test_there_are_no_attachments_unless_asked():
    lines = texts(reopen(summary_docx(make_document())))

    assert not any(line.startswith("附件") for line in lines)
    assert lines[-1] == "2018年12月28日"


def test_plan_versus_done_is_attachment_1_and_the_figures_attachment_2():
    word = reopen(summary_docx(make_document(), plan=plan_rows(), figures=True))

    lines = texts(word)
    signature = lines.index("坂上初中工会")
    assert lines[signature - 4 : signature] == ["", "附件：1．计划完成情况", "\u3000" * 3 + "2．全年主要数据", ""]
    assert styled(word, "Summary Attachment") == ["附件1", "附件2"]
    assert word.styles["Summary Attachment"].paragraph_format.page_break_before is True
    assert lines[signature + 2 :] == [
        "附件1",
        "计划完成情况",
        "一、加强队伍建设",
        "1、开展师德月活动：第十一个师德建设月（2018年9月1日）；师德建设月启动仪式（2018年9月3日）。",
        "2、举办教工运动会：尚未开展。",
        "附件2",
        "全年主要数据",
        "",  # Word wants a paragraph after a table
    ]


def test_the_figures_attachment_is_a_table_of_every_printed_sections_figures():
    word = reopen(summary_docx(make_document(), figures=True))

    lines = texts(word)
    ending = lines[lines.index("附件：全年主要数据") :]
    assert ending == ["附件：全年主要数据", "", "坂上初中工会", "2018年12月28日", "附件", "全年主要数据", ""]
    assert styled(word, "Summary Attachment") == ["附件"]
    (table,) = word.tables
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    assert rows == [
        ["项目", "数据"],
        ["一、加强师风师德建设，营造尊师重教的良好氛围"] * 2,  # one cell across both columns
        ["签署承诺书", "56"],
        ["二、强化师能建设，努力促进教师专业成长"] * 2,
        ["区级及以上获奖", "7"],
        ["晋升职称", "2"],
    ]
    assert table.style.name == "Table Grid"


def test_an_empty_plan_or_a_year_without_figures_adds_no_attachment():
    document = make_document(sections=[Section(key="union", heading="工会自身建设", lead="工会委员定期开会。")])

    lines = texts(reopen(summary_docx(document, plan=[], figures=True)))

    assert not any(line.startswith("附件") for line in lines)


# ---------------------------------------------------------------------------------------
# A school's own template
# ---------------------------------------------------------------------------------------


def test_a_schools_template_keeps_its_letterhead_and_its_own_styles():
    word = reopen(summary_docx(make_document(), template=letterhead_template()))

    section = word.sections[0]
    assert section.first_page_header.paragraphs[0].text == "坂上初中工会文件"
    assert section.header.paragraphs[0].text == "坂上初中工会"
    # Its body's line goes before the title; the empty line Word left after it does not.
    assert texts(word)[:2] == ["坂府工〔2018〕12号", "2018年坂上初中工会工作总结"]
    # Its own Summary Body is used, the styles it lacks are added from the app's.
    assert east_asian_font(word.styles["Summary Body"]) == "华文仿宋"
    assert east_asian_font(word.styles["Summary Heading 1"]) == "黑体"
    assert styled(word, "Summary Heading 2") == ["（一）学习教育", "（二）实践活动"]


def test_a_schools_template_without_a_footer_gets_the_page_numbers_on_every_page():
    section = reopen(summary_docx(make_document(), template=letterhead_template())).sections[0]

    assert section.footer.paragraphs[0].text == "— 1 —"
    # The letterhead's first page too.
    assert section.first_page_footer.paragraphs[0].text == "— 1 —"


def test_a_schools_own_footer_is_kept():
    template = letterhead_template(footer="坂上初中工会印发")

    footer = reopen(summary_docx(make_document(), template=template)).sections[0].footer

    assert [p.text for p in footer.paragraphs] == ["坂上初中工会印发"]


def test_a_schools_template_gives_the_same_bytes_twice():
    template = letterhead_template()

    assert summary_docx(make_document(), template=template) == summary_docx(make_document(), template=template)


# ---------------------------------------------------------------------------------------
# The same document, the same bytes
# ---------------------------------------------------------------------------------------


def test_two_renders_of_the_same_document_are_identical():
    first = summary_docx(make_document(), plan=plan_rows(), figures=True)
    second = summary_docx(make_document(), plan=plan_rows(), figures=True)

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


# ---------------------------------------------------------------------------------------
# The downloads and the template page
# ---------------------------------------------------------------------------------------


def content_of(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def upload(content, name="红头模板.docx"):
    return SimpleUploadedFile(name, content, content_type=DOCX)


@pytest.fixture
def hand_built_draft(monkeypatch):
    """The draft over a hand-built document, whatever assembly makes of the records."""
    monkeypatch.setattr(SummaryMixin, "assembled", lambda view: make_document())


def school_template(school):
    with scope(school=school.pk):
        return SummaryTemplate.objects.filter(school=school).first()


def test_the_chair_uploads_a_letterhead_and_the_draft_is_written_into_it(chair_client, school, hand_built_draft):
    response = chair_client.post(TEMPLATE_URL, {"file": upload(letterhead_template())})

    assert response.status_code == 302
    stored = school_template(school)
    assert stored.original_name == "红头模板.docx"
    word = reopen(content_of(chair_client.get(DRAFT_URL)))
    assert word.sections[0].first_page_header.paragraphs[0].text == "坂上初中工会文件"
    page = chair_client.get(TEMPLATE_URL).content.decode()
    assert "红头模板.docx" in page


def test_a_second_upload_replaces_the_first_and_its_file(chair_client, school, django_capture_on_commit_callbacks):
    chair_client.post(TEMPLATE_URL, {"file": upload(letterhead_template(), "第一个.docx")})
    first = school_template(school)

    with django_capture_on_commit_callbacks(execute=True):
        chair_client.post(TEMPLATE_URL, {"file": upload(letterhead_template(footer="印发"), "第二个.docx")})

    second = school_template(school)
    assert (second.pk, second.original_name) == (first.pk, "第二个.docx")
    assert not first.file.storage.exists(first.file.name)


@pytest.mark.parametrize(
    "name,content",
    [
        ("红头模板.docx", "这不是Word文档".encode()),
        ("红头模板.docx", b"PK\x03\x04 not really a zip"),
        ("红头模板.pdf", b"%PDF-1.4 a pdf"),
    ],
    ids=["text", "broken-zip", "pdf"],
)
def test_a_file_that_is_not_a_word_document_is_refused_in_chinese(chair_client, school, name, content):
    response = chair_client.post(TEMPLATE_URL, {"file": upload(content, name)})

    assert response.status_code == 200
    errors = response.context["form"].errors["file"]
    assert any("Word" in error or "docx" in error for error in errors), errors
    assert all(not error.isascii() for error in errors), errors
    assert school_template(school) is None


def test_a_workbook_named_docx_is_refused(chair_client, school):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<workbook/>")

    response = chair_client.post(TEMPLATE_URL, {"file": upload(buffer.getvalue())})

    assert response.context["form"].errors["file"]
    assert school_template(school) is None


def test_the_chair_goes_back_to_the_apps_template(chair_client, school, django_capture_on_commit_callbacks):
    chair_client.post(TEMPLATE_URL, {"file": upload(letterhead_template())})
    stored = school_template(school)

    with django_capture_on_commit_callbacks(execute=True):
        response = chair_client.post(reverse("reports:summary_template_delete", kwargs={"pk": stored.pk}))

    assert response.status_code == 302
    assert school_template(school) is None
    assert not stored.file.storage.exists(stored.file.name)


def make_template(school):
    with scopes_disabled():
        template = SummaryTemplate(school=school, original_name="红头.docx", size=1, uploaded_at=timezone.now())
        template.file.save("x.docx", ContentFile(letterhead_template()), save=False)
        template.save()
    return template


def test_another_schools_template_is_404(chair_client, other_school):
    theirs = make_template(other_school)

    for name, method in (("reports:summary_template_file", "get"), ("reports:summary_template_delete", "post")):
        response = getattr(chair_client, method)(reverse(name, kwargs={"pk": theirs.pk}))
        assert response.status_code == 404, name
    with scopes_disabled():
        assert SummaryTemplate.objects.filter(pk=theirs.pk).exists()


def test_the_chair_downloads_the_apps_template_and_the_schools(chair_client, school):
    default = chair_client.get(reverse("reports:summary_template_default"))
    assert content_of(default) == word_template.TEMPLATE_PATH.read_bytes()

    ours = make_template(school)
    response = chair_client.get(reverse("reports:summary_template_file", kwargs={"pk": ours.pk}))
    assert content_of(response) == letterhead_template()
    assert "attachment" in response["Content-Disposition"]


def test_the_draft_takes_plan_versus_done_when_the_draft_shows_it(chair_client, school, hand_built_draft):
    with scopes_disabled():
        section = PlanSectionFactory(plan=AnnualPlanFactory(school=school), title="加强队伍建设")
        activity = ActivityFactory(school=school, title="师德讲座", starts_on=datetime.date(2018, 5, 4))
        PlanItemFactory(section=section, title="举办师德讲座", activities=[activity])
        draft = SummaryDraftFactory(school=school)

    without = texts(reopen(content_of(chair_client.get(DRAFT_URL))))
    with scopes_disabled():
        SummaryDraft.objects.filter(pk=draft.pk).update(show_plan=True)
    shown = texts(reopen(content_of(chair_client.get(DRAFT_URL))))

    assert "计划完成情况" not in without
    assert "1、举办师德讲座：师德讲座（2018年5月4日）。" in shown


def test_the_figures_attachment_is_asked_for_in_the_query(chair_client, hand_built_draft):
    plain = reopen(content_of(chair_client.get(DRAFT_URL)))
    figures = reopen(content_of(chair_client.get(DRAFT_URL + "?figures=1")))

    assert not plain.tables
    assert figures.tables[0].rows[2].cells[0].text == "签署承诺书"


def test_a_frozen_version_downloads_in_the_schools_template_with_its_figures(chair_client, school):
    draft = SummaryDraftFactory(school=school)
    with scopes_disabled():
        SummaryVersion.objects.create(
            school=school, draft=draft, number=1, document=make_document().to_json(), created_at=timezone.now()
        )
    make_template(school)
    url = reverse("reports:summary_version", kwargs={"year": 2018, "number": 1})

    word = reopen(content_of(chair_client.get(url + "?figures=1")))

    assert word.sections[0].first_page_header.paragraphs[0].text == "坂上初中工会文件"
    assert "全年主要数据" in texts(word)


def test_staff_and_teachers_cannot_replace_the_template(staff_client, school):
    response = staff_client.post(TEMPLATE_URL, {"file": upload(letterhead_template())})

    assert response.status_code == 403
    assert school_template(school) is None
