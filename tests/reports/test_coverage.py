"""Every record reaches the summary or is hidden on purpose: the index of the period's
records, set against a document's items, and the panel beside the preview that lists the
records no paragraph uses, each a link to its page."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scope, scopes_disabled

from activities.choices import SummarySection
from reports import services
from reports.coverage import FEW_UNUSED, RECORD_KINDS, coverage, period_record_index
from reports.document import Item, Section, SummaryDocument
from reports.periods import Period
from reports.views.summary import SummaryMixin
from tests.activities.factories_provisions import FacilityFactory, StandingRuleFactory

from ..activities.factories_partnerships import PartnershipFactory
from ..activity_factories import (
    ActivityFactory,
    AwardFactory,
    CampaignFactory,
    CarePairFactory,
    ClubFactory,
    EthicsPeriodFactory,
    GreetingBatchFactory,
    HardshipCaseFactory,
    MentorPairFactory,
    MutualAidGrantFactory,
    PledgeDriveFactory,
    PromotionFactory,
    VisitFactory,
    default_category,
)
from ..congress.factories import DemocraticEvaluationFactory, ProposalFactory, SessionFactory, SuggestionDriveFactory
from ..disclosure.factories import NoticeFactory
from ..factories import MemberFactory

YEAR = Period.calendar_year(2025)
URL = "/reports/2025/"


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def day(month, date, year=2025):
    return datetime.date(year, month, date)


def add_records(school, tag=""):
    """One record of every kind in 2025 for ``school``, titled with ``tag``; returns them by kind."""
    zhang = MemberFactory(school=school, name="张三" + tag)
    li = MemberFactory(school=school, name="李四" + tag)
    club = ClubFactory(school=school, name="书法社" + tag)
    return {
        "activity": ActivityFactory(school=school, title="教工运动会" + tag, starts_on=day(4, 20), club=club),
        "campaign": CampaignFactory(school=school, title="师德建设月" + tag, launched_on=day(9, 1)),
        "pledgedrive": PledgeDriveFactory(school=school, title="拒绝有偿补课承诺" + tag, opened_on=day(9, 10)),
        "ethicsperiod": EthicsPeriodFactory(school=school, title="2025年10月" + tag),
        "award": AwardFactory(school=school, title="区基本功比赛" + tag, awarded_on=day(5, 20)),
        "promotion": PromotionFactory(school=school, member=zhang, promoted_on=day(7, 1)),
        "mentorpair": MentorPairFactory(school=school, mentor=li, mentee=zhang, school_year=2024),
        "session": SessionFactory(school=school, held_on=day(3, 14)),
        "proposal": ProposalFactory(school=school, proposer=li, title="午餐提案" + tag, submitted_on=day(3, 10)),
        "democraticevaluation": DemocraticEvaluationFactory(school=school, subject="校长" + tag),
        "suggestiondrive": SuggestionDriveFactory(school=school, title="金点子征集" + tag),
        "notice": NoticeFactory(
            school=school, title="财务公示" + tag, starts_on=day(5, 12), ends_on=day(5, 16), published_at=None
        ),
        "visit": VisitFactory(school=school, member=zhang, visited_on=day(4, 1)),
        "greetingbatch": GreetingBatchFactory(school=school, given_on=day(10, 3)),
        "hardshipcase": HardshipCaseFactory(school=school, member=li, opened_on=day(3, 1)),
        "mutualaidgrant": MutualAidGrantFactory(school=school, member=li, granted_on=day(5, 5), reason="住院" + tag),
        "carepair": CarePairFactory(school=school, teacher=zhang, school_year=2025),
        "club": club,
        "partnership": PartnershipFactory(school=school, partner="清溪村" + tag, started_on=day(9, 1, 2024)),
        "facility": FacilityFactory(school=school, name="教工活动室" + tag, opened_on=day(3, 1)),
        "standingrule": StandingRuleFactory(school=school, title="六必访制度" + tag, adopted_on=day(2, 1)),
    }


@pytest.fixture
def records(school, in_school):
    return add_records(school)


def key(record):
    return "{}:{}".format(record._meta.model_name, record.pk)


def document(*items):
    return SummaryDocument(
        title="2025年测试学校工会工作总结",
        school_name="测试学校",
        period_label="2025年",
        signed_on=day(12, 31),
        sections=[Section(key="culture", heading="文体活动", items=list(items))],
    )


def keys(rows):
    return [row.key for row in rows]


# --- the index -------------------------------------------------------------------------------


def test_the_index_holds_every_kind_of_record_of_the_period(school, records):
    index = period_record_index(school, YEAR)

    assert sorted(keys(index)) == sorted(key(record) for record in records.values())
    assert {row.kind for row in index} == {kind.name for kind in RECORD_KINDS}
    for row in index:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in row.label), row
        assert row.title, row


def test_each_row_names_its_kind_in_chinese_and_links_to_the_records_page(school, records):
    rows = {row.key: row for row in period_record_index(school, YEAR)}

    activity = rows[key(records["activity"])]
    assert (activity.label, activity.title, activity.date) == ("活动", "教工运动会", day(4, 20))
    assert activity.url == reverse("activities:activity_detail", args=[records["activity"].pk])
    assert rows[key(records["campaign"])].title == "第十一个师德建设月"
    assert rows[key(records["ethicsperiod"])].label == "师德考核"
    assert rows[key(records["ethicsperiod"])].url == reverse(
        "activities:ethics_grid", args=[records["ethicsperiod"].pk]
    )
    assert rows[key(records["mentorpair"])].title == "李四 → 张三（2024—2025学年）"
    assert rows[key(records["mentorpair"])].date is None
    assert rows[key(records["session"])].title == "四届三次教职工代表大会"
    assert rows[key(records["promotion"])].url == reverse("activities:promotion_update", args=[records["promotion"].pk])
    assert rows[key(records["notice"])].url == reverse("disclosure:notice_detail", args=[records["notice"].pk])
    assert rows[key(records["mutualaidgrant"])].title == "李四 · 住院"


def test_deleted_records_are_not_in_the_index(school, records):
    for kind in ("activity", "visit", "award", "notice", "club"):
        records[kind].soft_delete()
    # A deleted member's promotion counts nowhere, as in the summary's figures.
    records["promotion"].member.soft_delete()

    listed = keys(period_record_index(school, YEAR))

    for kind in ("activity", "visit", "award", "notice", "club", "promotion"):
        assert key(records[kind]) not in listed


def test_another_schools_records_never_appear(school, other_school, records):
    with scope(school=[other_school.pk]):
        theirs = add_records(other_school, tag="（外校）")

    index = period_record_index(school, YEAR)

    assert not set(keys(index)) & {key(record) for record in theirs.values()}
    assert not any("外校" in row.title for row in index)


def test_records_outside_the_period_never_appear(school, records):
    outside = [
        ActivityFactory(school=school, title="去年的活动", starts_on=day(12, 31, 2024)),
        VisitFactory(school=school, visited_on=day(1, 5, 2026)),
        AwardFactory(school=school, awarded_on=day(6, 1, 2024)),
        CampaignFactory(school=school, launched_on=day(9, 1, 2024)),
        MentorPairFactory(school=school, school_year=2023),
        CarePairFactory(school=school, school_year=2026),
        HardshipCaseFactory(school=school, opened_on=day(3, 1, 2023), closed_on=day(12, 1, 2024)),
        PartnershipFactory(school=school, started_on=day(9, 1, 2023), ended_on=day(6, 30, 2024)),
        NoticeFactory(school=school, starts_on=day(5, 12, 2024), ends_on=day(5, 16, 2024), published_at=None),
        NoticeFactory(school=school, title="草稿", starts_on=day(5, 12), ends_on=day(5, 16), status="draft"),
        ClubFactory(school=school, name="没有活动的社团"),
    ]

    listed = keys(period_record_index(school, YEAR))

    assert not set(listed) & {key(record) for record in outside}


def test_a_record_belongs_to_the_period_as_the_summary_counts_it(school, in_school):
    """A campaign launched last year with an activity this year; a pair of the school year
    that began last September; a hardship file still open; a club that only won an award."""
    campaign = CampaignFactory(school=school, launched_on=day(9, 1, 2024))
    ActivityFactory(school=school, campaign=campaign, starts_on=day(3, 1))
    case = HardshipCaseFactory(school=school, opened_on=day(3, 1, 2023))
    club = ClubFactory(school=school)
    AwardFactory(school=school, club=club, awarded_on=day(6, 1))
    partnership = PartnershipFactory(school=school, started_on=day(9, 1, 2023), ended_on=day(2, 28))

    listed = keys(period_record_index(school, YEAR))

    for record in (campaign, case, club, partnership):
        assert key(record) in listed
    assert key(campaign) not in keys(period_record_index(school, Period.calendar_year(2026)))


def test_a_school_year_is_cut_at_the_first_of_september(school, records):
    listed = keys(period_record_index(school, Period.school_year(2024)))

    assert key(records["activity"]) in listed  # 20 April 2025
    assert key(records["mentorpair"]) in listed
    assert key(records["campaign"]) not in listed  # launched 1 September 2025
    assert key(records["carepair"]) not in listed  # of 2025—2026


def test_the_index_costs_one_query_a_kind_however_many_records(school, records, django_assert_num_queries):
    for n in range(3):
        add_records(school, tag=str(n))

    with django_assert_num_queries(len(RECORD_KINDS)):
        index = period_record_index(school, YEAR)

    assert len(index) == 4 * len(RECORD_KINDS)


# --- coverage ---------------------------------------------------------------------------------


def test_a_record_used_by_a_visible_item_is_not_listed(school, records):
    index = period_record_index(school, YEAR)
    used = Item("campaign:{}".format(records["campaign"].pk), "……", sources=[key(records["activity"])])

    unused, hidden = coverage(document(used), index)

    assert key(records["activity"]) not in keys(unused)
    assert key(records["visit"]) in keys(unused)
    assert hidden == []


def test_a_hidden_items_records_are_listed_apart_as_hidden(school, records):
    index = period_record_index(school, YEAR)
    shown = Item("activity:1", "……", sources=[key(records["award"])])
    put_away = Item("visits", "……", hidden=True, sources=[key(records["visit"]), key(records["award"])])

    unused, hidden = coverage(document(shown, put_away), index)

    assert keys(hidden) == [key(records["visit"])], "a record a visible item uses is not hidden"
    assert key(records["visit"]) not in keys(unused)
    assert key(records["award"]) not in keys(unused)


def test_every_record_unused_in_an_empty_summary(school, records):
    index = period_record_index(school, YEAR)

    unused, hidden = coverage(document(), index)

    assert unused == index and hidden == []


# --- the panel beside the preview --------------------------------------------------------------


@pytest.fixture
def assembled(monkeypatch, records):
    """The preview over a document built by hand: the first item uses the activity, the
    second (which the chair may hide) the visit."""
    made = document(
        Item("activity-item", "4月20日，举行教工运动会。", sources=[key(records["activity"])]),
        Item("visit-item", "4月1日，走访慰问张三。", sources=[key(records["visit"])]),
    )
    monkeypatch.setattr(SummaryMixin, "assembled", lambda self: made)
    return made


def test_the_chair_sees_the_unused_records_each_with_its_link(chair_client, school, records, assembled):
    response = chair_client.get(URL)

    assert response.status_code == 200
    page = response.content.decode()
    sheet_end = page.index("</article>")
    assert page.index('id="summary-coverage"') > sheet_end, "outside #summary-sheet"
    assert "尚未写入总结的记录（{}）".format(len(RECORD_KINDS) - 2) in page
    award = records["award"]
    assert 'data-record="{}"'.format(key(award)) in page
    assert 'href="{}"'.format(reverse("activities:award_detail", args=[award.pk])) in page
    assert 'data-record="{}"'.format(key(records["activity"])) not in page
    assert 'data-record="{}"'.format(key(records["visit"])) not in page
    assert "summary-coverage-hidden" not in page


def test_a_record_of_a_hidden_item_is_listed_as_hidden(chair, chair_client, school, records, assembled):
    with scopes_disabled():
        services.set_item_hidden(school, YEAR, chair, "visit-item", True)

    page = chair_client.get(URL).content.decode()

    hidden = page[page.index('id="summary-coverage-hidden"') :]
    assert "有意隐藏的记录（1）" in hidden
    assert 'data-record="{}"'.format(key(records["visit"])) in hidden
    assert 'href="{}"'.format(reverse("activities:visit_detail", args=[records["visit"].pk])) in hidden
    assert "尚未写入总结的记录（{}）".format(len(RECORD_KINDS) - 2) in page


def test_staff_see_the_panel_too(staff_client, records, assembled):
    page = staff_client.get(URL).content.decode()

    assert 'id="summary-coverage"' in page


def test_a_teacher_never_sees_the_panel(teacher_client, records, assembled):
    response = teacher_client.get(URL)

    assert response.status_code == 403
    assert "summary-coverage" not in response.content.decode()


def test_a_district_user_reading_the_school_does_not_see_the_panel(client, district_user, school, records, assembled):
    client.force_login(district_user)

    response = client.get(URL + "?school={}".format(school.pk))

    assert response.status_code == 200
    assert "summary-coverage" not in response.content.decode()


def test_a_short_line_says_when_every_record_is_used(chair_client, school, in_school, monkeypatch):
    activity = ActivityFactory(
        school=school, starts_on=day(4, 20), category=default_category(school, SummarySection.CULTURE)
    )
    made = document(Item("activity-item", "……", sources=[key(activity)]))
    monkeypatch.setattr(SummaryMixin, "assembled", lambda self: made)

    page = chair_client.get(URL).content.decode()

    assert "尚未写入总结的记录（0）" in page
    assert "2025年的记录都已写入总结" in page


def test_a_long_list_shows_its_kinds_folded_with_their_counts(chair_client, school, records, assembled):
    few = chair_client.get(URL).content.decode()
    for n in range(FEW_UNUSED):
        ActivityFactory(school=school, title="读书会{}".format(n), starts_on=day(5, 1 + n))

    many = chair_client.get(URL).content.decode()

    assert '<details class="border-top" data-coverage-kind="award" open>' in few
    assert '<details class="border-top" data-coverage-kind="activity">' in many
    assert "活动（{}）".format(FEW_UNUSED) in many
    assert 'data-record="{}"'.format(key(records["award"])) in many
