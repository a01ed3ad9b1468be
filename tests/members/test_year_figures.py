"""The roster's year figures, read by the selector the summary uses: how many came, left
and retired in a period, and the new hires by name; the hire date in the form, the
roster's columns, the import and the export."""

import datetime
import io

import openpyxl
import pytest
from django_scopes import scope, scopes_disabled

from members.choices import MemberStatus
from members.columns import ROSTER_COLUMNS
from members.selectors import roster_year_figures
from tests.factories import MemberFactory, member_form_data
from tests.members.test_import import confirm, good_row, members_of, upload, workbook

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

D = datetime.date


@pytest.fixture
def changes(school, other_school):
    """A year of comings and goings, 2025, with neighbours on either side."""
    MemberFactory(school=school, name="新甲", joined_school_on=D(2025, 8, 28), hired_on=D(2025, 8, 28))
    MemberFactory(school=school, name="新乙", joined_school_on=D(2025, 2, 10), hired_on=D(2025, 2, 10))
    MemberFactory(school=school, name="调入丙", joined_school_on=D(2025, 9, 1))  # transferred in: no hire date
    MemberFactory(school=school, name="老丁", joined_school_on=D(2024, 12, 31), hired_on=D(2024, 12, 31))
    MemberFactory(school=school, name="调走戊", status=MemberStatus.TRANSFERRED, status_changed_on=D(2025, 7, 15))
    MemberFactory(school=school, name="退休己", status=MemberStatus.RETIRED, status_changed_on=D(2025, 12, 31))
    MemberFactory(school=school, name="退休庚", status=MemberStatus.RETIRED, status_changed_on=D(2026, 1, 1))
    deleted = MemberFactory(school=school, name="删辛", joined_school_on=D(2025, 3, 1), hired_on=D(2025, 3, 1))
    with scopes_disabled():
        deleted.soft_delete()
    MemberFactory(school=other_school, name="外校", joined_school_on=D(2025, 3, 1), hired_on=D(2025, 3, 1))


def figures(school, start, end):
    with scope(school=[school.pk]):
        return roster_year_figures(school, start, end)


def test_the_year_figures_of_a_calendar_year(school, changes):
    assert figures(school, D(2025, 1, 1), D(2025, 12, 31)) == {
        "joined": 3,
        "left": 1,
        "retired": 1,
        "headcount": 4,
        "new_hires": ["新乙", "新甲"],
    }


def test_the_year_figures_of_a_school_year(school, changes):
    assert figures(school, D(2025, 9, 1), D(2026, 8, 31)) == {
        "joined": 1,
        "left": 0,
        "retired": 2,
        "headcount": 4,
        "new_hires": [],
    }
    assert figures(school, D(2024, 9, 1), D(2025, 8, 31))["new_hires"] == ["老丁", "新乙", "新甲"]


def test_the_year_figures_cost_two_queries(school, changes, django_assert_num_queries):
    with scope(school=[school.pk]), django_assert_num_queries(2):
        roster_year_figures(school, D(2025, 1, 1), D(2025, 12, 31))


def test_the_roster_export_carries_the_year_figures(chair_client, school, changes):
    response = chair_client.get("/members/export.xlsx", {"year": "2025"})

    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book.worksheets[1]
    assert sheet.title == "年度变动"
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == ["期间", "新进人数", "调离人数", "退休人数", "新聘教职工"]
    assert rows[1] == ["2025年", 3, 1, 1, "新乙、新甲"]
    assert rows[2] == ["2024—2025学年", 3, 1, 0, "老丁、新乙、新甲"]


def test_the_hire_date_is_in_the_form_the_columns_the_import_and_the_export(chair_client, school):
    assert "hired_on" in dict(ROSTER_COLUMNS)
    assert 'name="hired_on"' in chair_client.get("/members/new/").content.decode()
    response = chair_client.post("/members/new/", member_form_data(name="孙丽", hired_on="2025-08-28"))
    assert response.status_code == 302

    confirm(chair_client, upload(chair_client, workbook(chair_client, [good_row(1, hired_on="2025年9月1日")])))

    by_name = {m.name: m for m in members_of(school)}
    assert by_name["孙丽"].hired_on == D(2025, 8, 28)
    assert "新聘入职日期" in chair_client.get(by_name["孙丽"].get_absolute_url()).content.decode()
    assert by_name["王老师1"].hired_on == D(2025, 9, 1)
    exported = openpyxl.load_workbook(io.BytesIO(chair_client.get("/members/export.xlsx").content)).worksheets[0]
    column = [name for name, _header in ROSTER_COLUMNS].index("hired_on")
    values = {row[0]: row[column] for row in exported.iter_rows(min_row=2, values_only=True)}
    assert values["王老师1"] == datetime.datetime(2025, 9, 1)
