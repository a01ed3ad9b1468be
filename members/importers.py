"""Reading a roster file (.xlsx, .xls or .csv): every cell checked, every problem reported
by row and column.

A school's own roster rarely starts at A1: a title row or two come first, headers are
merged over several rows, digits are typed full-width. The header row is found among the
first rows, merged cells are filled in before anything is read, and a column the importer
does not know is named, never skipped. Nothing is written here; ``services.import_roster``
commits a clean result in one transaction.
"""

import csv
import datetime
import io
import re
import unicodedata
from dataclasses import dataclass, field

import xlrd
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from unionhub.uploads import check_size, check_xlsx

from .columns import HEADER_SYNONYMS, IGNORED_HEADERS, ROSTER_COLUMNS
from .forms import MemberForm, id_card_number_clash
from .models import Department, Member
from .validators import half_width

DATE_FIELDS = {"birth_date", "joined_school_on", "joined_union_on", "hired_on", "status_changed_on"}
IMPORT_FIELDS = [name for name, _header in ROSTER_COLUMNS if name != "department"]
# Digits, codes and dates: full-width forms (１３８, ＸＸ) mean the same and are made half-width.
# Names and other text are only trimmed, so that a rare character of a name stays as typed.
HALF_WIDTH_FIELDS = DATE_FIELDS | {"phone", "id_card_number", "employee_number"}
# The header row is looked for among this many rows at the top of the sheet.
HEADER_SEARCH_ROWS = 20
OLE2_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
TEXT_EXTENSIONS = ("csv", "txt")


class UnreadableFile(Exception):
    """The upload is not a spreadsheet this importer can open."""


class RowForm(MemberForm):
    """The member form without the photo and concurrency parts: one spreadsheet row."""

    class Meta(MemberForm.Meta):
        fields = IMPORT_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["photo_upload"]
        del self.fields["loaded_version"]

    # The importer matches each row to the member holding its employee number, checks ID
    # card numbers against the roster it read once, and reports numbers repeated in the
    # file: no query per row.
    def clean_employee_number(self):
        return half_width(self.cleaned_data["employee_number"])

    def id_card_number_holder(self, number):
        return None


@dataclass
class CellError:
    row: int
    column: str
    header: str
    message: str

    @property
    def place(self):
        """第5行“联系电话”列（E）: where the problem is, in words."""
        if self.row and self.header:
            return _("row %(row)s, column “%(header)s” (%(letter)s)") % {
                "row": self.row,
                "header": self.header,
                "letter": self.column,
            }
        if self.row and self.column:
            return _("row %(row)s, column %(letter)s") % {"row": self.row, "letter": self.column}
        if self.row:
            return _("row %(row)s") % {"row": self.row}
        return ""


@dataclass
class ParsedRow:
    row: int
    data: dict
    department_name: str
    existing: Member | None
    changed: bool = True


@dataclass
class ImportResult:
    rows: list = field(default_factory=list)
    errors: list = field(default_factory=list)
    new_departments: list = field(default_factory=list)

    @property
    def created_count(self):
        return sum(1 for r in self.rows if r.existing is None)

    @property
    def updated_count(self):
        return sum(1 for r in self.rows if r.existing is not None and r.changed)

    @property
    def unchanged_count(self):
        return sum(1 for r in self.rows if r.existing is not None and not r.changed)


@dataclass
class Grid:
    """A sheet's cells as rows of values, merged ranges filled with their top-left value."""

    rows: list
    # (first row, last row, first column, last column), 0-based, last ones included.
    merged: list = field(default_factory=list)

    def fill_merged(self):
        for first_row, last_row, first_col, last_col in self.merged:
            if first_row >= len(self.rows):
                continue
            top_row = self.rows[first_row]
            value = top_row[first_col] if first_col < len(top_row) else None
            for r in range(first_row, min(last_row, len(self.rows) - 1) + 1):
                row = self.rows[r]
                if len(row) <= last_col:
                    row.extend([None] * (last_col + 1 - len(row)))
                for c in range(first_col, last_col + 1):
                    row[c] = value


# Opening each kind of file ----------------------------------------------------------------


def _unreadable():
    return _("This file cannot be read. Save it in Excel as .xlsx and upload it again.")


