"""The one xlsx writer every export uses: rows in, a workbook's bytes out.

Write-only mode keeps memory flat for large exports. Text that a spreadsheet would run as
a formula is escaped; dates stay dates and money stays a number with two decimals.
"""

import datetime
import io
from dataclasses import dataclass, field
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
DATE_FORMAT = "yyyy-mm-dd"
MONEY_FORMAT = "#,##0.00"


@dataclass
class Sheet:
    title: str
    headers: list
    rows: list = field(default_factory=list)


def escape_formula(value):
    """Prefix text that starts like a formula with a quote, so it is shown, not run."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _display_width(value):
    text = value.strftime("%Y-%m-%d") if isinstance(value, datetime.date) else str(value)
    # CJK characters take two columns in a spreadsheet.
    return sum(2 if ord(ch) > 0x2E80 else 1 for ch in text)


def _cell(sheet, value, bold=False):
    if isinstance(value, (int, float, Decimal, datetime.date)) or value is None:
        cell = WriteOnlyCell(sheet, value=value)
    else:
        cell = WriteOnlyCell(sheet, value=escape_formula(str(value)))
    if isinstance(value, Decimal):
        cell.number_format = MONEY_FORMAT
    elif isinstance(value, datetime.date):
        cell.number_format = DATE_FORMAT
    if bold:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
    return cell


def write_workbook(sheets):
    """Write ``sheets`` (a list of :class:`Sheet`) and return the .xlsx bytes."""
    workbook = Workbook(write_only=True)
    for spec in sheets:
        rows = [list(row) for row in spec.rows]
        sheet = workbook.create_sheet(title=spec.title[:31])
        sheet.freeze_panes = "A2"
        widths = [_display_width(h) for h in spec.headers]
        for row in rows[:500]:
            for i, value in enumerate(row):
                if value is not None:
                    widths[i] = max(widths[i], _display_width(value))
        for i, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = min(max(width + 2, 6), 60)
        sheet.append([_cell(sheet, h, bold=True) for h in spec.headers])
        for row in rows:
            sheet.append([_cell(sheet, value) for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
