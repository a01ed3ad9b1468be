"""The pages of categories, campaigns and clubs: what they show, and what they save."""

import datetime
import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.choices import AwardLevel, SummarySection
from activities.models import DEFAULT_CATEGORIES, Campaign, Category, Club
from tests.activity_factories import ActivityFactory, AwardFactory, CampaignFactory, ClubFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

D = datetime.date


def text_of(response):
    """The page's text without tags, whitespace squeezed."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


# ---- categories -----------------------------------------------------------------------


def test_every_school_starts_with_the_default_categories(staff_client, school):
    response = staff_client.get(reverse("activities:category_list"))
    names = [c.name for c in response.context["categories"]]
    assert names == [name for name, _section in DEFAULT_CATEGORIES]
    page = text_of(response)
    assert "师德师风建设" in page and "168爱生行动" in page


def test_staff_rename_a_category_and_take_it_out_of_use(staff_client, school):
    with scopes_disabled():
        category = Category.objects.get(school=school, name="健康体检")
    response = staff_client.post(
        reverse("activities:category_update", args=[category.pk]),
        {"name": "教职工健康体检", "section": SummarySection.CARE, "position": 7},
    )
    assert response.status_code == 302
    with scopes_disabled():
        category.refresh_from_db()
    assert (category.name, category.is_active, category.position) == ("教职工健康体检", False, 7)
    listing = staff_client.get(reverse("activities:category_list"))
    row = re.search(r'data-category="{}".*?</tr>'.format(category.pk), listing.content.decode(), re.S).group(0)
    assert "教职工健康体检" in row and "停用" in row


def test_a_category_out_of_use_is_not_offered_for_a_new_campaign_but_kept_on_an_old_one(staff_client, school):
    with scopes_disabled():
        category = Category.objects.get(school=school, name="理论学习")
        campaign = CampaignFactory(school=school, category=category)
        category.is_active = False
        category.save()
    new_form = staff_client.get(reverse("activities:campaign_create")).context["form"]
    assert category not in new_form.fields["category"].queryset
    edit_form = staff_client.get(reverse("activities:campaign_update", args=[campaign.pk])).context["form"]
    assert category in edit_form.fields["category"].queryset


def test_the_category_list_counts_live_activities_and_campaigns(staff_client, school):
    with scopes_disabled():
        category = Category.objects.get(school=school, name="文体活动")
        ActivityFactory.create_batch(2, school=school, category=category)
        ActivityFactory(school=school, category=category).soft_delete()
    response = staff_client.get(reverse("activities:category_list"))
    counted = {c.name: (c.activity_count, c.campaign_count) for c in response.context["categories"]}
    assert counted["文体活动"] == (2, 0)
    assert counted["师德师风建设"] == (0, 0)


# ---- campaigns ------------------------------------------------------------------------


@pytest.fixture
def ethics_month(school):
    with scopes_disabled():
        campaign = CampaignFactory(
            school=school, title="师德建设月", number=11, theme="立德树人 做四有好老师", launched_on=D(2025, 9, 1)
        )
        a, b = MemberFactory(school=school, name="周敏"), MemberFactory(school=school, name="吴强")
        # Created out of date order on purpose.
        ActivityFactory(
            school=school, campaign=campaign, title="师德演讲比赛", starts_on=D(2025, 9, 20), participants=[a]
        )
        ActivityFactory(
            school=school, campaign=campaign, title="启动仪式", starts_on=D(2025, 9, 2), participants=[a, b]
        )
        ActivityFactory(
            school=school,
            campaign=campaign,
            title="“良师益友”微事迹推荐",
            starts_on=D(2025, 9, 10),
            outside_participants=4,
        )
        ActivityFactory(school=school, campaign=campaign, title="已删除的活动", starts_on=D(2025, 9, 5)).soft_delete()
        ActivityFactory(school=school, title="别的活动", starts_on=D(2025, 9, 3))
    return campaign


def test_the_campaign_page_shows_its_title_theme_launch_and_activities_in_date_order(staff_client, ethics_month):
    response = staff_client.get(reverse("activities:campaign_detail", args=[ethics_month.pk]))

    page = text_of(response)
    assert "第十一个师德建设月" in page
    assert "立德树人 做四有好老师" in page
    assert "2025年9月1日" in page
    titles = [a.title for a in response.context["activities"]]
    assert titles == ["启动仪式", "“良师益友”微事迹推荐", "师德演讲比赛"]
    assert page.index("启动仪式") < page.index("良师益友") < page.index("师德演讲比赛")
    assert "已删除的活动" not in page and "别的活动" not in page
    html = response.content.decode()
    for activity in response.context["activities"]:
        assert 'href="{}"'.format(reverse("activities:activity_detail", args=[activity.pk])) in html


def test_the_campaign_page_shows_its_figures(staff_client, ethics_month):
    response = staff_client.get(reverse("activities:campaign_detail", args=[ethics_month.pk]))

    assert response.context["figures"] == {
        "activities": 3,
        "participations": 3,
        "outside": 4,
        "person_times": 7,
        "members": 2,
        "first": D(2025, 9, 2),
        "last": D(2025, 9, 20),
    }
    html = response.content.decode()
    section = html.split('id="campaign-figures"')[1]
    figures = dict(re.findall(r'data-figure="(\w+)">([^<]+)<', section))
    assert (figures["activities"], figures["person_times"], figures["members"]) == ("3", "7", "2")
    assert "2025年9月2日" in figures["dates"] and "2025年9月20日" in figures["dates"]


def test_the_campaign_list_shows_a_year_with_figures(staff_client, school, ethics_month):
    with scopes_disabled():
        CampaignFactory(school=school, title="个十百千万行动", number=None, launched_on=D(2025, 3, 1))
        CampaignFactory(school=school, title="师德建设月", number=10, launched_on=D(2024, 9, 1))

    response = staff_client.get(reverse("activities:campaign_list"))

    assert response.context["year"] == 2025  # the latest year with campaigns
    assert response.context["years"] == [2025, 2024]
    assert [c.full_title for c in response.context["campaigns"]] == ["个十百千万行动", "第十一个师德建设月"]
    card = response.content.decode().split('data-campaign="{}"'.format(ethics_month.pk))[1]
    assert re.search(r'data-figure="activities">3<', card)
    assert re.search(r'data-figure="person_times">7<', card)
    assert re.search(r'data-figure="members">2<', card)

    older = staff_client.get(reverse("activities:campaign_list"), {"year": 2024})
    assert [c.full_title for c in older.context["campaigns"]] == ["第十个师德建设月"]
    nonsense = staff_client.get(reverse("activities:campaign_list"), {"year": "abc"})
    assert nonsense.status_code == 200 and nonsense.context["year"] == 2025


def test_staff_create_a_numbered_campaign(staff_client, school):
    with scopes_disabled():
        category = Category.objects.get(school=school, name="师德师风建设")
    response = staff_client.post(
        reverse("activities:campaign_create"),
        {
            "title": "师德建设月",
            "number": 12,
            "theme": "弘扬教育家精神",
            "category": category.pk,
            "launched_on": "2026-09-01",
            "ends_on": "2026-09-30",
        },
    )
    with scopes_disabled():
        campaign = Campaign.objects.get(school=school)
    assert response.status_code == 302 and response["Location"] == campaign.get_absolute_url()
    assert campaign.full_title == "第十二个师德建设月"


def test_the_chair_deletes_and_restores_a_campaign(chair_client, ethics_month):
    response = chair_client.post(reverse("activities:campaign_delete", args=[ethics_month.pk]))
    assert response["Location"] == reverse("activities:campaign_list")
    assert chair_client.get(ethics_month.get_absolute_url()).status_code == 404
    assert "第十一个师德建设月" in text_of(chair_client.get(reverse("activities:trash")))

    response = chair_client.post(reverse("activities:campaign_restore", args=[ethics_month.pk]))
    assert response["Location"] == ethics_month.get_absolute_url()
    assert chair_client.get(ethics_month.get_absolute_url()).status_code == 200


# ---- clubs ----------------------------------------------------------------------------


@pytest.fixture
def volleyball(school):
    with scopes_disabled():
        leader = MemberFactory(school=school, name="潘腊平")
        others = [MemberFactory(school=school, name=name) for name in ("陈静", "刘洋")]
        gone = MemberFactory(school=school, name="已删会员")
        club = ClubFactory(school=school, name="气排球队", leader=leader, schedule="每周三下午")
        club.members.set([leader, *others, gone])
        gone.soft_delete()
        ActivityFactory(
            school=school, club=club, title="教工气排球友谊赛", starts_on=D(2025, 11, 20), participants=others
        )
        ActivityFactory(school=school, club=club, title="气排球训练", starts_on=D(2025, 10, 8))
        AwardFactory(
            school=school,
            club=club,
            title="区教育系统气排球比赛",
            level=AwardLevel.DISTRICT,
            rank="二等奖",
            awarded_on=D(2025, 11, 30),
        )
        AwardFactory(school=school, club=club, title="已删除的奖项", awarded_on=D(2025, 11, 1)).soft_delete()
        AwardFactory(school=school, title="别人的奖项", awarded_on=D(2025, 11, 2))
    return club


def test_the_club_page_shows_leader_schedule_members_activities_and_results(staff_client, volleyball):
    response = staff_client.get(reverse("activities:club_detail", args=[volleyball.pk]))

    page = text_of(response)
    assert "气排球队" in page and "每周三下午" in page
    leader = re.search(r'data-field="leader">(.*?)</dd>', response.content.decode(), re.S).group(1)
    assert "潘腊平" in leader
    assert [m.name for m in response.context["members"]] == ["陈静", "刘洋", "潘腊平"]  # by pinyin
    members = re.search(r'id="club-members".*?</ul>', response.content.decode(), re.S).group(0)
    assert "已删会员" not in members and "陈静" in members
    assert "3 名会员" in members
    assert [a.title for a in response.context["activities"]] == ["气排球训练", "教工气排球友谊赛"]
    assert page.index("气排球训练") < page.index("教工气排球友谊赛")
    awards = re.search(r'id="club-awards".*?</ul>', response.content.decode(), re.S).group(0)
    assert "区教育系统气排球比赛" in awards and "区级" in awards and "二等奖" in awards and "2025年11月30日" in awards
    assert "已删除的奖项" not in page and "别人的奖项" not in page


def test_the_club_list_counts_live_members_and_activities(staff_client, school, volleyball):
    with scopes_disabled():
        ClubFactory(school=school, name="书法社")
        ClubFactory(school=school, name="篮球队").soft_delete()
    response = staff_client.get(reverse("activities:club_list"))
    rows = {c.name: (c.member_count, c.activity_count, c.leader and c.leader.name) for c in response.context["clubs"]}
    assert rows == {"气排球队": (3, 2, "潘腊平"), "书法社": (0, 0, None)}
    html = response.content.decode()
    assert re.search(r'data-club="{}".*?data-figure="member_count">3<'.format(volleyball.pk), html, re.S)


def test_staff_create_a_club_with_members_and_the_leader_joins_it(staff_client, school):
    with scopes_disabled():
        leader, member = MemberFactory(school=school, name="王伟"), MemberFactory(school=school, name="李娜")
    response = staff_client.post(
        reverse("activities:club_create"),
        {"name": "书法社", "leader": leader.pk, "schedule": "每周四下午", "members": [member.pk]},
    )
    assert response.status_code == 302
    with scopes_disabled():
        club = Club.objects.get(school=school)
        assert set(club.members.all()) == {leader, member}
    assert response["Location"] == club.get_absolute_url()


def test_the_chair_deletes_and_restores_a_club(chair_client, volleyball):
    chair_client.post(reverse("activities:club_delete", args=[volleyball.pk]))
    assert chair_client.get(volleyball.get_absolute_url()).status_code == 404
    assert "气排球队" not in text_of(chair_client.get(reverse("activities:club_list")))
    chair_client.post(reverse("activities:club_restore", args=[volleyball.pk]))
    assert "气排球队" in text_of(chair_client.get(reverse("activities:club_list")))


def test_another_schools_club_and_campaign_are_not_found(staff_client, other_school):
    with scopes_disabled():
        club = ClubFactory(school=other_school)
        campaign = CampaignFactory(school=other_school)
    assert staff_client.get(reverse("activities:club_detail", args=[club.pk])).status_code == 404
    assert staff_client.get(reverse("activities:campaign_detail", args=[campaign.pk])).status_code == 404
