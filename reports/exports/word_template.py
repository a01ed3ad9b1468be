"""The Word template the summary is written into (``summary_template.docx``), built from
the definitions below so that it can be made again byte for byte.

It holds A4 with the margins of Chinese official documents (GB/T 9704), the footer
"— 1 —" around a PAGE field, and one named paragraph style per part of the summary. A
school may replace it with its own .docx (a letterhead): the export then keeps that file's
header, footer and page, takes its styles by these names where it has them and adds the
missing ones from here.

Chinese fonts are named for Chinese Word (``w:eastAsia``); the font table says what each
is like (a serif, a GB2312 font) and which installed font to use in its place, so that a
machine without 方正小标宋简体 or 仿宋_GB2312 still prints a bold serif title and a 仿宋 body.

Rebuild the file with ``manage.py summary_template``; a test checks that it matches.
"""

import datetime
import io
import pathlib
import zipfile
from xml.sax.saxutils import quoteattr

TEMPLATE_PATH = pathlib.Path(__file__).with_name("summary_template.docx")

LATIN = "Times New Roman"
XIAOBIAOSONG = "方正小标宋简体"
FANGSONG = "仿宋_GB2312"
KAITI = "楷体_GB2312"
HEITI = "黑体"
SONGTI = "宋体"

# Style names: what a school's own template defines to restyle a part of the summary.
TITLE = "Summary Title"
BODY = "Summary Body"
HEADING_1 = "Summary Heading 1"
HEADING_2 = "Summary Heading 2"
ITEM_TITLE = "Summary Item Title"
SIGNATURE = "Summary Signature"
FOOTER = "Summary Footer"
ATTACHMENT = "Summary Attachment"
TABLE_TEXT = "Summary Table Text"
TABLE_GRID = "Table Grid"

LINE = 560  # a fixed line of 28pt (twips): 22 lines to a page
INDENT = 640  # two characters of 三号 (16pt) text


def _font(name, alternatives, family, pitch, panose):
    """A font table entry: GB2312 (charset 86), what family it is and what to use instead."""
    alternative = '<w:altName w:val="{}"/>'.format(alternatives) if alternatives else ""
    return (
        '<w:font w:name="{}">{}<w:panose1 w:val="{}"/><w:charset w:val="86"/>'
        '<w:family w:val="{}"/><w:pitch w:val="{}"/></w:font>'
    ).format(name, alternative, panose, family, pitch)


FONTS = [
    (
        '<w:font w:name="{}"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/>'
        '<w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>'
    ).format(LATIN),
    _font(XIAOBIAOSONG, "华文中宋,宋体", "roman", "variable", "02000000000000000000"),
    _font(FANGSONG, "仿宋,FangSong", "modern", "fixed", "02010609030101010101"),
    _font(KAITI, "楷体,KaiTi", "modern", "fixed", "02010609030101010101"),
    _font(HEITI, "SimHei", "modern", "fixed", "02010609060101010101"),
    _font(SONGTI, "SimSun", "auto", "variable", "02010600030101010101"),
]


def _run_properties(east_asian, size, bold=False, latin=LATIN):
    fonts = '<w:rFonts w:ascii="{l}" w:hAnsi="{l}" w:eastAsia="{e}" w:cs="{l}"/>'.format(l=latin, e=east_asian)
    weight = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    return '<w:rPr>{}{}<w:color w:val="000000"/><w:sz w:val="{s}"/><w:szCs w:val="{s}"/></w:rPr>'.format(
        fonts, weight, s=size * 2
    )


def _paragraph_properties(
    align="both",
    first_line=INDENT,
    right=0,
    line=LINE,
    after=0,
    outline=None,
    keep_next=False,
    page_break=False,
):
    parts = []
    if keep_next:
        parts.append("<w:keepNext/>")
    if page_break:
        parts.append("<w:pageBreakBefore/>")
    parts.append('<w:widowControl w:val="0"/>')
    if line:
        parts.append('<w:spacing w:before="0" w:after="{}" w:line="{}" w:lineRule="exact"/>'.format(after, line))
    else:
        parts.append('<w:spacing w:before="0" w:after="{}" w:line="240" w:lineRule="auto"/>'.format(after))
    # Chinese Word counts the indent in hundredths of a character; the twips are for the rest.
    parts.append(
        '<w:ind w:left="0" w:right="{}" w:firstLine="{}" w:firstLineChars="{}"/>'.format(
            right, first_line, first_line * 200 // INDENT
        )
    )
    parts.append('<w:jc w:val="{}"/>'.format(align))
    if outline is not None:
        parts.append('<w:outlineLvl w:val="{}"/>'.format(outline))
    return "<w:pPr>{}</w:pPr>".format("".join(parts))


