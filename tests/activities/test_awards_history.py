"""Every record of the awards concern keeps its history: who changed what, when; an award's
members included, one entry per save."""

import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scope, scopes_disabled

from activities.models import Award, MentorMeeting, MentorPair, Promotion
from activities.selectors.awards import award_history

from ..activity_factories import MentorPairFactory
from ..factories import MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


def award_data(members, **changes):
    data = {
        "title": "区青年教师基本功比赛",
        "kind": "competition",
        "level": "3",  # 区级
        "rank": "一等奖",
        "awarded_on": "2025-10-15",
        "issuer": "清溪区教育局",
        "recipient_kind": "members",
        "members": [m.pk for m in members],
        "group_name": "",
        "club": "",
    }
    data.update(changes)
    return data


def test_an_awards_history_shows_each_save_with_its_members(staff_client, staff, school):
    zhou, wu, liu = (MemberFactory(school=school, name=name) for name in ("周敏", "吴强", "刘洋"))
    staff_client.post(reverse("activities:award_create"), award_data([zhou, wu]))
    with scopes_disabled():
        award = Award.objects.get()
    staff_client.post(
        reverse("activities:award_update", args=[award.pk]),
        award_data([wu, liu], rank="二等奖", loaded_version=award.version),
    )
    staff_client.post(
        reverse("activities:award_update", args=[award.pk]),
        award_data([wu, liu], rank="二等奖", issuer="常州市教育局", loaded_version=award.version + 1),
    )

    with scope(school=[school.pk]), translation.override("zh-hans"):
        award = Award.objects.get()
        entries = award_history(award)
        types = [str(entry["type"]) for entry in entries]
        changes = [{str(c["field"]): (c["old"], c["new"]) for c in e["changes"]} for e in entries]

    assert types == ["修改", "修改", "创建"]
    assert all(entry["who"] == staff for entry in entries)
    latest, edit, created = changes
    assert latest == {"颁发单位": ("清溪区教育局", "常州市教育局")}
    assert edit == {"名次或奖项": ("一等奖", "二等奖"), "会员": ("吴强、周敏", "刘洋、吴强")}
    assert created["会员"] == ("", "吴强、周敏")
    assert created["名称"] == ("", "区青年教师基本功比赛")

    page = staff_client.get(award.get_absolute_url()).content.decode()
    assert "修改记录" in page
    assert '会员：<del class="text-secondary">吴强、周敏</del> → 刘洋、吴强' in page


def test_an_award_that_changes_only_its_members_has_one_entry_for_it(staff_client, school):
    zhou, wu = MemberFactory(school=school, name="周敏"), MemberFactory(school=school, name="吴强")
    staff_client.post(reverse("activities:award_create"), award_data([zhou]))
    with scopes_disabled():
        award = Award.objects.get()
    staff_client.post(
        reverse("activities:award_update", args=[award.pk]), award_data([zhou, wu], loaded_version=award.version)
    )

    with scope(school=[school.pk]), translation.override("zh-hans"):
        entries = award_history(Award.objects.get())
        latest = [(str(c["field"]), c["old"], c["new"]) for c in entries[0]["changes"]]

    assert len(entries) == 2
    assert latest == [("会员", "周敏", "吴强、周敏")]


def test_a_promotions_history_is_shown_on_its_edit_page(staff_client, staff, school):
    member = MemberFactory(school=school, name="周敏")
    staff_client.post(
        reverse("activities:promotion_create"), {"member": member.pk, "title": "first", "promoted_on": "2025-09-01"}
    )
    with scopes_disabled():
        promotion = Promotion.objects.get()
    staff_client.post(
        reverse("activities:promotion_update", args=[promotion.pk]),
        {"member": member.pk, "title": "senior", "promoted_on": "2025-09-01", "loaded_version": promotion.version},
    )

    with scopes_disabled():
        records = list(Promotion.objects.get().history.order_by("history_id"))
    assert [(r.history_type, r.title, r.history_user) for r in records] == [
        ("+", "first", staff),
        ("~", "senior", staff),
    ]
    page = staff_client.get(reverse("activities:promotion_update", args=[promotion.pk])).content.decode()
    assert "修改记录" in page
    assert '新职称：<del class="text-secondary">一级教师</del> → 高级教师' in page


def test_a_mentor_pairs_history_is_shown_on_its_page(staff_client, staff, school):
    with scope(school=[school.pk]):
        pair = MentorPairFactory(school=school, subject="语文")
    staff_client.post(
        reverse("activities:mentor_update", args=[pair.pk]),
        {
            "mentor": pair.mentor_id,
            "mentee": pair.mentee_id,
            "subject": "数学",
            "school_year": "2025",
            "goals": pair.goals,
            "loaded_version": pair.version,
        },
    )

    with scopes_disabled():
        records = list(MentorPair.objects.get().history.order_by("history_id"))
    assert [(r.history_type, r.subject) for r in records] == [("+", "语文"), ("~", "数学")]
    assert records[-1].history_user == staff
    page = staff_client.get(pair.get_absolute_url()).content.decode()
    assert '学科：<del class="text-secondary">语文</del> → 数学' in page


def test_a_mentor_meeting_keeps_its_history(staff_client, staff, school):
    with scope(school=[school.pk]):
        pair = MentorPairFactory(school=school, school_year=2025)
    staff_client.post(
        reverse("activities:mentor_meeting_create", args=[pair.pk]), {"met_on": "2025-10-08", "topic": "听课评课"}
    )

    meeting = MentorMeeting.objects.get()
    meeting.topic = "听课评课（第二次）"
    meeting.save()

    records = list(meeting.history.order_by("history_id"))
    assert [(r.history_type, r.topic) for r in records] == [("+", "听课评课"), ("~", "听课评课（第二次）")]
    assert records[0].history_user == staff
    assert records[0].pair_id == pair.pk
