"""The annual summary as a Word document laid out like a union's official summary.

The text is written into a template (``word_template``: the one shipped with the app, or a
school's own letterhead): the title in 小标宋; the opening; sections numbered 一、二、 in 黑体
with their lead paragraph; where a section holds several kinds of work, （一）（二） groups in
楷体; sub-points numbered 1、2、 again under each group, a short title on its own line over
its paragraph; the closing parts the chair wrote; the union's name and the date
right-aligned; optional attachments (plan versus done, the year's main figures) after the
date, each on a new page. A school's template keeps its header, footer and page; its styles
are used by name and the missing ones added from the app's template.

The same document, template and ``created`` give the same bytes: core properties are set
from them, never from the clock, and the zip entries carry a fixed time.
"""

import copy
import datetime
import functools
import io
import re
import zipfile
from xml.sax.saxutils import escape, quoteattr

from django.utils.translation import gettext, pgettext
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import parse_xml
from docx.oxml.ns import qn
from docx.shared import Twips
from lxml import etree

from congress.numerals import chinese_number

from .word_template import (
    ATTACHMENT,
    BODY,
    FONTS,
    FOOTER,
    HEADING_1,
    HEADING_2,
    ITEM_TITLE,
    SIGNATURE,
    TABLE_GRID,
    TABLE_TEXT,
    TEMPLATE_PATH,
    TITLE,
    W,
)

PARAGRAPH_STYLES = (TITLE, BODY, HEADING_1, HEADING_2, ITEM_TITLE, SIGNATURE, FOOTER, ATTACHMENT, TABLE_TEXT)
ENDINGS = ("。", "！", "？", "；", "…", ".", "!", "?", ";", "：", ":")
# Characters XML cannot hold, which pasted text sometimes carries.
CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")
# What makes an empty-looking paragraph of a template worth keeping: a picture, a line
# drawn under the letterhead, a section break.
KEPT_CONTENT = ("w:drawing", "w:pict", "w:object", "w:sectPr", "w:fldSimple")
IDEOGRAPHIC_SPACE = "\u3000"
# Zip entries need a date from 1980 on.
ZIP_EPOCH = datetime.datetime(1980, 1, 1)
FIGURE_COLUMNS = (Twips(6600), Twips(2200))


@functools.cache
def _default_template():
    return TEMPLATE_PATH.read_bytes()


@functools.cache
def _default_styles():
    """The app's template's styles by name, to copy into a template that lacks them."""
    with zipfile.ZipFile(io.BytesIO(_default_template())) as archive:
        root = etree.fromstring(archive.read("word/styles.xml"))
    return {style.find(qn("w:name")).get(qn("w:val")): style for style in root.iter(qn("w:style"))}


def _add_missing_styles(word):
    """The template's styles are used by name; the ones it lacks come from the app's."""
    styles = word.styles.element
    names, ids = set(), set()
    for style in styles.iterchildren(qn("w:style")):
        ids.add(style.get(qn("w:styleId")))
        name = style.find(qn("w:name"))
        if name is not None:
            names.add(name.get(qn("w:val")))
    for name in (*PARAGRAPH_STYLES, TABLE_GRID):
        if name in names:
            continue
        style = copy.deepcopy(_default_styles()[name])
        style_id = style.get(qn("w:styleId"))
        while style_id in ids:
            style_id += "0"
        style.set(qn("w:styleId"), style_id)
        ids.add(style_id)
        based_on = style.find(qn("w:basedOn"))
        if based_on is not None and based_on.get(qn("w:val")) not in ids:
            style.remove(based_on)
        styles.append(style)


def _add_missing_fonts(word):
    """What the summary's fonts are like, for a template whose font table does not say."""
    try:
        part = word.part.part_related_by(RT.FONT_TABLE)
    except KeyError:
        return
    table = etree.fromstring(part.blob)
    known = {font.get(qn("w:name")) for font in table.iterchildren(qn("w:font"))}
    for entry in FONTS:
        font = parse_xml('<w:fonts xmlns:w="{}">{}</w:fonts>'.format(W, entry))[0]
        if font.get(qn("w:name")) not in known:
            table.append(font)
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def _footer(word, style_id):
    """The page number "— 1 —" under every page, unless the template has a footer of its own."""
    sections = word.sections
    if any(
        not footer.is_linked_to_previous
        for section in sections
        for footer in (section.footer, section.first_page_footer, section.even_page_footer)
    ):
        return
    # Defined on the first section, the later ones take it over; a letterhead's first page
    # (a header of its own) gets the number too.
    footers = [sections[0].footer]
    if any(section.different_first_page_header_footer for section in sections):
        footers.append(sections[0].first_page_footer)
    for footer in footers:
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph._p.style = style_id
        paragraph.add_run("— ")
        _field(paragraph, "PAGE", "1")
        paragraph.add_run(" —")


