"""The year's records behind the summary as a workbook (records.xlsx), opened again with
openpyxl: one sheet per kind of record, Chinese headers, frozen header rows, dates as dates,
money with two decimals, the visits' total row, escaped formulas, and a fixed number of
queries however many records."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django_scopes import scope

import unionhub.xlsx
from activities.choices import (
    AwardKind,
    AwardLevel,
    AwardRecipientKind,
    AwardStatus,
    EthicsGrade,
    HardshipStatus,
    SummarySection,
    VisitedPerson,
    VisitReason,
)
from congress.choices import ProposalState, SessionKind, TermKind
from congress.models import Vote
from disclosure.choices import NoticeStatus
from members.choices import ProfessionalTitle
from reports.coverage import RECORD_KINDS
from reports.exports.xlsx import records_xlsx
from reports.periods import Period
from unionhub.xlsx import DATE_FORMAT, MONEY_FORMAT, MONTH_FORMAT, PERCENT_FORMAT

from ..activities.factories_partnerships import PartnershipFactory
from ..activities.factories_provisions import FacilityFactory, StandingRuleFactory
from ..activity_factories import (
    ActivityFactory,
    AwardFactory,
    CampaignFactory,
    CareLogFactory,
    CarePairFactory,
    ClubFactory,
    EthicsAssessmentFactory,
    EthicsPeriodFactory,
    GreetingBatchFactory,
    GreetingRecipientFactory,
    HardshipAidFactory,
    HardshipCaseFactory,
    MentorMeetingFactory,
    MentorPairFactory,
    MutualAidGrantFactory,
    PledgeDriveFactory,
    PledgeSignatureFactory,
    PromotionFactory,
    VisitFactory,
    default_category,
)
from ..congress.factories import (
    AgendaItemFactory,
    CongressTermFactory,
    DemocraticEvaluationFactory,
    MotionClauseFactory,
    MotionFactory,
    ProposalFactory,
    SessionFactory,
    SuggestionDriveFactory,
)
from ..congress.factories import SuggestionFactory as DriveSuggestionFactory
from ..disclosure.factories import NoticeFactory
from ..factories import MemberFactory

YEAR = Period.calendar_year(2025)
SHEETS = [
    "活动",
    "参与人员",
    "专项活动",
    "走访慰问",
    "节日慰问",
    "困难帮扶",
    "互济金",
    "社团",
    "共建",
    "活动场所",
    "制度与公开渠道",
    "获奖",
    "职称晋升",
    "师徒结对",
    "承诺书",
    "师德考核汇总",
    "师德考核",
    "168结对",
    "168爱生行动",
    "教代会",
    "提案",
    "民主评议",
    "建议征集",
    "校务公开",
]


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def day(month, date):
    return datetime.date(2025, month, date)


def published(month, date):
    return timezone.make_aware(datetime.datetime(2025, month, date, 9, 0))


def add_records(school, tag=""):
    """One of every kind of record in 2025 (and a few outside it) for ``school``."""
    zhang = MemberFactory(school=school, name="张三" + tag)
    li = MemberFactory(school=school, name="李四" + tag)
    gone = MemberFactory(school=school, name="王五" + tag)

    campaign = CampaignFactory(school=school, launched_on=day(9, 1))
    ethics = default_category(school, SummarySection.ETHICS)
    ActivityFactory(
        school=school,
        title="师德建设月启动仪式" + tag,
        category=ethics,
        campaign=campaign,
        starts_on=day(9, 1),
        participants=[zhang, li, gone],
        outside_participants=2,
    )
    ActivityFactory(school=school, title="=1+1", starts_on=day(3, 8), participants=[li])
    ActivityFactory(
        school=school, title="去年的活动" + tag, starts_on=datetime.date(2024, 12, 31), participants=[zhang]
    )

    VisitFactory(school=school, member=zhang, visited_on=day(4, 1), amount=Decimal("500.00"), visitors=[li, gone])
    VisitFactory(
        school=school,
        member=li,
        visited_person=VisitedPerson.RELATIVE,
        relative="李梅（母亲）",
        reason=VisitReason.BEREAVEMENT,
        visited_on=day(6, 1),
        amount=Decimal("1234.50"),
    )
    VisitFactory(school=school, member=li, visited_on=datetime.date(2026, 1, 5), amount=Decimal("800.00"))

    batch = GreetingBatchFactory(school=school, given_on=day(10, 3), amount_each=Decimal("300.00"))
    for member in (zhang, li):
        GreetingRecipientFactory(batch=batch, member=member)

    AwardFactory(school=school, title="@SUM(A1)", members=[zhang, li, gone], awarded_on=day(5, 20))
    AwardFactory(
        school=school,
        title="市先进教研组",
        recipient_kind=AwardRecipientKind.GROUP,
        group_name="高年级语文组",
        level=AwardLevel.CITY,
        awarded_on=day(11, 2),
    )

    PromotionFactory(school=school, member=zhang, title="senior", promoted_on=day(7, 1))
    PromotionFactory(school=school, member=li, promoted_on=datetime.date(2024, 7, 1))

    drive = PledgeDriveFactory(school=school, opened_on=day(9, 10))
    PledgeSignatureFactory(drive=drive, member=zhang, signed_on=day(9, 12))
    PledgeSignatureFactory(drive=drive, member=li)

    mentoring = MentorPairFactory(school=school, mentor=li, mentee=zhang, school_year=2024)
    MentorMeetingFactory(pair=mentoring, met_on=day(3, 2))
    MentorMeetingFactory(pair=mentoring, met_on=datetime.date(2024, 10, 9))
    ethics = EthicsPeriodFactory(school=school)
    EthicsAssessmentFactory(period=ethics, member=zhang)
    EthicsAssessmentFactory(
        period=ethics, member=li, score=None, grade="fail", vetoed=True, veto_reason="有偿补课" + tag
    )

    pair = CarePairFactory(school=school, teacher=zhang, school_year=2025)
    CareLogFactory(pair=pair, month=day(10, 1), talks=6, tutoring=7)
    earlier = CarePairFactory(school=school, teacher=li, school_year=2024)
    CareLogFactory(pair=earlier, month=day(3, 1), talks=8, tutoring=9)
    CareLogFactory(pair=earlier, month=datetime.date(2024, 12, 1), talks=8, tutoring=9)

    session = SessionFactory(school=school, held_on=day(3, 14))
    motion = MotionFactory(agenda_item=AgendaItemFactory(session=session), school=school)
    Vote.objects.create(
        school=school, motion=motion, votes_for=50, votes_against=3, abstentions=2, present=55, electorate=60
    )

    ProposalFactory(school=school, proposer=li, title="关于改善教师午餐的提案" + tag, submitted_on=day(3, 10))

    FacilityFactory(school=school, name="教工活动室" + tag, opened_on=day(11, 16))
    StandingRuleFactory(school=school, title="六必访制度" + tag, revised_on=day(9, 1))

    NoticeFactory(
        school=school,
        title="2025年度财务收支公示" + tag,
        starts_on=day(5, 12),
        ends_on=day(5, 16),
        published_at=published(5, 12),
    )
    NoticeFactory(school=school, title="草稿" + tag, status=NoticeStatus.DRAFT, published_at=None)

    case = HardshipCaseFactory(
        school=school, member=li, hardship="-配偶重病" + tag, opened_on=datetime.date(2024, 11, 1)
    )
    HardshipAidFactory(case=case, given_on=day(1, 20), amount=Decimal("1000.00"))
    HardshipAidFactory(case=case, given_on=datetime.date(2024, 12, 20), amount=Decimal("800.00"))
    HardshipCaseFactory(
        school=school,
        member=zhang,
        status=HardshipStatus.CLOSED,
        opened_on=datetime.date(2023, 3, 1),
        closed_on=datetime.date(2024, 6, 1),
    )
    MutualAidGrantFactory(school=school, member=zhang, granted_on=day(8, 5), reason="住院治疗" + tag)
    MutualAidGrantFactory(school=school, member=zhang, granted_on=datetime.date(2024, 8, 5))
    DemocraticEvaluationFactory(school=school, subject="校长张明" + tag)
    suggestions = SuggestionDriveFactory(school=school, title="金点子征集" + tag)
    DriveSuggestionFactory(drive=suggestions, adopted=True)
    DriveSuggestionFactory(drive=suggestions)
    ClubFactory(school=school, name="书法社" + tag)
    PartnershipFactory(school=school, partner="清溪村" + tag)

    gone.soft_delete()
    return zhang, li


@pytest.fixture
def year(school, in_school):
    return add_records(school)


def export(school, period=YEAR):
    return openpyxl.load_workbook(io.BytesIO(records_xlsx(school, period)))


def body(sheet):
    return [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]


def column(sheet, header):
    headers = [cell.value for cell in sheet[1]]
    return headers.index(header)


def test_the_workbook_has_a_sheet_for_every_kind_of_record(school, year):
    assert export(school).sheetnames == SHEETS


def test_every_sheet_has_chinese_headers_in_a_frozen_bold_row(school, year):
    book = export(school)

    for sheet in book.worksheets:
        headers = [cell.value for cell in sheet[1]]
        assert headers, sheet.title
        assert all(any("\u4e00" <= ch <= "\u9fff" for ch in header) for header in headers), headers
        assert all(cell.font.b for cell in sheet[1])
        assert sheet.freeze_panes == "A2"
    assert [cell.value for cell in book["走访慰问"][1]] == [
        "日期",
        "慰问对象",
        "被慰问人",
        "事由",
        "详情",
        "慰问人",
        "慰问物品",
        "金额（元）",
        "经费来源",
        "离退休",
    ]


def test_columns_are_wide_enough_for_chinese_text(school, year):
    sheet = export(school)["活动"]

    title_width = sheet.column_dimensions["C"].width
    assert title_width >= len("师德建设月启动仪式") * 2


def test_activities_are_the_periods_in_date_order_with_dates_as_dates(school, year):
    sheet = export(school)["活动"]

    rows = body(sheet)
    assert [row[2] for row in rows] == ["=1+1", "师德建设月启动仪式"]
    assert rows[0][0] == datetime.datetime(2025, 3, 8)
    assert sheet["A2"].is_date and sheet["A2"].number_format == DATE_FORMAT
    launch = rows[1]
    assert launch[column(sheet, "所属专项活动")] == "第十一个师德建设月"
    assert launch[column(sheet, "总结栏目")] == str(SummarySection.ETHICS.label)
    # The deleted member no longer counts; people from outside are counted apart.
    assert launch[column(sheet, "参与教职工人数")] == 2
    assert launch[column(sheet, "校外参与人数")] == 2


def test_participants_are_one_row_per_participation(school, year):
    rows = body(export(school)["参与人员"])

    assert [(row[1], row[3]) for row in rows] == [
        ("=1+1", "李四"),
        ("师德建设月启动仪式", "李四"),  # by pinyin: li before zhang
        ("师德建设月启动仪式", "张三"),
    ]


def test_text_that_looks_like_a_formula_comes_out_as_text(school, year):
    book = export(school)

    title = book["活动"]["C2"]
    assert (title.value, title.data_type, title.quotePrefix) == ("=1+1", "s", True)
    award = book["获奖"]["B2"]
    assert (award.value, award.data_type, award.quotePrefix) == ("@SUM(A1)", "s", True)
    for sheet in book.worksheets:
        assert not any(cell.data_type == "f" for row in sheet.iter_rows() for cell in row), sheet.title


def test_visits_have_amounts_with_two_decimals_and_a_total_row(school, year):
    sheet = export(school)["走访慰问"]

    rows = body(sheet)
    amount = column(sheet, "金额（元）")
    assert [row[amount] for row in rows[:-1]] == [500, 1234.5]
    assert all(sheet.cell(row=r, column=amount + 1).number_format == MONEY_FORMAT for r in (2, 3, 4))
    assert "0.00" in MONEY_FORMAT
    total = rows[-1]
    assert total[0] == "合计（2次）"
    assert total[amount] == 1734.5
    assert sheet.cell(row=4, column=1).font.b
    # Visitors joined, a relative named, the reason in Chinese; the deleted visitor left out.
    assert rows[0][column(sheet, "慰问人")] == "李四"
    assert rows[1][column(sheet, "被慰问人")] == "李梅（母亲）"
    assert rows[1][column(sheet, "事由")] == str(VisitReason.BEREAVEMENT.label)


def test_holiday_greetings_with_recipients_and_yuan(school, year):
    sheet = export(school)["节日慰问"]

    rows = body(sheet)
    assert rows[0][column(sheet, "人数")] == 2
    assert rows[0][column(sheet, "合计金额（元）")] == 600
    assert rows[-1][0] == "合计" and rows[-1][column(sheet, "合计金额（元）")] == 600
    assert sheet.cell(row=2, column=column(sheet, "每人金额（元）") + 1).number_format == MONEY_FORMAT


def test_awards_count_person_times_of_live_members(school, year):
    sheet = export(school)["获奖"]

    rows = body(sheet)
    assert [row[column(sheet, "获奖教师或集体")] for row in rows] == ["李四、张三", "高年级语文组"]
    assert [row[column(sheet, "人次")] for row in rows] == [2, 1]
    assert rows[1][column(sheet, "级别")] == str(AwardLevel.CITY.label)


def test_pledges_list_every_member_bound_signed_or_not(school, year):
    sheet = export(school)["承诺书"]

    rows = body(sheet)
    assert [(row[3], row[-1]) for row in rows] == [("李四", "否"), ("张三", "是")]
    assert rows[1][column(sheet, "签署日期")] == datetime.datetime(2025, 9, 12)


def test_168_logs_are_the_months_of_the_period_against_the_targets(school, year):
    sheet = export(school)["168爱生行动"]

    rows = body(sheet)
    assert [row[0] for row in rows] == [datetime.datetime(2025, 3, 1), datetime.datetime(2025, 10, 1)]
    assert sheet["A2"].number_format == MONTH_FORMAT
    october = rows[1]
    assert october[2] == "张三" and october[1] == "2025—2026学年"
    assert october[7:9] == ["是", "否"]  # 6 talks meet the target, 7 tutoring sessions do not


def test_activities_and_awards_carry_programme_status_and_journal(school, in_school):
    """The xlsx sheets carry the new columns: an activity's programme; an award's status
    (applied for, nominated, won, published), programme and journal."""
    ActivityFactory(school=school, title="优课展示", programme="一师一优课", starts_on=day(4, 1))
    AwardFactory(
        school=school,
        title="部级优课",
        kind=AwardKind.OPEN_LESSON,
        status=AwardStatus.APPLIED,
        level=AwardLevel.TOWNSHIP,
        programme="一师一优课",
        recipient_kind=AwardRecipientKind.SCHOOL,
        awarded_on=day(4, 2),
    )
    AwardFactory(
        school=school,
        title="论文《家访》",
        kind=AwardKind.PAPER_PUBLISHED,
        status=AwardStatus.PUBLISHED,
        journal="江苏教育",
        rank="",
        recipient_kind=AwardRecipientKind.SCHOOL,
        awarded_on=day(4, 3),
    )
    book = export(school)

    activities = book["活动"]
    assert body(activities)[0][column(activities, "项目名称")] == "一师一优课"
    awards = book["获奖"]
    rows = body(awards)
    assert [row[column(awards, "状态")] for row in rows] == ["申报", "已发表"]
    assert [row[column(awards, "类型")] for row in rows] == ["公开课/示范课", "论文发表"]
    assert rows[0][column(awards, "级别")] == "街道/镇级"
    assert rows[0][column(awards, "项目名称")] == "一师一优课"
    assert rows[1][column(awards, "刊物")] == "江苏教育"


def test_mentor_pairs_of_the_school_years_the_period_touches(school, year):
    sheet = export(school)["师徒结对"]

    rows = body(sheet)
    assert [row[:3] for row in rows] == [["2024—2025学年", "李四", "张三"]]
    assert rows[0][column(sheet, "期内指导活动次数")] == 1, "the meeting of 2024 is outside the period"


def test_the_ethics_assessment_sheet_lists_grades_and_vetoes(school, year):
    sheet = export(school)["师德考核"]

    rows = body(sheet)
    assert [row[column(sheet, "姓名")] for row in rows] == ["李四", "张三"]
    vetoed = rows[0]
    assert vetoed[column(sheet, "等第")] == "不合格"
    assert vetoed[column(sheet, "一票否决")] == "是" and vetoed[column(sheet, "违规情况")] == "有偿补课"
    assert rows[1][column(sheet, "分数")] == 95
    assert rows[1][column(sheet, "考核周期")] == "月度"


def test_the_ethics_periods_sheet_counts_months_people_grades_and_vetoes(school, year):
    zhang, li = year
    term = EthicsPeriodFactory(
        school=school,
        title="2025—2026学年第一学期",
        kind="term",
        starts_on=day(9, 1),
        ends_on=datetime.date(2026, 1, 31),
    )
    EthicsAssessmentFactory(period=term, member=zhang, score=Decimal("85.0"), grade=EthicsGrade.GOOD)
    EthicsPeriodFactory(
        school=school, title="2024年12月", starts_on=datetime.date(2024, 12, 1), ends_on=datetime.date(2024, 12, 31)
    )

    sheet = export(school)["师德考核汇总"]

    headers = [cell.value for cell in sheet[1]]
    assert headers == [
        "考核",
        "考核周期",
        "开始日期",
        "结束日期",
        "考核月数",
        "考核人数",
        "优秀",
        "良好",
        "合格",
        "不合格",
        "一票否决",
        "平均分",
    ]
    rows = body(sheet)
    assert [row[0] for row in rows] == ["2025—2026学年第一学期", "2025年10月", "合计（月数、人数不重复计算）"]
    assert rows[0][1:4] == ["学期", datetime.datetime(2025, 9, 1), datetime.datetime(2026, 1, 31)]
    # Months, people, the four grades, vetoes, average score. The term counts its months in
    # 2025 only; the total counts months and people once: September to December, 张三 and 李四.
    assert [row[4:] for row in rows] == [
        [4, 1, 0, 1, 0, 0, 0, 85],
        [1, 2, 1, 0, 0, 1, 1, 95],
        [4, 2, 1, 1, 0, 1, 1, 90],
    ]
    assert len(rows) == 3, "the period of 2024 is not in 2025"


def test_campaigns_of_the_period_with_their_activities_in_it(school, year):
    carried = CampaignFactory(school=school, title="读书月", number=None, launched_on=datetime.date(2024, 11, 1))
    ActivityFactory(school=school, campaign=carried, title="读书分享会", starts_on=day(1, 10), outside_participants=3)

    sheet = export(school)["专项活动"]

    rows = body(sheet)
    assert [row[column(sheet, "专项活动名称")] for row in rows] == ["读书月", "第十一个师德建设月"]
    assert rows[0][column(sheet, "启动日期")] == datetime.datetime(2024, 11, 1)
    assert [row[column(sheet, "期内活动次数")] for row in rows] == [1, 1]
    assert [row[column(sheet, "人次")] for row in rows] == [3, 4]


def test_hardship_files_open_in_the_period_with_the_help_given_in_it(school, year):
    sheet = export(school)["困难帮扶"]

    rows = body(sheet)
    assert len(rows) == 2, "the file closed in 2024 is not listed"
    case = rows[0]
    assert case[column(sheet, "姓名")] == "李四"
    assert case[column(sheet, "困难情况")] == "-配偶重病"
    assert case[column(sheet, "建档日期")] == datetime.datetime(2024, 11, 1)
    assert case[column(sheet, "期内帮扶次数")] == 1
    assert case[column(sheet, "期内帮扶金额（元）")] == 1000
    assert sheet.cell(row=2, column=column(sheet, "期内帮扶金额（元）") + 1).number_format == MONEY_FORMAT
    assert rows[-1][0] == "合计" and rows[-1][-2:] == [1, 1000]


def test_mutual_aid_grants_of_the_period_with_their_total(school, year):
    sheet = export(school)["互济金"]

    rows = body(sheet)
    assert rows[0] == [datetime.datetime(2025, 8, 5), "张三", year[0].employee_number, 2000, "住院治疗"]
    assert rows[-1] == ["合计", None, None, 2000, None]
    assert sheet["D2"].number_format == MONEY_FORMAT


def test_democratic_evaluations_with_their_satisfaction_rate(school, year):
    sheet = export(school)["民主评议"]

    rows = body(sheet)
    assert rows[0][:6] == [datetime.datetime(2025, 6, 20), "校长张明", 40, 15, 3, 2]
    assert rows[0][column(sheet, "满意率")] == pytest.approx(0.917)
    assert sheet.cell(row=2, column=column(sheet, "满意率") + 1).number_format == PERCENT_FORMAT


def test_suggestion_drives_with_the_suggestions_received_and_adopted(school, year):
    rows = body(export(school)["建议征集"])

    assert rows == [["金点子征集", datetime.datetime(2025, 4, 1), datetime.datetime(2025, 4, 30), 2, 1]]


def test_168_pairs_of_the_school_years_the_period_touches_with_their_months_logged(school, year):
    CarePairFactory(school=school, school_year=2023)

    sheet = export(school)["168结对"]

    rows = body(sheet)
    assert [(row[0], row[1], row[-1]) for row in rows] == [("2024—2025学年", "李四", 1), ("2025—2026学年", "张三", 1)]


# Which sheet carries each kind of record the summary can tell (reports.coverage).
SHEET_OF_KIND = {
    "activity": "活动",
    "campaign": "专项活动",
    "pledgedrive": "承诺书",
    "ethicsperiod": "师德考核汇总",
    "award": "获奖",
    "promotion": "职称晋升",
    "mentorpair": "师徒结对",
    "session": "教代会",
    "proposal": "提案",
    "democraticevaluation": "民主评议",
    "suggestiondrive": "建议征集",
    "notice": "校务公开",
    "visit": "走访慰问",
    "greetingbatch": "节日慰问",
    "hardshipcase": "困难帮扶",
    "mutualaidgrant": "互济金",
    "carepair": "168结对",
    "club": "社团",
    "partnership": "共建",
    "facility": "活动场所",
    "standingrule": "制度与公开渠道",
}


def test_every_kind_of_record_the_summary_can_tell_has_a_sheet_with_the_years_records(school, year):
    book = export(school)

    assert set(SHEET_OF_KIND) == {kind.name for kind in RECORD_KINDS}
    for kind, title in SHEET_OF_KIND.items():
        assert body(book[title]), kind


def test_congress_sessions_with_their_votes_and_approval_rates(school, year):
    sheet = export(school)["教代会"]

    rows = body(sheet)
    assert len(rows) == 1
    row = rows[0]
    assert row[0] == "四届三次"
    assert row[column(sheet, "赞成")] == 50
    assert row[column(sheet, "赞成率")] == pytest.approx(0.909)
    assert sheet.cell(row=2, column=column(sheet, "赞成率") + 1).number_format == PERCENT_FORMAT
    assert row[column(sheet, "结果")] == "通过"


def test_congress_motions_voted_clause_by_clause_or_not_yet_voted(school, year):
    session = SessionFactory(school=school, number=4, held_on=day(9, 20), kind=SessionKind.EXTRAORDINARY)
    agenda = AgendaItemFactory(session=session, title="审议职称评聘方案")
    by_clause = MotionFactory(agenda_item=agenda, school=school, title="职称评聘方案")
    for order, votes_for in ((2, 20), (1, 40)):
        clause = MotionClauseFactory(motion=by_clause, order=order, title="第{}条".format(order))
        Vote.objects.create(
            school=school,
            motion=by_clause,
            clause=clause,
            votes_for=votes_for,
            votes_against=5,
            abstentions=0,
            present=45,
            electorate=60,
        )
    MotionFactory(agenda_item=agenda, school=school, title="尚未表决的议案")

    sheet = export(school)["教代会"]

    rows = body(sheet)[1:]
    assert [row[0] for row in rows] == ["四届四次（临时）"] * 3
    motion, clause = column(sheet, "议案"), column(sheet, "条款")
    assert [(row[motion], row[clause], row[-1]) for row in rows] == [
        ("职称评聘方案", "第1条", "通过"),
        ("职称评聘方案", "第2条", "未通过"),  # 20 of 60 voters is not more than half
        ("尚未表决的议案", None, "未录入表决"),
    ]


def test_congress_sheet_names_each_sessions_body_and_its_report_topics(school, year):
    """The congress sheet says which body met (教代会, 教职工大会 or 会员大会) and the topics
    of the principal's work report, one after another."""
    assembly = CongressTermFactory(school=school, kind=TermKind.STAFF_ASSEMBLY, number=2)
    SessionFactory(term=assembly, number=1, held_on=day(6, 5), report_topics="教育教学质量稳步提升\n\n  校园安全  \n")

    sheet = export(school)["教代会"]

    rows = body(sheet)
    bodies, topics = column(sheet, "会议类别"), column(sheet, "工作报告要点")
    assert [(row[0], row[bodies], row[topics]) for row in rows] == [
        ("四届三次", "教职工代表大会", None),
        ("二届一次", "教职工大会", "教育教学质量稳步提升；校园安全"),
    ]


