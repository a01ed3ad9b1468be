"""The one xlsx writer every export uses: rows in, a workbook's bytes out.

Write-only mode keeps memory flat for large exports: rows may come from a generator and
only the first few hundred are held at once (to size the columns). Text is written as a
text cell, so a spreadsheet never runs one that starts like a formula and shows it as
written; dates stay dates and money stays a number with two decimals.
"""

import datetime
import io
import itertools
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ERROR_CODES, ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_FORMAT = "yyyy-mm-dd"
MONTH_FORMAT = 'yyyy"年"m"月"'
MONEY_FORMAT = "#,##0.00"
PERCENT_FORMAT = "0.0%"
# Rows read ahead to size the columns; the rest are written as they come.
WIDTH_SAMPLE = 500


@dataclass
class Sheet:
    """One worksheet: a bold, frozen header row, then ``rows`` (any iterable of sequences).

    ``footer`` is an optional closing row in bold, such as the totals; ``formats`` maps a
    column's index (from 0) to a number format that replaces the one its values' type gives
    (e.g. ``PERCENT_FORMAT`` or ``MONTH_FORMAT``).
    """

    title: str
    headers: list
    rows: list = field(default_factory=list)
    footer: list | None = None
    formats: dict = field(default_factory=dict)


def looks_like_formula(text):
    """Whether a spreadsheet would take ``text`` for a formula (or an error) if typed in."""
    return text.startswith(FORMULA_PREFIXES) or text in ERROR_CODES


def _text(value):
    """Text as a cell can hold it: control characters (pasted from elsewhere) removed."""
    return ILLEGAL_CHARACTERS_RE.sub("", value)


def _text_cell(sheet, text):
    """A cell that holds ``text`` verbatim as text: openpyxl would store one starting with
    "=" as a formula, and a spreadsheet would run it. ``quotePrefix`` is the style Excel
    gives text typed after an apostrophe: shown as written, kept as text when edited, and
    no apostrophe in the value."""
    cell = WriteOnlyCell(sheet, value=text)
    cell.data_type = "s"
    cell.quotePrefix = True
    return cell


def _display_width(value):
    text = value.strftime("%Y-%m-%d") if isinstance(value, datetime.date) else str(value)
    # CJK characters take two columns in a spreadsheet.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _cell(sheet, value, bold=False, number_format=None, centre=True):
    if isinstance(value, (int, float, Decimal, datetime.date)) or value is None:
        cell = WriteOnlyCell(sheet, value=value)
    else:
        text = _text(str(value))
        cell = _text_cell(sheet, text) if looks_like_formula(text) else WriteOnlyCell(sheet, value=text)
    if number_format and value is not None:
        cell.number_format = number_format
    elif isinstance(value, Decimal):
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
        if centre:
            cell.alignment = Alignment(horizontal="center")
    return cell


def _plain(sheet, value, number_format=None):
    """A body cell: the bare value where openpyxl needs no more (much faster to write), a
    styled cell otherwise. A bare ``date`` gets openpyxl's own "yyyy-mm-dd", our DATE_FORMAT."""
    if number_format is None and value is not None:
        kind = type(value)
        if kind is str:
            text = _text(value)
            return _text_cell(sheet, text) if looks_like_formula(text) else text
        if kind is int or kind is float or kind is datetime.date:
            return value
    elif value is None:
        return None
    return _cell(sheet, value, number_format=number_format)


def _widths(headers, rows):
    widths = [_display_width(h) for h in headers]
    for row in rows:
        for i, value in enumerate(row):
            if value is not None and i < len(widths):
                widths[i] = max(widths[i], _display_width(value))
    return widths


def write_workbook(sheets, progress=None):
    """Write ``sheets`` (a list of :class:`Sheet`) and return the .xlsx bytes;
    ``progress(done, total)``, when given, is told of every sheet written."""
    workbook = Workbook(write_only=True)
    for number, spec in enumerate(sheets):
        if progress is not None:
            progress(number, len(sheets))
        rows = iter(spec.rows)
        sample = [list(row) for row in itertools.islice(rows, WIDTH_SAMPLE)]
        sheet = workbook.create_sheet(title=spec.title[:31])
        sheet.freeze_panes = "A2"
        widths = _widths(spec.headers, sample + ([list(spec.footer)] if spec.footer else []))
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 6), 60)
        sheet.append([_cell(sheet, h, bold=True) for h in spec.headers])
        formats = spec.formats
        for row in itertools.chain(sample, rows):
            sheet.append([_plain(sheet, value, formats.get(i)) for i, value in enumerate(row)])
        if spec.footer:
            sheet.append(
                [
                    _cell(sheet, value, bold=True, number_format=formats.get(i), centre=False)
                    for i, value in enumerate(spec.footer)
                ]
            )
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
