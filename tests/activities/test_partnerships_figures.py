"""What the summary and the records workbook read of partnerships: those active in the
period, each with the activities done together in it."""

import datetime
import io

import openpyxl
import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from activities.choices import PartnerKind
from activities.selectors.partnerships import partnerships_between
from reports.exports.xlsx import records_xlsx
from reports.periods import Period

from ..activity_factories import ActivityFactory
from .factories_partnerships import PDF, PartnershipFactory

pytestmark = pytest.mark.usefixtures("in_school")

D = datetime.date
START, END = D(2025, 1, 1), D(2025, 12, 31)


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def test_partnerships_active_in_the_period_with_their_activities_of_the_period(school, other_school):
    before = ActivityFactory(school=school, title="2024年送教下乡", starts_on=D(2024, 11, 1))
    spring = ActivityFactory(school=school, title="春季送教下乡", starts_on=D(2025, 4, 8))
    autumn = ActivityFactory(school=school, title="秋季留守儿童关爱", starts_on=D(2025, 10, 9))
    gone = ActivityFactory(school=school, title="已删除的活动", starts_on=D(2025, 5, 1))
    village = PartnershipFactory(
        school=school, partner="清溪村村委会", started_on=D(2024, 9, 1), activities=[before, spring, autumn, gone]
    )
    gone.soft_delete()
    PartnershipFactory(
        school=school, partner="已结束的共建", started_on=D(2020, 9, 1), is_active=False, ended_on=D(2024, 8, 31)
    )
    PartnershipFactory(
        school=school, partner="年中结束的共建", started_on=D(2023, 9, 1), is_active=False, ended_on=D(2025, 6, 30)
    )
    PartnershipFactory(school=school, partner="明年才开始", started_on=D(2026, 1, 1))
    PartnershipFactory(school=school, partner="已删除的共建").soft_delete()
    PartnershipFactory(school=other_school, partner="外校的共建")

    with CaptureQueriesContext(connection) as queries:
        rows = partnerships_between(school, START, END)

    assert len(queries.captured_queries) == 2
    assert [row["partner"] for row in rows] == ["年中结束的共建", "清溪村村委会"]
    village_row = rows[1]
    assert village_row["partnership"] == village
    assert (village_row["kind"], village_row["kind_label"], village_row["programme"]) == ("village", "村", "村校共建")
    assert village_row["is_active"] and village_row["ended_on"] is None and not village_row["has_agreement"]
    assert [a["title"] for a in village_row["activities"]] == ["春季送教下乡", "秋季留守儿童关爱"]
    assert rows[0]["activities"] == []


def test_the_workbook_has_a_partnerships_sheet(school, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    done = ActivityFactory(school=school, title="春季送教下乡", starts_on=D(2025, 4, 8))
    partnership = PartnershipFactory(
        school=school,
        partner="东湖中心学校",
        kind=PartnerKind.SCHOOL,
        programme="城乡学校结对共建",
        started_on=D(2024, 9, 1),
        agreement_signed_on=D(2024, 9, 2),
        activities=[done],
    )
    partnership.agreement.save("a.pdf", ContentFile(PDF), save=False)
    partnership.agreement_name = "结对协议.pdf"
    partnership.save()

    sheet = openpyxl.load_workbook(io.BytesIO(records_xlsx(school, Period.calendar_year(2025))))["共建"]

    headers = [cell.value for cell in sheet[1]]
    (row,) = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    values = dict(zip(headers, row, strict=True))
    assert values["共建单位"] == "东湖中心学校" and values["单位类型"] == "兄弟学校"
    assert values["共建名称"] == "城乡学校结对共建"
    assert values["开始日期"] == datetime.datetime(2024, 9, 1)
    assert values["协议签订日期"] == datetime.datetime(2024, 9, 2)
    assert values["协议文件"] == "结对协议.pdf"
    assert values["活动"] == 1 and values["共建活动"] == "春季送教下乡"
