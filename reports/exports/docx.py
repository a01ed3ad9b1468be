"""The annual summary as a Word document laid out like the seeds.

A4 with the margins of Chinese official documents (GB/T 9704); a centred title in 黑体; the
opening; sections numbered 一、二、三、 in 黑体 with their lead, figures and items numbered
1、2、3、 in 仿宋; the closing parts the chair wrote; the school's name and the date
right-aligned at the end; "第 X 页" in the footer.

Chinese fonts are named for Chinese Word (``w:eastAsia``); the theme fonts of python-docx's
template are taken out, since Word prefers a theme font to a named one.

The same document and ``created`` give the same bytes: core properties are set from them,
never from the clock, and the zip entries carry a fixed time.
"""

import datetime
import io
import re
import zipfile

from django.utils import formats
from django.utils.translation import pgettext
from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor, Twips

from congress.numerals import chinese_number

LATIN_FONT = "Times New Roman"
TITLE_FONT = "黑体"
HEADING_FONT = "黑体"
BODY_FONT = "仿宋"
FOOTER_FONT = "宋体"
TITLE_SIZE = Pt(22)  # 二号
HEADING_SIZE = Pt(16)  # 三号
BODY_SIZE = Pt(16)  # 三号
FOOTER_SIZE = Pt(14)  # 四号
LINE = Pt(28)  # a fixed line, about 22 lines to a page
# Paragraph styles, by name. Section headings use Word's own "Heading 1" (restyled), so
# that the navigation pane lists the sections.
TITLE = "Summary Title"
HEADING = "Heading 1"
BODY = "Summary Body"
SIGNATURE = "Summary Signature"
FOOTER = "Summary Footer"
STYLES = (TITLE, HEADING, BODY, SIGNATURE)
ENDINGS = ("。", "！", "？", "；", "…", ".", "!", "?", ";")
THEME_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
# Characters XML cannot hold, which pasted text sometimes carries.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# Zip entries need a date from 1980 on.
ZIP_EPOCH = datetime.datetime(1980, 1, 1)


def _set_fonts(rpr, east_asian, latin=LATIN_FONT):
    """Name the fonts of a run or style's properties, Chinese text in ``east_asian``."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attribute in THEME_ATTRIBUTES:
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:cs"), latin)
    fonts.set(qn("w:eastAsia"), east_asian)


def _style_fonts(style, east_asian, size, bold=False):
    style.font.size = size
    style.font.bold = bold
    style.font.italic = False
    style.font.color.rgb = RGBColor(0, 0, 0)
    _set_fonts(style.element.get_or_add_rPr(), east_asian)


def _set_language(rpr):
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")


def _paragraph_style(styles, name, east_asian, size, bold=False, base=None):
    style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = base or styles["Normal"]
    _style_fonts(style, east_asian, size, bold)
    return style


def _setup_styles(document):
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(qn("w:rPrDefault") + "/" + qn("w:rPr"))
        if rpr is not None:
            _set_fonts(rpr, BODY_FONT)
            _set_language(rpr)

    normal = styles["Normal"]
    _style_fonts(normal, BODY_FONT, BODY_SIZE)
    _set_language(normal.element.get_or_add_rPr())
    spacing = normal.paragraph_format
    spacing.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    spacing.line_spacing = LINE
    spacing.space_before = Pt(0)
    spacing.space_after = Pt(0)

    title = _paragraph_style(styles, TITLE, TITLE_FONT, TITLE_SIZE, bold=True)
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    title.paragraph_format.space_after = Pt(16)

    heading = styles[HEADING]
    _style_fonts(heading, HEADING_FONT, HEADING_SIZE)
    heading.paragraph_format.space_before = Pt(0)
    heading.paragraph_format.space_after = Pt(0)
    heading.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    heading.paragraph_format.line_spacing = LINE
    heading.paragraph_format.first_line_indent = BODY_SIZE * 2

    body = _paragraph_style(styles, BODY, BODY_FONT, BODY_SIZE)
    body.paragraph_format.first_line_indent = BODY_SIZE * 2
    body.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    closing = _paragraph_style(styles, SIGNATURE, BODY_FONT, BODY_SIZE)
    closing.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    closing.paragraph_format.right_indent = BODY_SIZE * 2

    footer = _paragraph_style(styles, FOOTER, FOOTER_FONT, FOOTER_SIZE)
    footer.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE


def _setup_page(document):
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    # A4 in the twips Word itself uses, so that Word reads it as A4.
    section.page_width = Twips(11906)
    section.page_height = Twips(16838)
    section.top_margin = Mm(37)
    section.bottom_margin = Mm(35)
    section.left_margin = Mm(28)
    section.right_margin = Mm(26)
    section.footer_distance = Mm(20)


def _field_char(paragraph, kind):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    paragraph.add_run()._r.append(element)


def _field(paragraph, instruction, placeholder):
    """A Word field (e.g. PAGE) that Word fills in when it lays out the page."""
    _field_char(paragraph, "begin")
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = " {} ".format(instruction)
    paragraph.add_run()._r.append(code)
    _field_char(paragraph, "separate")
    paragraph.add_run(placeholder)
    _field_char(paragraph, "end")


def _footer(document):
    paragraph = document.sections[0].footer.paragraphs[0]
    paragraph.style = document.styles[FOOTER]
    before, _sep, after = pgettext("summary export", "Page {page}").partition("{page}")
    if before:
        paragraph.add_run(before)
    _field(paragraph, "PAGE", "1")
    if after:
        paragraph.add_run(after)


def _paragraphs(text):
    """The chair's prose, one paragraph per line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _sentence(text):
    text = text.strip()
    return text if not text or text.endswith(ENDINGS) else text + "。"