def _paragraph_style(style_id, name, paragraph, run, priority):
    """A style standing on its own (based on no other), so that it looks the same when
    copied into a school's template whatever that template's Normal is."""
    return (
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="{}"><w:name w:val={}/>'
        '<w:uiPriority w:val="{}"/><w:qFormat/>{}{}</w:style>'
    ).format(style_id, quoteattr(name), priority, paragraph, run)


STYLES = [
    # 标题: 小标宋 二号, bold so that a stand-in font still reads as a title.
    (
        "SummaryTitle",
        TITLE,
        _paragraph_properties("center", 0, line=0, after=LINE),
        _run_properties(XIAOBIAOSONG, 22, bold=True),
    ),
    ("SummaryBody", BODY, _paragraph_properties(), _run_properties(FANGSONG, 16)),
    # 一、: 黑体 三号; in the navigation pane as the first level.
    ("SummaryHeading1", HEADING_1, _paragraph_properties(outline=0, keep_next=True), _run_properties(HEITI, 16)),
    # （一）: 楷体 三号, the second level.
    ("SummaryHeading2", HEADING_2, _paragraph_properties(outline=1, keep_next=True), _run_properties(KAITI, 16)),
    # 1、拒绝有偿补课: the body's font, bold, kept with its paragraph.
    ("SummaryItemTitle", ITEM_TITLE, _paragraph_properties(keep_next=True), _run_properties(FANGSONG, 16, True)),
    ("SummarySignature", SIGNATURE, _paragraph_properties("right", 0, right=INDENT), _run_properties(FANGSONG, 16)),
    # "— 1 —": 宋体 四号, digits included.
    ("SummaryFooter", FOOTER, _paragraph_properties("center", 0, line=0), _run_properties(SONGTI, 14, latin=SONGTI)),
    # 附件1: 黑体 三号 at the top left of a new page.
    (
        "SummaryAttachment",
        ATTACHMENT,
        _paragraph_properties("left", 0, keep_next=True, page_break=True),
        _run_properties(HEITI, 16),
    ),
    ("SummaryTableText", TABLE_TEXT, _paragraph_properties("left", 0, line=480), _run_properties(FANGSONG, 14)),
]

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
BORDER = 'w:val="single" w:sz="4" w:space="0" w:color="000000"'


def _styles_xml():
    defaults = (
        "<w:docDefaults><w:rPrDefault>{}</w:rPrDefault><w:pPrDefault><w:pPr>"
        '<w:spacing w:before="0" w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>'
    ).format(_run_properties(FANGSONG, 16).replace("</w:rPr>", '<w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr>'))
    built_in = (
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/>'
        "{}{}</w:style>"
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/>'
        "</w:style>"
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
        '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="{}"/><w:basedOn w:val="TableNormal"/>'
        '<w:uiPriority w:val="59"/><w:tblPr><w:tblBorders><w:top {b}/><w:left {b}/><w:bottom {b}/>'
        "<w:right {b}/><w:insideH {b}/><w:insideV {b}/></w:tblBorders></w:tblPr></w:style>"
    ).format(_paragraph_properties("both", 0), _run_properties(FANGSONG, 16), TABLE_GRID, b=BORDER)
    own = "".join(
        _paragraph_style(style_id, name, paragraph, run, 10 + position)
        for position, (style_id, name, paragraph, run) in enumerate(STYLES)
    )
    return '{}<w:styles xmlns:w="{}">{}{}{}</w:styles>'.format(DECLARATION, W, defaults, built_in, own)