def _open_grid(uploaded):
    """The first sheet of ``uploaded`` as a :class:`Grid`, whatever kind of file it is."""
    uploaded.seek(0)
    head = uploaded.read(8)
    uploaded.seek(0)
    name = (getattr(uploaded, "name", "") or "").lower()
    if head.startswith(b"PK\x03\x04"):
        try:
            check_xlsx(uploaded)
        except ValidationError as error:
            if error.code == "not_xlsx":
                raise UnreadableFile from error
            raise
        return _xlsx_grid(uploaded)
    if head == OLE2_MAGIC:
        return _xls_grid(uploaded.read())
    if name.rsplit(".", 1)[-1] in TEXT_EXTENSIONS:
        return _csv_grid(uploaded.read())
    raise UnreadableFile


def _xlsx_grid(uploaded):
    try:
        # Not read-only: a read-only sheet does not say which cells are merged.
        workbook = load_workbook(uploaded, data_only=True)
    except Exception as error:
        raise UnreadableFile from error
    try:
        sheet = workbook.worksheets[0]
        rows = [list(values) for values in sheet.iter_rows(values_only=True)]
        merged = [(m.min_row - 1, m.max_row - 1, m.min_col - 1, m.max_col - 1) for m in sheet.merged_cells.ranges]
    finally:
        workbook.close()
    return Grid(rows, merged)


def _xls_grid(content):
    # Merged cells are only read with the formatting; a file whose formatting xlrd cannot
    # follow is still read, without them.
    for formatting_info in (True, False):
        try:
            book = xlrd.open_workbook(file_contents=content, formatting_info=formatting_info, on_demand=True)
            sheet = book.sheet_by_index(0)
            break
        except Exception as error:
            if not formatting_info:
                raise UnreadableFile from error
    rows = []
    for r in range(sheet.nrows):
        values = []
        for cell in sheet.row(r):
            if cell.ctype == xlrd.XL_CELL_DATE:
                try:
                    values.append(xlrd.xldate_as_datetime(cell.value, book.datemode))
                except (ValueError, OverflowError, xlrd.xldate.XLDateError):
                    values.append(cell.value)
            elif cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
                values.append(None)
            else:
                values.append(cell.value)
        rows.append(values)
    merged = [(rlo, rhi - 1, clo, chi - 1) for rlo, rhi, clo, chi in sheet.merged_cells]
    book.release_resources()
    return Grid(rows, merged)


def _decode_text(content):
    """Excel saves .csv as UTF-8 (with a BOM or without), as GBK on a Chinese Windows, or
    as UTF-16 ("Unicode text")."""
    if content.startswith((b"\xff\xfe", b"\xfe\xff")):
        encodings = ["utf-16"]
    else:
        encodings = ["utf-8-sig", "gb18030"]
    for encoding in encodings:
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text:
            return text
    raise UnreadableFile