def _closing_parts(document):
    return [
        (pgettext("summary export", "What we learned"), document.experience),
        (pgettext("summary export", "Shortcomings"), document.shortcomings),
        (pgettext("summary export", "Plans for the coming year"), document.plans),
    ]


def _core_properties(docx_document, document, created):
    properties = docx_document.core_properties
    properties.title = document.title
    properties.subject = document.period_label
    properties.author = document.school_name
    properties.last_modified_by = document.school_name
    properties.comments = ""
    properties.keywords = ""
    properties.category = ""
    properties.revision = 1
    properties.created = created
    properties.modified = created


def _as_utc(created, document):
    """``created`` as a naive UTC datetime (what the core properties store); by default the
    day the summary is signed."""
    if created is None:
        created = document.signed_on
    if not isinstance(created, datetime.datetime):
        created = datetime.datetime.combine(created, datetime.time())
    if created.tzinfo is not None:
        created = created.astimezone(datetime.UTC).replace(tzinfo=None)
    return created


def _fixed_zip(content, moment):
    """The same zip with every entry dated ``moment``, so that equal documents give equal bytes."""
    stamp = max(moment, ZIP_EPOCH).timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


class _Writer:
    """Adds paragraphs in order, each before the closing date line.

    python-docx's own ``add_paragraph`` looks for the end of the body and, given a style,
    scans every style of the document, for each paragraph; a busy year has hundreds.
    """

    def __init__(self, word):
        self.styles = {name: word.styles[name].style_id for name in STYLES}
        self.last = word.add_paragraph()

    def add(self, text, style):
        paragraph = self.last.insert_paragraph_before(CONTROL_CHARACTERS.sub("", text))
        paragraph._p.style = self.styles[style]

    def close(self, text, style):
        self.last.add_run(CONTROL_CHARACTERS.sub("", text))
        self.last._p.style = self.styles[style]


def summary_docx(document, created=None):
    """The ``SummaryDocument`` as .docx bytes.

    Only visible sections and visible items are printed; the closing parts only when
    written. ``created`` (a datetime or a date; by default the date it is signed on) is
    stored as the file's creation and modification time.
    """
    moment = _as_utc(created, document)
    word = Document()
    _setup_styles(word)
    _setup_page(word)
    _footer(word)
    out = _Writer(word)
    out.add(document.title, TITLE)
    for text in _paragraphs(document.opening):
        out.add(text, BODY)

    number = 0
    for section in document.visible_sections():
        number += 1
        out.add("{}、{}".format(chinese_number(number), section.heading), HEADING)
        for text in _paragraphs(section.opening()):
            out.add(text, BODY)
        for group, items in section.blocks():
            if group is not None:
                out.add("（{}）{}".format(chinese_number(section.groups.index(group) + 1), group.heading), BODY)
            for position, item in items:
                if item.title:
                    out.add("{}、{}".format(position, item.title), BODY)
                    out.add(_sentence(item.text) + item.added, BODY)
                else:
                    out.add("{}、{}".format(position, _sentence(item.text) + item.added), BODY)

    for heading, text in _closing_parts(document):
        lines = _paragraphs(text)
        if not lines:
            continue
        number += 1
        out.add("{}、{}".format(chinese_number(number), heading), HEADING)
        for line in lines:
            out.add(line, BODY)

    out.add("", BODY)
    out.add(document.signer(), SIGNATURE)
    out.close(formats.date_format(document.signed_on, "DATE_FORMAT"), SIGNATURE)

    _core_properties(word, document, moment)
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip(buffer.getvalue(), moment)