def _footer_xml():
    """ "— 1 —": the page number is a PAGE field that Word fills in; "1" stands in until then."""

    def run(content):
        return "<w:r>{}</w:r>".format(content)

    field = [
        run('<w:fldChar w:fldCharType="begin"/>'),
        run('<w:instrText xml:space="preserve"> PAGE </w:instrText>'),
        run('<w:fldChar w:fldCharType="separate"/>'),
        run("<w:t>1</w:t>"),
        run('<w:fldChar w:fldCharType="end"/>'),
    ]
    paragraph = '<w:p><w:pPr><w:pStyle w:val="SummaryFooter"/></w:pPr>{}{}{}</w:p>'.format(
        run('<w:t xml:space="preserve">— </w:t>'), "".join(field), run('<w:t xml:space="preserve"> —</w:t>')
    )
    return '{}<w:ftr xmlns:w="{}" xmlns:r="{}">{}</w:ftr>'.format(DECLARATION, W, R, paragraph)


def _document_xml():
    # A4 in the twips Word itself uses; margins 37/35/28/26 mm; the footer 20 mm from the edge.
    section = (
        '<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/>'
        '<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:header="851" w:footer="1134" '
        'w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:linePitch="312"/></w:sectPr>'
    )
    return '{}<w:document xmlns:w="{}" xmlns:r="{}"><w:body>{}</w:body></w:document>'.format(DECLARATION, W, R, section)


def _fonts_xml():
    return '{}<w:fonts xmlns:w="{}">{}</w:fonts>'.format(DECLARATION, W, "".join(FONTS))


def _settings_xml():
    return (
        '{}<w:settings xmlns:w="{}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>'
        '<w:characterSpacingControl w:val="compressPunctuation"/><w:compat>'
        '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
        '</w:compat><w:themeFontLang w:val="en-US" w:eastAsia="zh-CN"/><w:decimalSymbol w:val="."/>'
        '<w:listSeparator w:val=","/></w:settings>'
    ).format(DECLARATION, W)


CONTENT_TYPES = (
    DECLARATION + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    '<Override PartName="/word/styles.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>'
    '<Override PartName="/word/settings.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>'
    '<Override PartName="/word/fontTable.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>'
    '<Override PartName="/word/footer1.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    '<Override PartName="/docProps/app.xml" '
    'ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>'
    "</Types>"
)

RELATIONSHIP = '<Relationship Id="{}" Type="{}" Target="{}"/>'
OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/"


def _relationships(*entries):
    return '{}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{}</Relationships>'.format(
        DECLARATION, "".join(RELATIONSHIP.format(*entry) for entry in entries)
    )


PACKAGE_RELATIONSHIPS = _relationships(
    ("rId1", OFFICE + "officeDocument", "word/document.xml"),
    ("rId2", PACKAGE + "relationships/metadata/core-properties", "docProps/core.xml"),
    ("rId3", OFFICE + "extended-properties", "docProps/app.xml"),
)
DOCUMENT_RELATIONSHIPS = _relationships(
    ("rIdStyles", OFFICE + "styles", "styles.xml"),
    ("rIdSettings", OFFICE + "settings", "settings.xml"),
    ("rIdFonts", OFFICE + "fontTable", "fontTable.xml"),
    ("rIdFooter", OFFICE + "footer", "footer1.xml"),
)
CORE = (
    DECLARATION
    + '<cp:coreProperties xmlns:cp="{}metadata/core-properties" '.format(PACKAGE)
    + 'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>UnionHub</dc:title>'
    '<dcterms:created xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:created>'
    '<dcterms:modified xsi:type="dcterms:W3CDTF">2000-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>'
)
APP = (
    DECLARATION + '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
    "<Application>UnionHub</Application></Properties>"
)
FIXED_TIME = datetime.datetime(2000, 1, 1).timetuple()[:6]


def build_template():
    """The template's bytes: the same on every run."""
    parts = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", PACKAGE_RELATIONSHIPS),
        ("docProps/core.xml", CORE),
        ("docProps/app.xml", APP),
        ("word/document.xml", _document_xml()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELATIONSHIPS),
        ("word/styles.xml", _styles_xml()),
        ("word/settings.xml", _settings_xml()),
        ("word/fontTable.xml", _fonts_xml()),
        ("word/footer1.xml", _footer_xml()),
    ]
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts:
            entry = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(entry, text.encode("utf-8"))
    return out.getvalue()
