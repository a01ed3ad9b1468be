"""The roster export (/members/export.xlsx) and the xlsx writer every export uses."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.utils import translation

import unionhub.xlsx
from members.columns import ROSTER_COLUMNS
from tests.factories import DepartmentFactory, MemberFactory
from unionhub.xlsx import DATE_FORMAT, MONEY_FORMAT, Sheet, write_workbook

EXPORT_URL = "/members/export.xlsx"
FIELDS = [name for name, _header in ROSTER_COLUMNS]
COLUMN = {name: i for i, name in enumerate(FIELDS)}


def load(content):
    return openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]


def export(client, **params):
    response = client.get(EXPORT_URL, params)
    assert response.status_code == 200
    return load(response.content)


def body(sheet):
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def names(sheet):
    return sorted(row[COLUMN["name"]] for row in body(sheet))


@pytest.fixture
def roster(school):
    """Four members of school one across two departments, both genders, two statuses."""
    maths = DepartmentFactory(school=school, name="数学组")
    chinese = DepartmentFactory(school=school, name="语文组")
    return {
        "maths": maths,
        "chinese": chinese,
        "zhang": MemberFactory(school=school, name="张伟", gender="M", department=maths, employee_number="A1"),
        "li": MemberFactory(school=school, name="李娜", gender="F", department=maths, employee_number="A2"),
        "wang": MemberFactory(school=school, name="王芳", gender="F", department=chinese, employee_number="A3"),
        "zhao": MemberFactory(
            school=school,
            name="赵强",
            gender="M",
            department=chinese,
            status="retired",
            status_changed_on=datetime.date(2021, 7, 1),
            employee_number="A4",
        ),
    }


def test_it_exports_the_whole_roster_with_chinese_headers(chair_client, roster):
    sheet = export(chair_client, status="all")

    with translation.override("zh-hans"):
        expected = [str(header) for _name, header in ROSTER_COLUMNS]
    assert [cell.value for cell in sheet[1]] == expected
    assert names(sheet) == sorted(["张伟", "李娜", "王芳", "赵强"])


def test_it_exports_the_members_in_service_by_default_as_the_roster_shows(chair_client, roster):
    assert names(export(chair_client)) == sorted(["张伟", "李娜", "王芳"])


def test_it_sends_an_xlsx_attachment(chair_client, roster):
    response = chair_client.get(EXPORT_URL)

    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["Content-Disposition"].endswith(".xlsx")


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"gender": "F"}, ["李娜", "王芳"]),
        ({"status": "retired"}, ["赵强"]),
        ({"status": "active", "gender": "M"}, ["张伟"]),
        ({"q": "zw"}, ["张伟"]),
        ({"q": "wangfang"}, ["王芳"]),
        ({"q": "李"}, ["李娜"]),
        ({"q": "A4", "status": "all"}, ["赵强"]),
    ],
)
def test_it_exports_only_the_filtered_members(chair_client, roster, params, expected):
    sheet = export(chair_client, **params)

    assert names(sheet) == sorted(expected)


def test_it_filters_the_export_by_department(chair_client, roster):
    sheet = export(chair_client, department=roster["chinese"].pk, status="all")

    assert names(sheet) == sorted(["王芳", "赵强"])
    assert {row[COLUMN["department"]] for row in body(sheet)} == {"语文组"}


def test_it_writes_choices_as_their_chinese_labels(chair_client, roster):
    sheet = export(chair_client, status="retired")

    (row,) = body(sheet)
    with translation.override("zh-hans"):
        assert row[COLUMN["gender"]] == str(roster["zhao"].get_gender_display())
        assert row[COLUMN["status"]] == str(roster["zhao"].get_status_display())


def test_it_never_exports_another_schools_members(chair_client, roster, other_school, other_member):
    sheet = export(chair_client, status="all")
    everything = {value for row in body(sheet) for value in row}

    assert other_member.name not in everything
    assert len(body(sheet)) == 4


def test_another_schools_department_filters_to_nothing(chair_client, roster, other_school):
    foreign = DepartmentFactory(school=other_school, name="外校组")
    MemberFactory(school=other_school, department=foreign, name="外校人")

    response = chair_client.get(EXPORT_URL, {"department": foreign.pk})

    assert response.status_code == 200
    assert "外校人" not in {row[COLUMN["name"]] for row in body(load(response.content))}


def test_text_that_starts_like_a_formula_is_written_verbatim_as_text(chair_client, school):
    dangerous = {
        "=1+1": '=HYPERLINK("http://x")',
        "+86": "+SUM(A1)",
        "-": "-cmd",
        "@x": "@SUM(1)",
    }
    for n, (name, post) in enumerate(dangerous.items()):
        MemberFactory(school=school, name=name, post=post, employee_number="F{}".format(n))

    sheet = export(chair_client)

    rows = body(sheet)
    assert {(r[COLUMN["name"]], r[COLUMN["post"]]) for r in rows} == set(dangerous.items())
    for row in sheet.iter_rows(min_row=2):
        for field in ("name", "post"):
            cell = row[COLUMN[field]]
            assert cell.data_type == "s", cell.value
            # Excel's own mark of text typed after an apostrophe: shown as written, never run.
            assert cell.quotePrefix is True
    assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row)


def test_ordinary_text_carries_no_quote_prefix(chair_client, school):
    MemberFactory(school=school, name="张三", post="a=1")

    row = next(export(chair_client).iter_rows(min_row=2))

    assert row[COLUMN["name"]].value == "张三" and not row[COLUMN["name"]].quotePrefix
    assert row[COLUMN["post"]].value == "a=1" and not row[COLUMN["post"]].quotePrefix


def test_it_writes_dates_as_dates(chair_client, school):
    MemberFactory(
        school=school,
        name="周敏",
        birth_date=datetime.date(1979, 2, 28),
        joined_school_on=datetime.date(2001, 9, 1),
        joined_union_on=None,
    )

    sheet = export(chair_client)

    born = sheet.cell(row=2, column=COLUMN["birth_date"] + 1)
    joined = sheet.cell(row=2, column=COLUMN["joined_school_on"] + 1)
    assert born.is_date and born.value.date() == datetime.date(1979, 2, 28)
    assert born.number_format == DATE_FORMAT
    assert joined.is_date and joined.value.date() == datetime.date(2001, 9, 1)
    assert sheet.cell(row=2, column=COLUMN["joined_union_on"] + 1).value is None


def test_it_freezes_the_header_row(chair_client, roster):
    sheet = export(chair_client)

    assert sheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in sheet[1])


def test_it_writes_the_workbook_in_write_only_mode(chair_client, roster, monkeypatch):
    made = []
    real_workbook = unionhub.xlsx.Workbook

    def spy(*args, **kwargs):
        made.append(kwargs)
        return real_workbook(*args, **kwargs)

    monkeypatch.setattr(unionhub.xlsx, "Workbook", spy)

    export(chair_client)

    assert made == [{"write_only": True}]


def test_a_teacher_may_not_export_the_roster(teacher_client, roster):
    assert teacher_client.get(EXPORT_URL).status_code == 403


def test_the_staff_may_export_the_roster(staff_client, roster):
    assert len(body(export(staff_client, status="all"))) == 4


# unionhub.xlsx -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1", "\n=1", "#N/A"])
def test_the_writer_keeps_text_that_looks_like_a_formula_as_that_text(text):
    sheet = load(write_workbook([Sheet(title="t", headers=[text], rows=[[text]], footer=[text])]))

    for cell in (sheet["A1"], sheet["A2"], sheet["A3"]):
        assert (cell.value, cell.data_type, cell.quotePrefix) == (text, "s", True)


@pytest.mark.parametrize("value", ["张三", "a=1", "'=1", 5, -5, 1.5, Decimal("-1.00"), datetime.date(2020, 1, 1)])
def test_the_writer_leaves_everything_else_as_it_is(value):
    cell = load(write_workbook([Sheet(title="t", headers=["h"], rows=[[value]])]))["A2"]

    assert cell.value == value or cell.value == datetime.datetime(2020, 1, 1)
    assert not cell.quotePrefix


def test_it_writes_money_as_a_number_with_two_decimals():
    content = write_workbook([Sheet(title="钱", headers=["金额"], rows=[[Decimal("1234.5")], [Decimal("-3")]])])

    sheet = load(content)

    first, second = sheet["A2"], sheet["A3"]
    assert first.data_type == "n" and first.value == 1234.5
    assert first.number_format == MONEY_FORMAT == "#,##0.00"
    assert second.value == -3 and second.number_format == MONEY_FORMAT


def test_it_keeps_negative_numbers_as_numbers():
    sheet = load(write_workbook([Sheet(title="n", headers=["n"], rows=[[-5], [2.5]])]))

    assert sheet["A2"].value == -5 and sheet["A2"].data_type == "n"
    assert sheet["A3"].value == 2.5


def test_it_writes_one_sheet_per_spec_with_titles_cut_to_31_characters():
    long_title = "很长的工作表名称" * 5
    content = write_workbook(
        [Sheet(title=long_title, headers=["a"], rows=[]), Sheet(title="第二", headers=["b"], rows=[["x"]])]
    )

    book = openpyxl.load_workbook(io.BytesIO(content))

    assert book.sheetnames == [long_title[:31], "第二"]
    assert book["第二"]["A2"].value == "x"
    assert all(sheet.freeze_panes == "A2" for sheet in book.worksheets)


def test_it_accepts_rows_from_a_generator():
    content = write_workbook([Sheet(title="g", headers=["n"], rows=([i] for i in range(3)))])

    assert [row[0] for row in load(content).iter_rows(min_row=2, values_only=True)] == [0, 1, 2]