def test_promotions_and_proposals_of_the_period(school, year):
    book = export(school)

    assert body(book["职称晋升"]) == [
        [datetime.datetime(2025, 7, 1), "张三", year[0].employee_number, str(ProfessionalTitle.SENIOR.label), None]
    ]
    proposal = body(book["提案"])
    assert [(row[1], row[2], row[3]) for row in proposal] == [
        ("关于改善教师午餐的提案", "李四", str(ProposalState.SUBMITTED.label))
    ]


def test_notices_published_in_the_period_and_not_drafts(school, year):
    sheet = export(school)["校务公开"]

    rows = body(sheet)
    assert [row[2] for row in rows] == ["2025年度财务收支公示"]
    assert rows[0][0] == datetime.datetime(2025, 5, 12)
    assert rows[0][1] == "财务"


def test_a_school_year_is_cut_at_the_first_of_september(school, year):
    book = export(school, Period.school_year(2024))

    assert [row[2] for row in body(book["活动"])] == ["去年的活动", "=1+1"]
    assert [row[0] for row in body(book["168爱生行动"])] == [
        datetime.datetime(2024, 12, 1),
        datetime.datetime(2025, 3, 1),
    ]


def test_another_schools_records_never_appear(school, other_school, year):
    with scope(school=[other_school.pk]):
        add_records(other_school, tag="（外校）")

    book = export(school)

    everything = str([body(sheet) for sheet in book.worksheets])
    assert "外校" not in everything


