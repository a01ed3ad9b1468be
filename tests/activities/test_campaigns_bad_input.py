"""Forms of categories, campaigns and clubs refuse nonsense, in Chinese, on the right field,
and write nothing."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.choices import SummarySection
from activities.models import Campaign, Category, Club
from tests.activity_factories import CampaignFactory, ClubFactory
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


def errors_of(response, field):
    assert response.status_code == 200, "the form was accepted"
    return [str(e) for e in response.context["form"].errors.get(field, [])]


@pytest.fixture
def ethics(school):
    with scopes_disabled():
        return Category.objects.get(school=school, name="师德师风建设")


def campaign_post(category, **changes):
    data = {
        "title": "师德建设月",
        "number": "11",
        "theme": "立德树人",
        "category": category.pk,
        "launched_on": "2025-09-01",
        "ends_on": "2025-09-30",
        "description": "",
    }
    data.update(changes)
    return data


def campaign_count(school):
    with scopes_disabled():
        return Campaign.all_objects.filter(school=school).count()


# ---- categories -----------------------------------------------------------------------


def test_a_category_name_the_school_already_has_is_refused(staff_client, school):
    response = staff_client.post(
        reverse("activities:category_create"), {"name": " 文体活动 ", "section": SummarySection.CULTURE, "position": 1}
    )
    assert errors_of(response, "name") == ["本校已有名为“文体活动”的类别。"]
    with scopes_disabled():
        assert Category.objects.filter(school=school, name="文体活动").count() == 1


def test_renaming_a_category_to_another_ones_name_is_refused(staff_client, school):
    with scopes_disabled():
        category = Category.objects.get(school=school, name="理论学习")
    response = staff_client.post(
        reverse("activities:category_update", args=[category.pk]),
        {"name": "民主管理", "section": SummarySection.ETHICS, "position": 2, "is_active": "on"},
    )
    assert errors_of(response, "name") == ["本校已有名为“民主管理”的类别。"]


def test_another_schools_category_name_is_free(staff_client, school, other_school):
    with scopes_disabled():
        Category.objects.create(school=other_school, name="教工读书会", section=SummarySection.CULTURE)
    response = staff_client.post(
        reverse("activities:category_create"), {"name": "教工读书会", "section": SummarySection.CULTURE, "position": 30}
    )
    assert response.status_code == 302


def test_a_category_without_name_or_section_is_refused(staff_client):
    response = staff_client.post(reverse("activities:category_create"), {"name": "  ", "section": "", "position": ""})
    assert errors_of(response, "name") == ["这个字段是必填项。"]
    assert errors_of(response, "section") == ["这个字段是必填项。"]


def test_an_absurd_category_order_is_refused(staff_client):
    response = staff_client.post(
        reverse("activities:category_create"), {"name": "其他", "section": SummarySection.OTHER, "position": 100000}
    )
    assert errors_of(response, "position")  # Django's own Chinese message
    assert "999" in errors_of(response, "position")[0]


# ---- campaigns ------------------------------------------------------------------------


def test_a_campaign_ending_before_its_launch_is_refused(staff_client, school, ethics):
    response = staff_client.post(
        reverse("activities:campaign_create"), campaign_post(ethics, launched_on="2025-09-01", ends_on="2025-08-31")
    )
    assert errors_of(response, "ends_on") == ["结束日期早于启动日期。"]
    assert campaign_count(school) == 0


def test_the_same_numbered_campaign_twice_is_refused(staff_client, school, ethics):
    with scopes_disabled():
        CampaignFactory(school=school, title="师德建设月", number=11)
    response = staff_client.post(reverse("activities:campaign_create"), campaign_post(ethics, launched_on="2026-09-01"))
    assert errors_of(response, "number") == ["本校已有“第十一个师德建设月”。"]
    assert campaign_count(school) == 1


def test_an_unnumbered_campaign_may_recur_but_not_twice_a_year(staff_client, school, ethics):
    with scopes_disabled():
        CampaignFactory(school=school, title="教学月", number=None, launched_on="2025-03-01")
    twice = staff_client.post(
        reverse("activities:campaign_create"),
        campaign_post(ethics, title="教学月", number="", launched_on="2025-10-01", ends_on=""),
    )
    assert errors_of(twice, "title") == ["本校已有“教学月”。"]
    next_year = staff_client.post(
        reverse("activities:campaign_create"),
        campaign_post(ethics, title="教学月", number="", launched_on="2026-03-01", ends_on=""),
    )
    assert next_year.status_code == 302


@pytest.mark.parametrize(
    "number,message",
    [("0", "届次从1（第一个）开始计。"), ("100", "届次不能超过99。"), ("-3", None)],
)
def test_a_nonsense_edition_is_refused(staff_client, school, ethics, number, message):
    response = staff_client.post(reverse("activities:campaign_create"), campaign_post(ethics, number=number))
    errors = errors_of(response, "number")
    assert errors
    if message:
        assert message in errors
    assert campaign_count(school) == 0


def test_a_title_with_its_number_written_in_is_refused(staff_client, ethics):
    response = staff_client.post(
        reverse("activities:campaign_create"), campaign_post(ethics, title="第十一个师德建设月")
    )
    assert errors_of(response, "title") == ["名称里不要写“第几个”（只写“师德建设月”），届次请填在“届次”一栏。"]


def test_a_campaign_needs_a_title_a_category_and_a_launch_date(staff_client, ethics):
    response = staff_client.post(
        reverse("activities:campaign_create"), {**campaign_post(ethics, title="", launched_on=""), "category": ""}
    )
    for field in ("title", "category", "launched_on"):
        assert errors_of(response, field) == ["这个字段是必填项。"], field


def test_a_campaign_with_an_impossible_date_is_refused(staff_client, ethics):
    response = staff_client.post(reverse("activities:campaign_create"), campaign_post(ethics, launched_on="2025-02-30"))
    assert errors_of(response, "launched_on") == ["输入一个有效的日期。"]


def test_a_campaign_in_another_schools_category_or_one_out_of_use_is_refused(staff_client, school, other_school):
    with scopes_disabled():
        theirs = Category.objects.filter(school=other_school).first()
        retired = Category.objects.get(school=school, name="理论学习")
        retired.is_active = False
        retired.save()
    for category in (theirs, retired):
        response = staff_client.post(reverse("activities:campaign_create"), campaign_post(category))
        assert errors_of(response, "category") == ["请选择本校正在使用的类别。"]
    assert campaign_count(school) == 0


# ---- clubs ----------------------------------------------------------------------------


def club_post(**changes):
    data = {"name": "篮球队", "leader": "", "schedule": "每周二下午", "members": [], "description": ""}
    data.update(changes)
    return data


def club_count(school):
    with scopes_disabled():
        return Club.all_objects.filter(school=school).count()


def test_a_club_member_from_another_school_is_refused(staff_client, school, other_member, member):
    response = staff_client.post(reverse("activities:club_create"), club_post(members=[member.pk, other_member.pk]))
    assert errors_of(response, "members") == ["所选会员（编号 {}）不是本校会员。".format(other_member.pk)]
    assert club_count(school) == 0


def test_a_club_leader_from_another_school_is_refused(staff_client, school, other_member):
    response = staff_client.post(reverse("activities:club_create"), club_post(leader=other_member.pk))
    assert errors_of(response, "leader") == ["负责人必须是本校会员。"]
    assert club_count(school) == 0


def test_a_deleted_member_cannot_join_a_club(staff_client, school):
    with scopes_disabled():
        gone = MemberFactory(school=school)
        gone.soft_delete()
    response = staff_client.post(reverse("activities:club_create"), club_post(members=[gone.pk]))
    assert errors_of(response, "members") == ["所选会员（编号 {}）不是本校会员。".format(gone.pk)]


def test_a_club_name_the_school_already_has_is_refused(staff_client, school):
    with scopes_disabled():
        ClubFactory(school=school, name="篮球队")
    response = staff_client.post(reverse("activities:club_create"), club_post(name="篮球队"))
    assert errors_of(response, "name") == ["本校已有名为“篮球队”的俱乐部或球队。"]
    assert club_count(school) == 1


def test_a_club_without_a_name_is_refused(staff_client, school):
    response = staff_client.post(reverse("activities:club_create"), club_post(name=" "))
    assert errors_of(response, "name") == ["这个字段是必填项。"]
    assert club_count(school) == 0


def test_a_refused_club_edit_changes_no_membership(staff_client, school, member, other_member):
    with scopes_disabled():
        club = ClubFactory(school=school, name="书法社")
        club.members.set([member])
    response = staff_client.post(
        reverse("activities:club_update", args=[club.pk]),
        club_post(name="书法社", members=[other_member.pk], loaded_version=club.version),
    )
    assert errors_of(response, "members")
    with scopes_disabled():
        assert list(club.members.all()) == [member]
        assert club.history.count() == 2  # created, members set: nothing more


def test_a_deleted_club_is_not_restored_beside_a_new_one_of_its_name(chair_client, school):
    with scopes_disabled():
        old = ClubFactory(school=school, name="篮球队")
        old.soft_delete()
        ClubFactory(school=school, name="篮球队")
    response = chair_client.post(reverse("activities:club_restore", args=[old.pk]), follow=True)
    assert "无法恢复“篮球队”：本校现在已有同名的一项。" in [str(m) for m in response.context["messages"]]
    with scopes_disabled():
        old.refresh_from_db()
    assert old.is_deleted


def test_a_deleted_campaign_is_not_restored_beside_its_replacement(chair_client, school):
    with scopes_disabled():
        old = CampaignFactory(school=school, title="师德建设月", number=11)
        old.soft_delete()
        CampaignFactory(school=school, title="师德建设月", number=11)
    chair_client.post(reverse("activities:campaign_restore", args=[old.pk]))
    with scopes_disabled():
        old.refresh_from_db()
    assert old.is_deleted


def test_namesakes_are_told_apart_in_the_leader_choice(staff_client, school):
    with scopes_disabled():
        MemberFactory(school=school, name="王伟", department=DepartmentFactory(school=school, name="语文组"))
        MemberFactory(school=school, name="王伟", department=DepartmentFactory(school=school, name="数学组"))
    html = staff_client.get(reverse("activities:club_create")).content.decode()
    leader_select = html.split('name="leader"')[1].split("</select>")[0]
    assert "王伟（语文组）" in leader_select and "王伟（数学组）" in leader_select
