"""The activity log's and the welfare list's rows, written by tags: what each cell shows."""

import datetime
from decimal import Decimal

from django.template import engines
from django.utils import timezone, translation

from activities.models import Activity, Campaign, Category, Visit
from members.choices import MemberStatus
from members.models import Member

ROW_AND_CARD = "{% load visits activity_log %}{% VIEW_row record %}|{% VIEW_card record %}"


def render(kind, record, language="zh-hans"):
    template = engines["django"].from_string(ROW_AND_CARD.replace("VIEW", kind))
    with translation.override(language):
        return template.render({"record": record}).split("|")


def visit(**fields):
    retiree = Member(pk=7, name="张<三>", status=MemberStatus.RETIRED, status_changed_on=datetime.date(2020, 1, 1))
    fields = {
        "pk": 9,
        "member": retiree,
        "visited_on": datetime.date(2024, 3, 5),
        "reason": "milestone_birthday",
        "age": 70,
        "funding_source": "union_funds",
        **fields,
    }
    record = Visit(**fields)
    record.visitor_list = [Member(pk=8, name="李四"), Member(pk=10, name="王五")]
    return record


def test_a_visit_with_gifts_only_to_a_retiree():
    row, card = render("visit", visit(amount=None, gifts="鲜花&蛋糕", relative="李梅（母亲）"))
    assert 'href="/activities/welfare/visits/9/"' in row and "张&lt;三&gt;" in row and "data-retiree>离退休<" in row
    assert "七十寿诞" in row and "李四、王五" in row and "鲜花&amp;蛋糕" in row and "data-amount>—<" in row
    assert "鲜花&amp;蛋糕</span>" in card and "李梅（母亲）</small>" in card and " · 离退休" in card


def test_a_visit_with_money_in_english():
    row, card = render("visit", visit(amount=Decimal("1234.50"), gifts=""), language="en")
    assert "data-amount>1234.50<" in row and ">—</td>" in row
    assert "1234.50 yuan" in card


def activity(**fields):
    fields = {
        "pk": 12,
        "title": "拔河<比赛>",
        "starts_on": datetime.date(2024, 3, 5),
        "category": Category(pk=3, name="文体活动"),
        "outside_participants": 0,
        **fields,
    }
    record = Activity(**fields)
    record.participant_count, record.first_photo_id, record.photo_count = 1, None, 0
    return record


def test_an_activity_without_photos_or_campaign():
    row, card = render("activity", activity())
    assert 'href="/activities/12/"' in row and "拔河&lt;比赛&gt;" in row
    assert '<span class="text-secondary">—</span>' in row
    assert "<td>—</td>" in row and "activity-thumb-card" not in card and "1 participant" not in card


def test_an_activity_over_days_with_photos_and_its_campaign():
    record = activity(
        ends_on=datetime.date(2024, 3, 7),
        campaign=Campaign(pk=4, title="师德建设月", number=18),
        outside_participants=15,
        location="报告厅",
    )
    record.participant_count, record.first_photo_id, record.photo_count = 2, 77, 3
    row, card = render("activity", record, language="en")
    assert "<br><small" in row and "+15" in row and 'src="/activities/photos/77/thumbnail/"' in row and "×3" in row
    assert "第十八个师德建设月" in row and "2 participants · 15 from outside · 3 photos" in card


def test_a_deleted_campaign_is_not_named():
    record = activity(campaign=Campaign(pk=6, title="读书月", deleted_at=timezone.now()))
    row, card = render("activity", record)
    assert "读书月" not in row and "读书月" not in card