def test_the_export_costs_the_same_queries_however_many_records(school, year):
    with CaptureQueriesContext(connection) as few:
        records_xlsx(school, YEAR)
    for n in range(3):
        add_records(school, tag=str(n))
    with CaptureQueriesContext(connection) as many:
        content = records_xlsx(school, YEAR)

    assert len(body(openpyxl.load_workbook(io.BytesIO(content))["活动"])) == 8
    assert len(many.captured_queries) == len(few.captured_queries)


def test_the_workbook_is_written_in_write_only_mode(school, year, monkeypatch):
    made = []
    real_workbook = unionhub.xlsx.Workbook

    def spy(*args, **kwargs):
        made.append(kwargs)
        return real_workbook(*args, **kwargs)

    monkeypatch.setattr(unionhub.xlsx, "Workbook", spy)

    records_xlsx(school, YEAR)

    assert made == [{"write_only": True}]


def test_an_empty_year_still_has_every_sheet_with_its_headers(school, in_school):
    book = export(school, Period.calendar_year(2019))

    assert book.sheetnames == SHEETS
    assert body(book["活动"]) == []
    assert body(book["走访慰问"]) == [["合计（0次）", None, None, None, None, None, None, 0, None, None]]


# The writer's additions the records export stands on -----------------------------------


