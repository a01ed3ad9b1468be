"""The roster import with bad files: generated workbooks (.xlsx, .xls, .csv) of odd cells,
formulas and merged ranges, under right and wrong names; and files that are not
workbooks at all (a zip of something else, a zip bomb, an empty file). The answer is the
preview or a list of Chinese errors, never a server error; nothing is written before the
confirmation, and the confirmation writes exactly the rows the preview announced."""

import datetime
import io
import re
import zipfile

import openpyxl
import pytest
import xlwt
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from hypothesis import assume, given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from members.columns import ROSTER_COLUMNS

from ..factories import valid_id_number
from .checks import CHINESE, row_counts
from .strategies import ODD_FILES, days, numbers, text

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

IMPORT_URL = reverse("members:roster_import")
# What no .xlsx can hold (besides openpyxl's ILLEGAL_CHARACTERS_RE): XML's noncharacters.
NOT_IN_XML = re.compile("[\ufffe\uffff]")
FIELDS = [name for name, _header in ROSTER_COLUMNS]


def headers():
    with translation.override("zh-hans"):
        return [str(header) for _name, header in ROSTER_COLUMNS]


def usual_row(n):
    return {
        "name": "王老师{}".format(n),
        "gender": "女",
        "birth_date": "1990-05-{:02d}".format(1 + n),
        "ethnic_group": "汉族",
        "phone": "139{:08d}".format(n),
        "id_card_number": valid_id_number(datetime.date(1990, 5, 1 + n), 100 + n),
        "employee_number": "N{:04d}".format(n),
        "department": "数学组",
        "joined_school_on": "2012-09-01",
    }


FORMULAS = ["=1/0", "=SUM(A1:A3)", '=HYPERLINK("http://example.com","点我")', "=NOW()", "=A2", "=NA()", "@SUM(1)"]
odd_cells = st.one_of(
    text,
    numbers,
    days,
    st.integers(min_value=-(2**63), max_value=2**63),
    st.floats(allow_nan=False, allow_infinity=False),
    st.datetimes(min_value=datetime.datetime(1900, 3, 1)),
    st.sampled_from(FORMULAS),
    st.none(),
)


@st.composite
def grids(draw):
    """A header row (perhaps under a title, perhaps with a column missing), then rows whose
    cells are mostly usual and otherwise odd."""
    header = list(headers())
    if draw(st.booleans()):
        del header[draw(st.integers(0, len(header) - 1))]
    if draw(st.integers(0, 4)) == 0:
        header[draw(st.integers(0, len(header) - 1))] = draw(text)
    grid = [header] if draw(st.booleans()) else [["2025年教职工名册"], header]
    for n in range(draw(st.integers(0, 4))):
        usual = usual_row(n)
        row = []
        for name in FIELDS[: len(header)]:
            row.append(draw(odd_cells) if draw(st.integers(0, 3)) == 0 else usual.get(name, ""))
        grid.append(row)
    merges = draw(
        st.lists(
            st.tuples(st.integers(0, len(grid) - 1), st.integers(0, 2), st.integers(0, 16), st.integers(0, 3)),
            max_size=2,
        )
    )
    return grid, [(r, min(r + dr, len(grid) - 1), c, c + dc) for r, dr, c, dc in merges]


