"""Every change to a category, campaign or club is kept and shown: who, when, what."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.choices import SummarySection
from activities.models import Category
from activities.selectors.campaigns import history_with_members
from tests.activity_factories import CampaignFactory, ClubFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


def history_html(response):
    return re.search(r'id="record-history".*?</ul>\s*</div>', response.content.decode(), re.S).group(0)


def campaign_data(campaign, **changes):
    data = {
        "title": campaign.title,
        "number": campaign.number or "",
        "theme": campaign.theme,
        "category": campaign.category_id,
        "launched_on": campaign.launched_on.isoformat(),
        "ends_on": campaign.ends_on.isoformat() if campaign.ends_on else "",
        "description": campaign.description,
        "loaded_version": campaign.version,
    }
    data.update(changes)
    return data


def club_data(club, **changes):
    with scopes_disabled():
        data = {
            "name": club.name,
            "leader": club.leader_id or "",
            "schedule": club.schedule,
            "members": [m.pk for m in club.members.all()],
            "description": club.description,
            "loaded_version": club.version,
        }
    data.update(changes)
    return data


def test_a_category_keeps_its_history(staff_client, staff, school):
    with scopes_disabled():
        category = Category.objects.get(school=school, name="女工工作")
    url = reverse("activities:category_update", args=[category.pk])
    staff_client.post(url, {"name": "女教工工作", "section": SummarySection.WOMEN, "position": 9, "is_active": "on"})

    with scopes_disabled():
        records = list(category.history.order_by("history_date"))
    assert [r.name for r in records][-2:] == ["女工工作", "女教工工作"]
    assert records[-1].history_user == staff
    page = history_html(staff_client.get(url))
    assert "陈静" in page  # the staff user's name
    assert "女工工作" in page and "女教工工作" in page and "排序" in page


def test_a_campaign_keeps_its_history(staff_client, chair_client, school):
    with scopes_disabled():
        campaign = CampaignFactory(school=school, theme="立德树人")
    staff_client.post(
        reverse("activities:campaign_update", args=[campaign.pk]), campaign_data(campaign, theme="弘扬教育家精神")
    )
    with scopes_disabled():
        campaign.refresh_from_db()
        assert [r.theme for r in campaign.history.order_by("history_date")] == ["立德树人", "弘扬教育家精神"]
    assert campaign.version == 2

    page = history_html(chair_client.get(campaign.get_absolute_url()))
    assert re.search(r"主题：\s*<del[^>]*>立德树人</del> → 弘扬教育家精神", page)


def test_a_club_membership_change_shows_in_its_history(staff_client, staff, school):
    with scopes_disabled():
        zhang, li, wang = (MemberFactory(school=school, name=name) for name in ("张伟", "李娜", "王芳"))
        club = ClubFactory(school=school, name="乒乓球队", leader=zhang)
        club.members.set([zhang, li])

    response = staff_client.post(
        reverse("activities:club_update", args=[club.pk]), club_data(club, members=[zhang.pk, wang.pk])
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert set(club.members.all()) == {zhang, wang}
        club.refresh_from_db()
        entries = history_with_members(club)
    membership = [c for e in entries for c in e["changes"] if c.get("joined") or c.get("left")]
    # Newest first: 王芳 joined and 李娜 left; before that the first members joined.
    assert [(c["joined"], c["left"]) for c in membership] == [("王芳", ""), ("", "李娜"), ("李娜、张伟", "")]
    assert entries[0]["who"] == staff

    page = history_html(staff_client.get(club.get_absolute_url()))
    assert "加入：王芳" in page
    assert "退出：李娜" in page
    assert "加入：李娜、张伟" in page


def test_a_club_edit_that_changes_nothing_adds_no_visible_entry(staff_client, school):
    with scopes_disabled():
        zhang = MemberFactory(school=school, name="张伟")
        club = ClubFactory(school=school, name="书法社", leader=zhang)
        club.members.set([zhang])
        before = len(history_with_members(club))
    staff_client.post(reverse("activities:club_update", args=[club.pk]), club_data(club))
    with scopes_disabled():
        club.refresh_from_db()
        assert len(history_with_members(club)) == before
        assert club.history.count() > before  # the records are there, only not shown


def test_two_edits_of_one_club_refuse_the_second_and_show_membership_changes(chair, staff, school):
    with scopes_disabled():
        zhang, li = MemberFactory(school=school, name="张伟"), MemberFactory(school=school, name="李娜")
        club = ClubFactory(school=school, name="篮球队", leader=zhang)
        club.members.set([zhang])
    url = reverse("activities:club_update", args=[club.pk])
    first, second = Client(), Client()
    first.force_login(chair)
    second.force_login(staff)
    stale = club_data(club)
    assert first.get(url).status_code == second.get(url).status_code == 200

    assert first.post(url, club_data(club, members=[zhang.pk, li.pk])).status_code == 302
    response = second.post(url, {**stale, "schedule": "每周五下午"})

    assert response.status_code == 200
    with scopes_disabled():
        club.refresh_from_db()
        assert club.schedule == "每周三下午"  # nothing of the second save
        assert set(club.members.all()) == {zhang, li}
    html = response.content.decode()
    assert 'id="conflict"' in html
    conflict = re.search(r'id="conflict".*?</ul>\s*</div>', html, re.S).group(0)
    assert "加入：李娜" in conflict


def test_two_edits_of_one_campaign_refuse_the_second(chair, staff, school):
    with scopes_disabled():
        campaign = CampaignFactory(school=school, theme="立德树人")
    url = reverse("activities:campaign_update", args=[campaign.pk])
    first, second = Client(), Client()
    first.force_login(chair)
    second.force_login(staff)

    assert first.post(url, campaign_data(campaign, theme="甲")).status_code == 302
    response = second.post(url, campaign_data(campaign, theme="乙"))

    assert response.status_code == 200
    assert 'id="conflict"' in response.content.decode()
    with scopes_disabled():
        campaign.refresh_from_db()
    assert (campaign.theme, campaign.version) == ("甲", 2)