def _field(paragraph, instruction, placeholder):
    """A Word field (e.g. PAGE) that Word fills in when it lays out the page."""

    def field_char(kind):
        element = parse_xml('<w:fldChar xmlns:w="{}" w:fldCharType="{}"/>'.format(W, kind))
        paragraph.add_run()._r.append(element)

    field_char("begin")
    code = parse_xml('<w:instrText xmlns:w="{}" xml:space="preserve"> {} </w:instrText>'.format(W, instruction))
    paragraph.add_run()._r.append(code)
    field_char("separate")
    paragraph.add_run(placeholder)
    field_char("end")


def _drop_trailing_empty_paragraphs(word):
    """A template's body may hold a letterhead; the empty lines Word leaves after it go, so
    that the title stands where the template's author saw the cursor."""
    body = word.element.body
    for element in reversed(list(body.iterchildren())):
        if element.tag == qn("w:sectPr"):
            continue
        if element.tag != qn("w:p") or "".join(element.itertext()).strip():
            break
        if any(element.find(".//" + qn(tag)) is not None for tag in KEPT_CONTENT):
            break
        body.remove(element)


def _paragraphs(text):
    """Prose, one paragraph per line."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _sentence(text):
    text = text.strip()
    return text if not text or text.endswith(ENDINGS) else text + "。"


def _with_added(item):
    """The item's paragraph(s), the chair's own sentences after its last one."""
    lines = _paragraphs(item.text)
    added = "".join(_paragraphs(item.added))
    if added:
        if lines:
            lines[-1] = _sentence(lines[-1]) + added
        else:
            lines = [added]
    return lines


def _day(date):
    return "{}年{}月{}日".format(date.year, date.month, date.day)


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
    properties.author = document.signer()
    properties.last_modified_by = document.signer()
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
    """Writes paragraphs and tables in order at the end of the template's body.

    Paragraphs are gathered as XML and parsed in one go when a table comes or the text
    ends: python-docx builds a paragraph element by element (and, given a style by name,
    scans every style of the document), a millisecond each, and a busy year has thousands.
    The styles are looked up once, by name, in whatever template the text goes into.
    """

    def __init__(self, word):
        self.word = word
        self.body = word.element.body
        self.styles = {
            style.name: style.style_id for style in word.styles if style.name in (*PARAGRAPH_STYLES, TABLE_GRID)
        }
        self.pending = []  # [style id, text, keep with the next paragraph]

    def add(self, text, style, keep_next=False):
        self.pending.append([self.styles[style], CONTROL_CHARACTERS.sub("", text), keep_next])

    def keep_latest_with_next(self):
        if self.pending:
            self.pending[-1][2] = True

    def flush(self):
        if not self.pending:
            return
        xml = "".join(_paragraph_xml(*paragraph) for paragraph in self.pending)
        self.pending = []
        self._append(*parse_xml('<w:body xmlns:w="{}">{}</w:body>'.format(W, xml)))

    def _append(self, *elements):
        """At the end of the body, before its section properties (always its last child)."""
        end = self.body[-1] if len(self.body) and self.body[-1].tag == qn("w:sectPr") else None
        for element in elements:
            if end is None:
                self.body.append(element)
            else:
                end.addprevious(element)

    def table(self, rows, header):
        """A two-column table: ``rows`` of ``(label, value)``, or ``(heading, None)`` for a
        line across both columns."""
        self.flush()
        table = self.word._body.add_table(0, 2, sum(FIGURE_COLUMNS))
        table._tbl.tblStyle_val = self.styles[TABLE_GRID]
        for column, width in zip(table.columns, FIGURE_COLUMNS, strict=True):
            column.width = width
        for position, (label, value) in enumerate([header, *rows]):
            cells = table.add_row().cells
            if value is None:
                cells = [cells[0].merge(cells[1])]
            for cell, text, align in zip(cells, (label, value), (None, WD_ALIGN_PARAGRAPH.CENTER), strict=False):
                paragraph = cell.paragraphs[0]
                paragraph._p.style = self.styles[TABLE_TEXT]
                paragraph.alignment = align
                run = paragraph.add_run(CONTROL_CHARACTERS.sub("", text))
                if position == 0 or value is None:
                    run.bold = True

    def finish(self):
        """The gathered paragraphs; after a table, the empty paragraph Word wants there."""
        self.flush()
        last = self.body[-1]
        if last.tag == qn("w:sectPr"):
            last = last.getprevious()
        if last is not None and last.tag == qn("w:tbl"):
            self._append(parse_xml('<w:p xmlns:w="{}"/>'.format(W)))


def _paragraph_xml(style_id, text, keep_next):
    keep = "<w:keepNext/>" if keep_next else ""
    runs = ""
    if text:
        # A tab or a line break inside a paragraph is an element of its own in Word.
        pieces = re.split("([\t\n])", text)
        runs = "<w:r>{}</w:r>".format(
            "".join(
                {"\t": "<w:tab/>", "\n": "<w:br/>"}.get(piece)
                or ('<w:t xml:space="preserve">{}</w:t>'.format(escape(piece)) if piece else "")
                for piece in pieces
            )
        )
    return "<w:p><w:pPr><w:pStyle w:val={}/>{}</w:pPr>{}</w:p>".format(quoteattr(style_id), keep, runs)


def _write_sections(out, document):
    """The sections, then the closing parts; returns how many were numbered."""
    number = 0
    for section in document.visible_sections():
        number += 1
        out.add("{}、{}".format(chinese_number(number), section.heading.strip()), HEADING_1)
        for text in _paragraphs(section.opening()):
            out.add(text, BODY)
        for order, (group, items) in enumerate(section.blocks(), start=1):
            if group is not None:
                out.add("（{}）{}".format(chinese_number(order), group.heading.strip()), HEADING_2)
            for position, item in items:
                _write_item(out, position, item)

    for heading, text in _closing_parts(document):
        lines = _paragraphs(text)
        if not lines:
            continue
        number += 1
        out.add("{}、{}".format(chinese_number(number), heading), HEADING_1)
        for line in lines:
            out.add(line, BODY)
    return number


def _write_item(out, position, item):
    lines = _with_added(item)
    title = item.title.strip()
    if title:
        out.add("{}、{}".format(position, title), ITEM_TITLE)
    elif lines:
        lines[0] = "{}、{}".format(position, lines[0])
    for line in lines:
        out.add(line, BODY)


def _plan_attachment(out, rows):
    """Plan versus done, as the preview shows it: each planned item with the campaigns and
    activities that carried it out, or that nothing has been done yet."""
    for number, block in enumerate(rows, start=1):
        out.add("{}、{}".format(chinese_number(number), block["section"].title), HEADING_1)
        for position, row in enumerate(block["items"], start=1):
            done = ["{}（{}）".format(c.full_title, _day(c.launched_on)) for c in row["campaigns"]]
            done += ["{}（{}）".format(a.title, _day(a.starts_on)) for a in row["activities"]]
            what = "；".join(done) + "。" if done else gettext("nothing done yet") + "。"
            out.add("{}、{}：{}".format(position, row["item"].title, what), BODY)


def _figures_attachment(out, document):
    """Every printed section's figures, under the section's number and heading."""
    rows = []
    for number, section in enumerate(document.visible_sections(), start=1):
        if section.figures:
            rows.append(("{}、{}".format(chinese_number(number), section.heading), None))
            rows += [(figure.label, figure.value) for figure in section.figures]
    header = (pgettext("summary export", "Item"), pgettext("summary export", "Figure"))
    out.table(rows, header)


def _attachments(document, plan, figures):
    attachments = []
    if plan:
        attachments.append((pgettext("summary export", "Plan versus done"), lambda out: _plan_attachment(out, plan)))
    if figures and any(section.figures for section in document.visible_sections()):
        attachments.append(
            (pgettext("summary export", "Main figures of the year"), lambda out: _figures_attachment(out, document))
        )
    return attachments


def _attachment_note(out, titles):
    """附件：1．计划完成情况 — the list under the text, the numbers aligned."""
    label = pgettext("summary export", "Attachments:")
    if len(titles) == 1:
        out.add(label + titles[0], BODY, keep_next=True)
        return
    for number, title in enumerate(titles, start=1):
        line = "{}．{}".format(number, title)
        out.add(label + line if number == 1 else IDEOGRAPHIC_SPACE * len(label) + line, BODY, keep_next=True)


def summary_docx(document, created=None, *, template=None, plan=None, figures=False):
    """The ``SummaryDocument`` as .docx bytes.

    Only visible sections and visible items are printed; the closing parts only when
    written. ``created`` (a datetime or a date; by default the date it is signed on) is
    stored as the file's creation and modification time. ``template``: a school's own
    .docx (bytes), by default the app's. Attachments after the date: ``plan``, the rows of
    ``plan_versus_done`` (none when empty), and with ``figures`` the sections' figures.
    """
    moment = _as_utc(created, document)
    word = Document(io.BytesIO(template if template is not None else _default_template()))
    _add_missing_styles(word)
    _add_missing_fonts(word)
    _drop_trailing_empty_paragraphs(word)
    out = _Writer(word)
    _footer(word, out.styles[FOOTER])

    out.add(document.title, TITLE)
    for text in _paragraphs(document.opening):
        out.add(text, BODY)
    _write_sections(out, document)

    attachments = _attachments(document, plan, figures)
    # The signature and the date never stand on a page of their own: the last lines of
    # the text go over with them.
    out.keep_latest_with_next()
    if attachments:
        out.add("", BODY, keep_next=True)
        _attachment_note(out, [title for title, _write in attachments])
    out.add("", BODY, keep_next=True)
    out.add(document.signer(), SIGNATURE, keep_next=True)
    out.add(_day(document.signed_on), SIGNATURE)
    for number, (title, write) in enumerate(attachments, start=1):
        label = pgettext("summary export", "Attachment {number}").format(number=number)
        out.add(label if len(attachments) > 1 else pgettext("summary export", "Attachment"), ATTACHMENT)
        out.add(title, TITLE)
        write(out)
    out.finish()

    _core_properties(word, document, moment)
    buffer = io.BytesIO()
    word.save(buffer)
    return _fixed_zip(buffer.getvalue(), moment)