def xlsx_bytes(grid, merges):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in grid:
        sheet.append([NOT_IN_XML.sub("", ILLEGAL_CHARACTERS_RE.sub("", v)) if isinstance(v, str) else v for v in row])
    for r1, r2, c1, c2 in merges:
        if (r1, c1) != (r2, c2):
            sheet.merge_cells(start_row=r1 + 1, end_row=r2 + 1, start_column=c1 + 1, end_column=c2 + 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xls_bytes(grid, merges):
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名册")
    done = set()
    for r1, r2, c1, c2 in merges:
        cells = {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
        if len(cells) > 1 and not cells & done:
            sheet.write_merge(r1, r2, c1, c2, "合并")
            done |= cells
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if (r, c) in done or value is None:
                continue
            if isinstance(value, datetime.datetime):
                value = value.isoformat()
            if isinstance(value, str):
                value = value[:32767]
            elif isinstance(value, int) and not -(2**53) <= value <= 2**53:
                value = str(value)
            sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_bytes(grid, encoding):
    lines = (",".join('"{}"'.format(str(v).replace('"', '""')) if v is not None else "" for v in row) for row in grid)
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


@st.composite
def roster_files(draw):
    grid, merges = draw(grids())
    kind = draw(st.sampled_from(["xlsx", "xls", "utf-8", "utf-8-sig", "gb18030", "utf-16"]))
    if kind == "xlsx":
        content = xlsx_bytes(grid, merges)
    elif kind == "xls":
        try:
            content = xls_bytes(grid, merges)
        except Exception:  # xlwt refuses some cells outright: not a file anyone could send
            assume(False)
    else:
        content = csv_bytes(grid, kind)
    right = {"xlsx": "xlsx", "xls": "xls"}.get(kind, "csv")
    extension = draw(st.sampled_from([right, right, "xlsx", "xls", "csv", "txt", "pdf", ""]))
    return "名册.{}".format(extension) if extension else "名册", content


def post_file(client, name, content):
    handle = io.BytesIO(content)
    handle.name = name
    return client.post(IMPORT_URL, {"file": handle})


def check_answer(client, response):
    """The preview or Chinese errors, nothing written; a confirmed preview writes its rows."""
    assert response.status_code == 200, response.status_code
    result = response.context.get("result")
    form = response.context.get("form")
    messages = [e.message for e in result.errors] if result else []
    if form is not None and form.is_bound:
        messages += [str(m) for errors in form.errors.values() for m in errors]
    for message in messages:
        assert CHINESE.search(str(message)), "an error not in Chinese: {!r}".format(message)
    if not response.context.get("preview"):
        assert messages, "neither a preview nor an error"
        return
    before = row_counts()
    token = response.wsgi_request.session["roster_import"]["token"]
    confirmed = client.post(IMPORT_URL, {"confirm": "1", "token": token})
    assert confirmed.status_code == 302, confirmed.status_code
    after = row_counts()
    assert after["members_member"] == before["members_member"] + result.created_count


def in_rollback(check):
    """Runs ``check`` in a transaction rolled back after it: each example starts from the same rows."""
    with transaction.atomic():
        cache.clear()
        check()
        transaction.set_rollback(True)


def upload_and_check(client, name, content):
    before = row_counts()
    response = post_file(client, name, content)
    assert row_counts() == before, "the upload wrote rows before the confirmation"
    check_answer(client, response)


def test_a_bad_roster_file_gets_chinese_errors_or_a_true_preview(client, chair):
    client.force_login(chair)

    @given(st.one_of(roster_files(), st.sampled_from(ODD_FILES)))
    def uploading(file):
        in_rollback(lambda: upload_and_check(client, *file))

    uploading()


def forged_zip_bomb():
    """A workbook-looking zip whose headers claim a tiny size for a part that unpacks to 60 MB."""
    huge = (60 * 1024 * 1024).to_bytes(4, "little")
    return zip_bomb_of(60 * 1024 * 1024).replace(huge, (10).to_bytes(4, "little"))


def zip_bomb_of(size):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", b"\0" * size)
    return buffer.getvalue()


def usual_grid(rows=2):
    return [headers()] + [[usual_row(n).get(name, "") for name in FIELDS] for n in range(rows)]


MALFORMED = {
    "empty": ("名册.xlsx", lambda: b""),
    "zip-not-a-workbook": ("名册.xlsx", lambda: zip_bomb_of(0).replace(b"xl/", b"zz/")),
    "zip-bomb": ("名册.xlsx", lambda: zip_bomb_of(60 * 1024 * 1024)),
    "zip-bomb-lying-sizes": ("名册.xlsx", forged_zip_bomb),
    "formulas": ("名册.xlsx", lambda: xlsx_bytes([*usual_grid(1), ["=1/0", "=NOW()", "=A1&A2", *FORMULAS]], [])),
    "merged-cells": ("名册.xlsx", lambda: xlsx_bytes(usual_grid(3), [(1, 3, 0, 2), (0, 0, 3, 5)])),
    "xlsx-named-csv": ("名册.csv", lambda: xlsx_bytes(usual_grid(), [])),
    "xls-named-xlsx": ("名册.xlsx", lambda: xls_bytes(usual_grid(), [])),
    "csv-named-xls": ("名册.xls", lambda: csv_bytes(usual_grid(), "utf-8")),
    "no-extension": ("名册", lambda: csv_bytes(usual_grid(), "gb18030")),
    "picture": ("名册.xlsx", lambda: ODD_FILES[2][1]),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_roster_file_gets_chinese_errors_or_a_true_preview(client, chair, case):
    client.force_login(chair)
    name, make = MALFORMED[case]
    upload_and_check(client, name, make())