def load(content):
    return openpyxl.load_workbook(io.BytesIO(content)).worksheets[0]


def test_the_writer_streams_rows_past_the_sample_it_sizes_columns_with():
    rows = ([n, "第{}行".format(n)] for n in range(unionhub.xlsx.WIDTH_SAMPLE + 250))

    sheet = load(unionhub.xlsx.write_workbook([unionhub.xlsx.Sheet("多行", ["序号", "内容"], rows)]))

    values = body(sheet)
    assert len(values) == unionhub.xlsx.WIDTH_SAMPLE + 250
    assert values[-1] == [unionhub.xlsx.WIDTH_SAMPLE + 249, "第{}行".format(unionhub.xlsx.WIDTH_SAMPLE + 249)]


def test_the_writer_closes_a_sheet_with_a_bold_footer_row():
    spec = unionhub.xlsx.Sheet(
        "钱", ["事由", "金额"], [["生病", Decimal("500.00")]], footer=["合计", Decimal("500.00")]
    )

    sheet = load(unionhub.xlsx.write_workbook([spec]))

    assert [cell.value for cell in sheet[3]] == ["合计", 500]
    assert all(cell.font.b for cell in sheet[3])
    assert sheet["B3"].number_format == MONEY_FORMAT
    assert not sheet["A2"].font.b


