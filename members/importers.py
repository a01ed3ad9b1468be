"""Reading a roster workbook: every cell checked, every problem reported by row and column.

Nothing is written here; ``services.import_roster`` commits a clean result in one
transaction.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from unionhub.uploads import check_xlsx
from unionhub.xlsx import FORMULA_PREFIXES

from .columns import ROSTER_COLUMNS
from .forms import MemberForm
from .models import Department, Member

DATE_FIELDS = {"birth_date", "joined_school_on", "joined_union_on", "status_changed_on"}
IMPORT_FIELDS = [name for name, _header in ROSTER_COLUMNS if name != "department"]


class RowForm(MemberForm):
    """The member form without the photo and concurrency parts: one spreadsheet row."""

    class Meta(MemberForm.Meta):
        fields = IMPORT_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["photo_upload"]
        del self.fields["loaded_version"]

    # The importer matches each row to the member holding its employee number and reports
    # numbers repeated in the file, so no other member can hold it: no query per row.
    def clean_employee_number(self):
        return self.cleaned_data["employee_number"].strip()


@dataclass
class CellError:
    row: int
    column: str
    header: str
    message: str


@dataclass
class ParsedRow:
    row: int
    data: dict
    department_name: str
    existing: Member | None


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
        return sum(1 for r in self.rows if r.existing is not None)


def _headers_in_both_languages():
    """Header text (Chinese or English) → field name, so either template imports."""
    lookup = {}
    for language in ("zh-hans", "en"):
        with translation.override(language):
            for name, header in ROSTER_COLUMNS:
                lookup[str(header).strip()] = name
    return lookup


def _choice_lookup(model_field):
    """Label in either language, or the stored value → stored value."""
    lookup = {}
    for value, label in model_field.flatchoices:
        lookup[str(value)] = value
        for language in ("zh-hans", "en"):
            with translation.override(language):
                lookup[str(label)] = value
    return lookup


def _cell_text(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    text = str(value).strip()
    # Undo the export's formula escaping, so an exported roster re-imports unchanged.
    if text.startswith("'") and text[1:].startswith(FORMULA_PREFIXES):
        text = text[1:]
    return text


def _date_text(value):
    """Accept 2018-09-10, 2018/9/10, 2018.9.10 and 2018年9月10日."""
    text = _cell_text(value)
    match = re.fullmatch(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?", text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return "{:04d}-{:02d}-{:02d}".format(year, month, day)
    return text


def read_roster(uploaded, school, max_rows):
    """Check ``uploaded`` and return an :class:`ImportResult` (rows, or errors)."""
    result = ImportResult()
    try:
        check_xlsx(uploaded)
        workbook = load_workbook(uploaded, read_only=True, data_only=True)
    except ValidationError as error:
        result.errors.append(CellError(0, "", "", error.messages[0]))
        return result
    except Exception:
        result.errors.append(CellError(0, "", "", _("The file is not an Excel workbook (.xlsx).")))
        return result

    try:
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header_row = next(rows, None) or ()
        columns = _map_headers(header_row, result)
        if result.errors:
            return result
        _read_rows(rows, columns, school, max_rows, result)
    finally:
        workbook.close()
    return result


def _map_headers(header_row, result):
    lookup = _headers_in_both_languages()
    columns = {}
    for index, header in enumerate(header_row):
        name = lookup.get(_cell_text(header))
        if name:
            columns[name] = index
    missing = [str(header) for name, header in ROSTER_COLUMNS if name == "name" and name not in columns]
    if missing:
        result.errors.append(
            CellError(
                1,
                "",
                "",
                _("The first row must hold the column headers of the template; “%(header)s” is missing.")
                % {"header": missing[0]},
            )
        )
    return columns


def _read_rows(rows, columns, school, max_rows, result):
    model_fields = {f.name: f for f in Member._meta.fields}
    choice_lookups = {name: _choice_lookup(model_fields[name]) for name in IMPORT_FIELDS if model_fields[name].choices}
    headers = dict(ROSTER_COLUMNS)
    existing = {m.employee_number: m for m in Member.objects.filter(school=school).exclude(employee_number="")}
    departments = set(Department.objects.filter(school=school).values_list("name", flat=True))
    seen_numbers = {}

    def error(row_number, field_name, message):
        index = columns.get(field_name)
        letter = get_column_letter(index + 1) if index is not None else ""
        result.errors.append(CellError(row_number, letter, str(headers.get(field_name, "")), str(message)))

    for row_number, values in enumerate(rows, start=2):
        if not any(_cell_text(v) for v in values):
            continue
        if len(result.rows) + 1 > max_rows:
            result.errors.append(
                CellError(row_number, "", "", _("The workbook has more than %(max)s rows.") % {"max": max_rows})
            )
            return

        def value_of(name, values=values):
            index = columns.get(name)
            return values[index] if index is not None and index < len(values) else None

        data = {}
        for name in IMPORT_FIELDS:
            raw = value_of(name)
            if name in DATE_FIELDS:
                data[name] = _date_text(raw)
            elif name in choice_lookups:
                text = _cell_text(raw)
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
                data[name] = _cell_text(raw)
        # Blank choice cells take the model's default, as the web form would.
        for name in ("title", "status", "party_membership"):
            if not data.get(name):
                data[name] = model_fields[name].default
        if not data.get("ethnic_group"):
            data["ethnic_group"] = model_fields["ethnic_group"].default

        number = data["employee_number"]
        if number:
            if number in seen_numbers:
                error(
                    row_number,
                    "employee_number",
                    _("Employee number %(number)s is also on row %(other)s.")
                    % {"number": number, "other": seen_numbers[number]},
                )
            seen_numbers.setdefault(number, row_number)
        member = existing.get(number) if number else None

        form = RowForm(data=data, instance=member or Member(school=school), school=school)
        if not form.is_valid():
            for name, messages in form.errors.items():
                for message in messages:
                    error(row_number, name if name != "__all__" else "", message)
            continue

        department_name = _cell_text(value_of("department"))
        if department_name and department_name not in departments and department_name not in result.new_departments:
            result.new_departments.append(department_name)
        result.rows.append(ParsedRow(row_number, form.cleaned_data, department_name, member))
