"""What the summary and the records workbook read of the places kept for the staff and of the
union's standing rules: those the school had by the period's end, the ones opened, adopted or
revised in the period marked, in one query each."""

import datetime
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from activities.choices import FacilityKind, RuleKind
from activities.models import Facility
from activities.selectors.provisions import facilities_for, rules_for
from reports.exports.xlsx import records_xlsx
from reports.periods import Period

from .factories_provisions import FacilityFactory, StandingRuleFactory

pytestmark = pytest.mark.usefixtures("in_school")

D = datetime.date
START, END = D(2020, 1, 1), D(2020, 12, 31)


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def test_the_equipment_reads_as_a_list_however_it_was_separated():
    facility = Facility(equipment="跑步机、联合健身器械\n象棋，围棋；扑克牌,  饮水机 、")
    assert facility.equipment_items == ["跑步机", "联合健身器械", "象棋", "围棋", "扑克牌", "饮水机"]
    assert Facility(equipment="").equipment_items == []


def test_facilities_the_school_had_by_the_periods_end_new_ones_marked(school, other_school):
    FacilityFactory(school=school, name="多功能球馆", kind=FacilityKind.SPORTS, place="综合楼", equipment="")
    FacilityFactory(school=school, name="教工健身房", kind=FacilityKind.FITNESS, opened_on=D(2019, 5, 1))
    FacilityFactory(
        school=school,
        name="教工活动室",
        place="东教学楼三楼办公室西",
        equipment="饮水机\n两张休闲桌、一张五门柜",
        opened_on=D(2020, 11, 16),
    )
    FacilityFactory(school=school, name="年初开放", opened_on=START)
    FacilityFactory(school=school, name="年末开放", opened_on=END)
    FacilityFactory(school=school, name="明年才开", opened_on=D(2021, 1, 1))
    FacilityFactory(school=school, name="已删除的场所").soft_delete()
    FacilityFactory(school=other_school, name="外校的场所")

    with CaptureQueriesContext(connection) as queries:
        rows = facilities_for(school, START, END)

    assert len(queries.captured_queries) == 1
    assert [(row["name"], row["new"]) for row in rows] == [
        ("多功能球馆", False),
        ("教工健身房", False),
        ("年初开放", True),
        ("教工活动室", True),
        ("年末开放", True),
    ]
    room = rows[3]
    assert (room["kind"], room["kind_label"]) == ("staff_home", "职工之家/活动室")
    assert room["place"] == "东教学楼三楼办公室西"
    assert room["equipment"] == "饮水机、两张休闲桌、一张五门柜"
    assert room["equipment_items"] == ["饮水机", "两张休闲桌", "一张五门柜"]
    assert room["opened_on"] == D(2020, 11, 16) and room["pk"]
    assert rows[0]["equipment"] == "" and rows[0]["opened_on"] is None
    # The year before, the room and the year's openings were not there yet.
    assert [row["name"] for row in facilities_for(school, D(2019, 1, 1), D(2019, 12, 31))] == [
        "多功能球馆",
        "教工健身房",
    ]


def test_rules_kept_by_the_periods_end_with_adoption_and_revision_marked(school, other_school):
    StandingRuleFactory(school=school, title="六必访制度", kind=RuleKind.CARE)
    StandingRuleFactory(
        school=school, title="教师劳动争议调解制度", kind=RuleKind.RIGHTS, adopted_on=D(2015, 9, 1), revised_on=END
    )
    StandingRuleFactory(school=school, title="校长意见箱", kind=RuleKind.DISCLOSURE, adopted_on=D(2020, 3, 5))
    StandingRuleFactory(school=school, title="修订在明年", adopted_on=D(2016, 1, 1), revised_on=D(2021, 3, 1))
    StandingRuleFactory(school=school, title="明年才建立", adopted_on=D(2021, 1, 1))
    StandingRuleFactory(school=school, title="已删除的制度").soft_delete()
    StandingRuleFactory(school=other_school, title="外校的制度")

    with CaptureQueriesContext(connection) as queries:
        rows = rules_for(school, START, END)

    assert len(queries.captured_queries) == 1
    assert [(row["title"], row["new"], row["revised"]) for row in rows] == [
        ("六必访制度", False, False),
        ("教师劳动争议调解制度", False, True),
        ("修订在明年", False, False),
        ("校长意见箱", True, False),
    ]
    disputes = rows[1]
    assert (disputes["kind"], disputes["kind_label"]) == ("rights", "维权制度")
    assert (disputes["adopted_on"], disputes["revised_on"]) == (D(2015, 9, 1), END)
    assert rows[3]["kind_label"] == "公开渠道" and rows[0]["what_it_does"]


def test_the_query_counts_do_not_grow_with_the_records(school):
    for n in range(15):
        FacilityFactory(school=school, opened_on=D(2020, 1 + n % 12, 1))
        StandingRuleFactory(school=school, revised_on=D(2020, 1 + n % 12, 2))
    with CaptureQueriesContext(connection) as queries:
        facilities = facilities_for(school, START, END)
        rules = rules_for(school, START, END)
    assert len(facilities) == len(rules) == 15
    assert len(queries.captured_queries) == 2


def sheet_rows(school, name):
    book = openpyxl.load_workbook(io.BytesIO(records_xlsx(school, Period.calendar_year(2020))))
    sheet = book[name]
    headers = [cell.value for cell in sheet[1]]
    return [dict(zip(headers, row, strict=True)) for row in sheet.iter_rows(min_row=2, values_only=True)]


def test_the_workbook_has_a_facilities_sheet(school):
    FacilityFactory(school=school, name="多功能球馆", kind=FacilityKind.SPORTS, place="综合楼", equipment="篮球架")
    FacilityFactory(
        school=school,
        name="教工活动室",
        equipment="饮水机\n象棋",
        opened_on=D(2020, 11, 16),
        description="就近教师办公区开辟。",
    )
    FacilityFactory(school=school, name="明年才开", opened_on=D(2021, 3, 1))

    hall, room = sheet_rows(school, "活动场所")

    assert hall["场所"] == "多功能球馆" and hall["类型"] == "文体" and hall["地点"] == "综合楼"
    assert hall["启用日期"] is None and hall["本期新增"] == "否" and hall["器材与设施"] == "篮球架"
    assert room["启用日期"] == datetime.datetime(2020, 11, 16) and room["本期新增"] == "是"
    assert room["器材与设施"] == "饮水机、象棋" and room["备注"] == "就近教师办公区开辟。"


def test_the_workbook_has_a_rules_sheet(school):
    StandingRuleFactory(
        school=school,
        title="教师劳动争议调解制度",
        kind=RuleKind.RIGHTS,
        what_it_does="由工会协商调解。",
        adopted_on=D(2015, 9, 1),
        revised_on=D(2020, 9, 1),
    )
    StandingRuleFactory(school=school, title="网上公示", kind=RuleKind.DISCLOSURE, adopted_on=D(2020, 3, 1))

    disputes, web = sheet_rows(school, "制度与公开渠道")

    assert disputes["制度或渠道"] == "教师劳动争议调解制度" and disputes["类型"] == "维权制度"
    assert disputes["主要内容"] == "由工会协商调解。" and disputes["建立日期"] == datetime.datetime(2015, 9, 1)
    assert disputes["最近修订日期"] == datetime.datetime(2020, 9, 1)
    assert (disputes["本期新增"], disputes["本期修订"]) == ("否", "是")
    assert (web["类型"], web["本期新增"], web["本期修订"]) == ("公开渠道", "是", "否")