def _csv_grid(content):
    text = _decode_text(content)
    sample = text[:4096]
    first_line = sample.splitlines()[0] if sample else ""
    delimiter = max(",\t;", key=first_line.count) if first_line else ","
    try:
        rows = [
            [_unwrap(cell) for cell in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as error:
        raise UnreadableFile from error
    return Grid(rows)


def _unwrap(cell):
    """``="0519…"``, the way a .csv keeps Excel from turning a number's digits into a float."""
    match = re.fullmatch(r'\s*="(.*)"\s*', cell)
    return match.group(1) if match else cell


# Cells ----------------------------------------------------------------------------------


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date_text(text):
    """Accept 2018-09-10, 2018/9/10, 2018.9.10 and 2018年9月10日."""
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return "{:04d}-{:02d}-{:02d}".format(year, month, day)
    return text


def _header_key(value):
    """A header as compared: half-width, without spaces, line breaks or a trailing colon or star."""
    text = unicodedata.normalize("NFKC", _cell_text(value))
    return re.sub(r"[\s*:：]", "", text).lower()


def _headers_in_both_languages():
    """Header text (Chinese, English or a usual synonym) → field name, so any template imports."""
    lookup = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for name, header in ROSTER_COLUMNS:
                lookup[_header_key(header)] = name
    for synonym, name in HEADER_SYNONYMS.items():
        lookup.setdefault(_header_key(synonym), name)
    return lookup


def _choice_lookup(model_field):
    """Label in either language, or the stored value → stored value."""
    lookup = {}
    for value, label in model_field.flatchoices:
        lookup[str(value)] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                # Cells are made half-width, so 中专（高中） is looked up as 中专(高中).
                lookup[str(label)] = lookup[half_width(str(label))] = value
    return lookup


# Reading --------------------------------------------------------------------------------


def data_row_count(uploaded):
    """How many rows of the first sheet hold anything, less one for the header: the size of
    the work, read before choosing to do it in the request or in the background. 0 for a
    file that cannot be read (the check says why)."""
    try:
        check_size(uploaded, settings.UNIONHUB["IMPORT_MAX_BYTES"])
        if uploaded.read(4) == b"PK\x03\x04":
            rows = _xlsx_rows_quickly(uploaded)
        else:
            rows = _open_grid(uploaded).rows
        return max(0, sum(1 for values in rows if any(_cell_text(v) for v in values)) - 1)
    except (ValidationError, UnreadableFile):
        return 0
    finally:
        uploaded.seek(0)


def _xlsx_rows_quickly(uploaded):
    """The first sheet's values, read in openpyxl's read-only mode: several times faster,
    without the merged cells that counting does not need."""
    check_xlsx(uploaded)
    try:
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except Exception as error:
        raise UnreadableFile from error
    try:
        return list(workbook.worksheets[0].iter_rows(values_only=True))
    finally:
        workbook.close()


def read_roster(uploaded, school, max_rows, progress=None):
    """Check ``uploaded`` and return an :class:`ImportResult` (rows, or errors).

    ``progress(done, total)``, when given, is told of every row checked."""
    result = ImportResult()
    try:
        check_size(uploaded, settings.UNIONHUB["IMPORT_MAX_BYTES"])
        grid = _open_grid(uploaded)
    except ValidationError as error:
        result.errors.append(CellError(0, "", "", error.messages[0]))
        return result
    except UnreadableFile:
        result.errors.append(CellError(0, "", "", _unreadable()))
        return result
    grid.fill_merged()
    header_index, columns = _map_headers(grid.rows, result)
    if result.errors:
        return result
    _read_rows(grid.rows, header_index, columns, school, max_rows, result, progress)
    return result


def _map_headers(rows, result):
    """The header row (0-based) and field name → column index; every header it cannot
    place is reported, so that no column is dropped unseen."""
    lookup = _headers_in_both_languages()
    best_index, best_matches = None, 0
    for index, values in enumerate(rows[:HEADER_SEARCH_ROWS]):
        names = {lookup.get(_header_key(v)) for v in values} - {None}
        if "name" in names and len(names) > best_matches:
            best_index, best_matches = index, len(names)
    if best_index is None:
        result.errors.append(
            CellError(
                1,
                "",
                "",
                _(
                    "No row near the top holds the column headers of the template; "
                    "a header row with at least “%(header)s” is needed."
                )
                % {"header": str(dict(ROSTER_COLUMNS)["name"])},
            )
        )
        return None, {}

    row_number = best_index + 1
    header_row = rows[best_index]
    columns = {}
    width = max((len(r) for r in rows[best_index:]), default=0)
    for index in range(width):
        raw = header_row[index] if index < len(header_row) else None
        letter = get_column_letter(index + 1)
        text = _cell_text(raw)
        key = _header_key(raw)
        if not key:
            if any(_cell_text(r[index]) for r in rows[best_index + 1 :] if index < len(r)):
                result.errors.append(
                    CellError(
                        row_number,
                        letter,
                        "",
                        _("Column %(letter)s holds data but has no header: give it one of the template's headers.")
                        % {"letter": letter},
                    )
                )
            continue
        if key in IGNORED_HEADERS:
            continue
        name = lookup.get(key)
        if name is None:
            result.errors.append(
                CellError(
                    row_number,
                    letter,
                    text,
                    _("The header “%(header)s” is not one of the roster's columns: rename it to one of: %(known)s.")
                    % {"header": text, "known": "、".join(str(h) for _n, h in ROSTER_COLUMNS)},
                )
            )
            continue
        if name in columns:
            if _same_data(rows[best_index + 1 :], columns[name], index):
                continue  # the data cells are merged like the header: one column, drawn wide
            first = get_column_letter(columns[name] + 1)
            result.errors.append(
                CellError(
                    row_number,
                    letter,
                    text,
                    _(
                        "Columns %(first)s and %(letter)s both have the header “%(header)s”: "
                        "give each column its own header (unmerge merged header cells)."
                    )
                    % {"first": first, "letter": letter, "header": text},
                )
            )
            continue
        columns[name] = index
    return best_index, columns


def _same_data(rows, first, second):
    def cell(row, index):
        return _cell_text(row[index]) if index < len(row) else ""

    return all(cell(row, first) == cell(row, second) for row in rows)


def _snapshot(member):
    values = {name: getattr(member, name) for name in IMPORT_FIELDS}
    values["department"] = member.department.name if member.department_id else ""
    return values


def _read_rows(rows, header_index, columns, school, max_rows, result, progress=None):
    model_fields = {f.name: f for f in Member._meta.fields}
    choice_lookups = {name: _choice_lookup(model_fields[name]) for name in IMPORT_FIELDS if model_fields[name].choices}
    headers = dict(ROSTER_COLUMNS)
    live = list(Member.objects.filter(school=school).select_related("department"))
    existing = {m.employee_number: m for m in live if m.employee_number}
    id_holders = {m.id_card_number: m for m in live if m.id_card_number}
    before = {m.pk: _snapshot(m) for m in existing.values()}
    departments = set(Department.objects.filter(school=school).values_list("name", flat=True))
    # Employee and ID card numbers already read → the row they were first on.
    seen = {"employee_number": {}, "id_card_number": {}}

    def error(row_number, field_name, message):
        index = columns.get(field_name)
        letter = get_column_letter(index + 1) if index is not None else ""
        result.errors.append(CellError(row_number, letter, str(headers.get(field_name, "")), str(message)))

    body = rows[header_index + 1 :]
    for row_number, values in enumerate(body, start=header_index + 2):
        if progress is not None:
            progress(row_number - header_index - 2, len(body))
        if not any(_cell_text(v) for v in values):
            continue
        if len(result.rows) + 1 > max_rows:
            result.errors.append(
                CellError(row_number, "", "", _("The workbook has more than %(max)s rows.") % {"max": max_rows})
            )
            return

        def text_of(name, values=values):
            index = columns.get(name)
            text = _cell_text(values[index]) if index is not None and index < len(values) else ""
            return half_width(text) if name in HALF_WIDTH_FIELDS or name in choice_lookups else text

        data = {}
        for name in IMPORT_FIELDS:
            text = text_of(name)
            if name in DATE_FIELDS:
                data[name] = _date_text(text)
            elif name in choice_lookups:
                if text and text not in choice_lookups[name]:
                    allowed = "、".join(str(label) for _v, label in model_fields[name].flatchoices if _v)
                    error(
                        row_number,
                        name,
                        _("“%(value)s” is not one of: %(allowed)s.") % {"value": text, "allowed": allowed},
                    )
                    data[name] = ""
                else:
                    data[name] = choice_lookups[name].get(text, "")
            else:
                data[name] = text
        # Blank choice cells take the model's default, as the web form would.
        for name in ("title", "status", "party_membership"):
            if not data.get(name):
                data[name] = model_fields[name].default
        if not data.get("ethnic_group"):
            data["ethnic_group"] = model_fields["ethnic_group"].default

        repeats = {
            "employee_number": _("Employee number %(number)s is also on row %(other)s."),
            "id_card_number": _("ID card number %(number)s is also on row %(other)s."),
        }
        repeated = set()
        for name, message in repeats.items():
            value = data[name].upper() if name == "id_card_number" else data[name]
            if value and value in seen[name]:
                error(row_number, name, message % {"number": value, "other": seen[name][value]})
                repeated.add(name)
            if value:
                seen[name].setdefault(value, row_number)
        number = data["employee_number"]
        member = existing.get(number) if number else None
        holder = id_holders.get(data["id_card_number"].upper())
        if "id_card_number" not in repeated and holder is not None and holder != member:
            error(row_number, "id_card_number", id_card_number_clash(holder))

        form = RowForm(data=data, instance=member or Member(school=school), school=school)
        if not form.is_valid():
            for name, messages in form.errors.items():
                for message in messages:
                    error(row_number, name if name != "__all__" else "", message)
            continue

        department_name = text_of("department")
        if department_name and department_name not in departments and department_name not in result.new_departments:
            result.new_departments.append(department_name)
        parsed = ParsedRow(row_number, form.cleaned_data, department_name, member)
        if member is not None:
            after = {name: form.cleaned_data.get(name) for name in IMPORT_FIELDS}
            after["department"] = department_name
            parsed.changed = after != before[member.pk]
        result.rows.append(parsed)