def test_the_writer_applies_a_columns_number_format_over_its_types():
    spec = unionhub.xlsx.Sheet(
        "率",
        ["月份", "比例", "日期"],
        [[datetime.date(2025, 3, 1), 0.5, datetime.date(2025, 3, 2)]],
        formats={0: MONTH_FORMAT, 1: PERCENT_FORMAT},
    )

    sheet = load(unionhub.xlsx.write_workbook([spec]))

    assert sheet["A2"].number_format == MONTH_FORMAT and sheet["A2"].is_date
    assert sheet["B2"].number_format == PERCENT_FORMAT and sheet["B2"].value == 0.5
    assert sheet["C2"].number_format == DATE_FORMAT


def test_the_writer_keeps_formula_like_text_as_text_in_plain_and_footer_cells():
    spec = unionhub.xlsx.Sheet("式", ["标题"], [['=HYPERLINK("x")'], ["-2+3"]], footer=["+SUM(A1:A2)"])

    sheet = load(unionhub.xlsx.write_workbook([spec]))

    assert [row[0] for row in body(sheet)] == ['=HYPERLINK("x")', "-2+3", "+SUM(A1:A2)"]
    assert all(cell.data_type == "s" for row in sheet.iter_rows() for cell in row)


def test_the_writer_drops_control_characters_a_cell_cannot_hold():
    spec = unionhub.xlsx.Sheet("控制符", ["说明"], [["粘贴\x07来的\x0b文字"]], footer=["合计\x01"])

    sheet = load(unionhub.xlsx.write_workbook([spec]))

    assert [row[0] for row in body(sheet)] == ["粘贴来的文字", "合计"]
