"""Roster import of the files schools really have: .xls and .csv (UTF-8 or GBK), a title
above the header, merged header cells, unknown headers, full-width digits; unchanged rows
left alone; a hint for a file that cannot be read."""

import datetime
import io

import openpyxl
import pytest
import xlwt
from django.utils import translation
from django_scopes import scope

from members.models import Member
from tests.factories import DepartmentFactory, MemberFactory, valid_id_number
from tests.members.test_import import FIELDS, IMPORT_URL, confirm, good_row, member_count, members_of, upload, zh

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

UNREADABLE = "无法读取此文件，请在 Excel 中另存为 .xlsx 后重新上传。"


def headers():
    from members.columns import ROSTER_COLUMNS

    with translation.override("zh-hans"):
        return [str(header) for _name, header in ROSTER_COLUMNS]


def table(rows, header=None):
    """The header row, then each row's cells in the template's order."""
    return [header or headers()] + [[row.get(name) or "" for name in FIELDS] for row in rows]


def xls_bytes(grid, merges=()):
    """An .xls (Excel 97–2003) file of ``grid``; ``merges`` are (r1, r2, c1, c2), 0-based, included."""
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名册")
    merged_cells = set()
    for r1, r2, c1, c2 in merges:
        sheet.write_merge(r1, r2, c1, c2, grid[r1][c1])
        merged_cells |= {(r, c) for r in range(r1, r2 + 1) for c in range(c1, c2 + 1)}
    for r, row in enumerate(grid):
        for c, value in enumerate(row):
            if (r, c) not in merged_cells and value not in (None, ""):
                sheet.write(r, c, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def xlsx_bytes(grid, merges=()):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in grid:
        sheet.append(row)
    for r1, r2, c1, c2 in merges:
        sheet.merge_cells(start_row=r1 + 1, end_row=r2 + 1, start_column=c1 + 1, end_column=c2 + 1)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def csv_text(grid):
    return "\r\n".join(",".join(str(v) for v in row) for row in grid) + "\r\n"


def result_of(response):
    return response.context["result"]


def places(response):
    return [(e.place, e.message) for e in result_of(response).errors]


# .xls and .csv -------------------------------------------------------------------------


def test_it_imports_a_legacy_xls_file(chair_client, school):
    rows = [good_row(1), good_row(2, department="语文组")]

    response = upload(chair_client, xls_bytes(table(rows)), name="花名册.xls")

    assert result_of(response).errors == []
    assert result_of(response).created_count == 2
    confirm(chair_client, response)
    members = members_of(school)
    assert [m.name for m in members] == ["王老师1", "王老师2"]
    assert members[1].department.name == "语文组"
    assert members[0].birth_date == datetime.date(1990, 5, 2)


def test_it_reads_real_dates_and_numbers_in_an_xls_file(chair_client, school):
    style = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    book = xlwt.Workbook(encoding="utf-8")
    sheet = book.add_sheet("名册")
    for c, header in enumerate(headers()):
        sheet.write(0, c, header)
    row = good_row(1)
    for c, name in enumerate(FIELDS):
        if name == "birth_date":
            sheet.write(1, c, datetime.datetime(1988, 1, 2), style)
        elif name == "phone":
            sheet.write(1, c, 13900000001)  # a number cell, as Excel stores typed digits
        elif row[name]:
            sheet.write(1, c, row[name])
    buffer = io.BytesIO()
    book.save(buffer)

    response = upload(chair_client, buffer.getvalue(), name="roster.xls")

    assert result_of(response).errors == []
    parsed = result_of(response).rows[0].data
    assert parsed["birth_date"] == datetime.date(1988, 1, 2)
    assert parsed["phone"] == "13900000001"


@pytest.mark.parametrize(
    "encoding",
    ["utf-8", "utf-8-sig", "gbk", "gb18030"],
    ids=["utf8", "utf8-bom", "gbk", "gb18030"],
)
def test_it_imports_a_csv_file_in_utf8_or_gbk(chair_client, school, encoding):
    rows = [good_row(1, name="曾玲娟"), good_row(2, department="语文组")]

    response = upload(chair_client, csv_text(table(rows)).encode(encoding), name="roster.csv")

    assert result_of(response).errors == []
    confirm(chair_client, response)
    assert sorted(m.name for m in members_of(school)) == sorted(["曾玲娟", "王老师2"])
    assert {m.department.name for m in members_of(school)} == {"数学组", "语文组"}


def test_it_imports_a_tab_separated_utf16_text_file(chair_client, school):
    text = "\r\n".join("\t".join(str(v) for v in row) for row in table([good_row(1)]))

    response = upload(chair_client, text.encode("utf-16"), name="roster.txt")

    assert result_of(response).errors == []
    assert result_of(response).rows[0].data["name"] == "王老师1"


# The header row ------------------------------------------------------------------------


@pytest.mark.parametrize("make", [xlsx_bytes, xls_bytes], ids=["xlsx", "xls"])
def test_it_finds_the_header_below_title_rows(chair_client, school, make):
    width = len(FIELDS)
    grid = [["清溪区实验初级中学教职工花名册"] + [""] * (width - 1), ["填表日期：2026年9月1日"]] + table(
        [good_row(1), good_row(2)]
    )

    response = upload(chair_client, make(grid, merges=[(0, 0, 0, width - 1)]), name="roster." + make.__name__[:-6])

    assert result_of(response).errors == []
    assert [r.row for r in result_of(response).rows] == [4, 5], "rows are numbered as the sheet shows them"


@pytest.mark.parametrize("make", [xlsx_bytes, xls_bytes], ids=["xlsx", "xls"])
def test_merged_header_cells_drop_no_column(chair_client, school, make):
    """A two-row header: 姓名 merged down two rows, 联系方式 merged over 联系电话 and 身份证号."""
    names = headers()
    phone, id_number = FIELDS.index("phone"), FIELDS.index("id_card_number")
    top = [name if i not in (phone, id_number) else "联系方式" for i, name in enumerate(names)]
    grid = [top, names] + table([good_row(1)])[1:]
    merges = [(0, 0, phone, id_number)] + [(0, 1, c, c) for c in range(len(names)) if c not in (phone, id_number)]

    response = upload(chair_client, make(grid, merges), name="roster." + make.__name__[:-6])

    result = result_of(response)
    assert result.errors == []
    data = result.rows[0].data
    assert data["phone"] == "13900000001"
    assert data["id_card_number"] == good_row(1)["id_card_number"]
    assert data["name"] == "王老师1" and result.rows[0].row == 3


def test_a_header_merged_over_two_columns_of_different_data_is_named(chair_client, school):
    grid = table([good_row(1)])
    phone = FIELDS.index("phone")
    grid[0].insert(phone + 1, "")  # one header cell merged over two columns…
    grid[1].insert(phone + 1, "0519-88776655")  # …of two different numbers

    response = upload(chair_client, xlsx_bytes(grid, merges=[(0, 0, phone, phone + 1)]))

    (error,) = result_of(response).errors
    assert error.row == 1 and error.column == "F"
    assert "E列和F列的表头都是“联系电话”" in error.message
    assert member_count(school) == 0


def test_a_header_merged_like_its_data_is_read_once(chair_client, school):
    grid = table([good_row(1)])
    for row in grid:
        row.insert(1, row[0])  # the name drawn wide over A:B, in the header and in every row
    merges = [(r, r, 0, 1) for r in range(len(grid))]

    response = upload(chair_client, xlsx_bytes(grid, merges))

    assert result_of(response).errors == []
    assert result_of(response).rows[0].data["name"] == "王老师1"


@pytest.mark.parametrize(
    "header, expected_header, expected_message",
    [
        ("爱好", "爱好", "表头“爱好”不是名册的列，请改为以下之一："),
        ("", "", "{letter}列有数据但没有表头：请填写模板中的一个表头。"),
    ],
    ids=["unknown-header", "no-header"],
)
def test_an_unknown_or_missing_header_is_named_never_dropped(
    chair_client, school, header, expected_header, expected_message
):
    grid = table([good_row(1)])
    grid[0].append(header)
    grid[1].append("书法")

    response = upload(chair_client, xlsx_bytes(grid))

    (error,) = result_of(response).errors
    letter = openpyxl.utils.get_column_letter(len(FIELDS) + 1)
    assert (error.row, error.column, error.header) == (1, letter, expected_header)
    assert error.message.startswith(expected_message.format(letter=letter))
    if header:
        assert error.place == "第 1 行“爱好”列（{}）".format(letter)
    assert member_count(school) == 0


def test_usual_header_names_and_a_serial_number_column_are_understood(chair_client, school):
    grid = [["序号", "姓名", "性别", "手机号", "身份证号码", "工号", "部门"]]
    row = good_row(1)
    grid.append(
        [
            1,
            row["name"],
            row["gender"],
            row["phone"],
            '="{}"'.format(row["id_card_number"]),
            row["employee_number"],
            "数学组",
        ]
    )

    response = upload(chair_client, csv_text(grid).encode("gbk"), name="roster.csv")

    result = result_of(response)
    assert result.errors == []
    assert result.rows[0].data["phone"] == row["phone"]
    assert result.rows[0].data["id_card_number"] == row["id_card_number"], 'a number kept as text by ="…"'
    assert result.rows[0].department_name == "数学组"


# Cells ---------------------------------------------------------------------------------


def full_width(text):
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


def test_full_width_digits_letters_and_spaces_are_made_half_width_and_trimmed(chair_client, school):
    number = next(
        valid_id_number(datetime.date(1980, 1, 2), n)
        for n in range(100)
        if valid_id_number(datetime.date(1980, 1, 2), n).endswith("X")
    )
    row = good_row(
        1,
        name="\u3000王老师 ",
        phone=full_width("13812345678"),
        id_card_number=full_width(number.lower()),
        employee_number="\u3000" + full_width("N0001") + "\u3000",
        birth_date=full_width("1990") + "年" + full_width("5") + "月" + full_width("6") + "日",
        department=" 数学组\u3000",
    )

    response = upload(chair_client, xlsx_bytes(table([row])))

    assert result_of(response).errors == []
    confirm(chair_client, response)
    (member,) = members_of(school)
    assert member.name == "王老师"
    assert member.phone == "13812345678"
    assert member.id_card_number == number.upper()
    assert member.employee_number == "N0001"
    assert member.birth_date == datetime.date(1990, 5, 6)
    assert member.department.name == "数学组"


def test_every_error_names_its_row_and_column_in_chinese(chair_client, school):
    rows = [good_row(1), good_row(2), good_row(3, phone="12345")]

    response = upload(chair_client, xlsx_bytes(table(rows)))

    ((place, _message),) = places(response)
    assert place == "第 4 行“联系电话”列（E）"
    assert "第 4 行“联系电话”列（E）" in response.content.decode()


# Unchanged rows ------------------------------------------------------------------------


def test_reimporting_an_unchanged_file_updates_no_member_and_writes_no_history(chair_client, school):
    content = xlsx_bytes(table([good_row(n) for n in range(1, 6)]))
    confirm(chair_client, upload(chair_client, content))
    with scope(school=[school.pk]):
        history_before = Member.history.count()
        versions_before = list(Member.objects.order_by("pk").values_list("version", flat=True))

    response = upload(chair_client, content)

    result = result_of(response)
    assert (result.created_count, result.updated_count, result.unchanged_count) == (0, 0, 5)
    assert "0 名会员，更新 0 名已有会员，5 名无变化" in response.content.decode()
    done = confirm(chair_client, response)
    with scope(school=[school.pk]):
        assert Member.history.count() == history_before
        assert list(Member.objects.order_by("pk").values_list("version", flat=True)) == versions_before
    page = chair_client.get(done.url).content.decode()
    assert "导入完成：新增 0 名会员，更新 0 名，5 名无变化。" in page


def test_a_row_is_unchanged_when_its_values_only_differ_in_form(chair_client, school):
    maths = DepartmentFactory(school=school, name="数学组")
    MemberFactory(
        school=school,
        name="王老师1",
        gender="F",
        birth_date=datetime.date(1990, 5, 2),
        phone="13900000001",
        id_card_number=good_row(1)["id_card_number"],
        employee_number="N0001",
        post="教师",
        joined_school_on=datetime.date(2012, 9, 1),
        department=maths,
    )
    row = good_row(1, phone=full_width("13900000001"), birth_date="1990/5/2")

    response = upload(chair_client, xlsx_bytes(table([row])))

    assert result_of(response).unchanged_count == 1
    assert result_of(response).updated_count == 0


# Files that cannot be read -------------------------------------------------------------


@pytest.mark.parametrize(
    "content, name",
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "roster.xls"),  # a broken .xls
        (b"%PDF-1.4 not a roster", "roster.pdf"),
        ("姓名,性别\n".encode("utf-16-le"), "roster.csv"),  # UTF-16 without its mark
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "roster.csv"),
    ],
    ids=["broken-xls", "pdf", "utf16-without-bom", "picture-named-csv"],
)
def test_a_file_it_cannot_read_says_what_to_do(chair_client, school, content, name):
    response = upload(chair_client, content, name=name)

    assert [e.message for e in result_of(response).errors] == [UNREADABLE]
    assert zh("This file cannot be read. Save it in Excel as .xlsx and upload it again.") == UNREADABLE
    assert UNREADABLE in response.content.decode()
    assert member_count(school) == 0


def test_the_upload_form_offers_all_three_kinds(chair_client, school):
    page = chair_client.get(IMPORT_URL).content.decode()

    assert 'accept=".xlsx,.xls,.csv"' in page
