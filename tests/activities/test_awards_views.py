"""Awards, promotions and mentor pairs through their pages: recording, filtering, the roster's
title following the latest promotion, deleting and restoring, and what a teacher may open."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from activities.choices import AwardKind, AwardLevel, AwardRecipientKind
from activities.models import Award, MentorMeeting, MentorPair, Promotion
from members.models import Member

from ..activity_factories import AwardFactory, ClubFactory, MentorMeetingFactory, MentorPairFactory, PromotionFactory
from ..factories import MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

D = datetime.date
THIS_YEAR = timezone.localdate().year


@pytest.fixture
def scoped(school):
    with scope(school=[school.pk]):
        yield school


def reload(obj):
    with scopes_disabled():
        return type(obj)._base_manager.get(pk=obj.pk)


def award_data(**changes):
    data = {
        "title": "区青年教师基本功比赛",
        "kind": "competition",
        "level": str(AwardLevel.DISTRICT.value),
        "rank": "一等奖",
        "awarded_on": "2025-10-15",
        "issuer": "清溪区教育局",
        "recipient_kind": "members",
        "group_name": "",
        "club": "",
    }
    data.update(changes)
    return data


# ---- awards ----------------------------------------------------------------------------


def test_staff_record_an_award_to_three_members_and_see_it(staff_client, school):
    members = [MemberFactory(school=school, name=name) for name in ("周敏", "吴强", "刘洋")]
    response = staff_client.post(reverse("activities:award_create"), award_data(members=[m.pk for m in members]))

    with scopes_disabled():
        award = Award.objects.get()
        assert set(award.members.all()) == set(members)
    assert response.status_code == 302
    assert response["Location"] == reverse("activities:award_detail", args=[award.pk])
    page = staff_client.get(response["Location"]).content.decode()
    assert "区青年教师基本功比赛" in page
    assert "一等奖" in page and "区级" in page and "比赛获奖" in page
    assert "周敏" in page and "吴强" in page and "刘洋" in page
    assert "（3人次）" in page
    assert "2025年10月15日" in page


def test_an_award_to_a_group_or_to_the_school_keeps_no_members(staff_client, school):
    response = staff_client.post(
        reverse("activities:award_create"),
        award_data(recipient_kind="group", group_name=" 高年级语文组 ", title="学习型组织", kind="honour"),
    )
    assert response.status_code == 302
    response = staff_client.post(
        reverse("activities:award_create"),
        award_data(recipient_kind="school", title="校务公开先进集体", kind="honour", level=str(AwardLevel.CITY.value)),
    )
    assert response.status_code == 302
    with scopes_disabled():
        group, whole_school = Award.objects.order_by("pk")
        assert group.group_name == "高年级语文组" and not group.members.exists()
        assert whole_school.group_name == "" and not whole_school.members.exists()
    page = staff_client.get(whole_school.get_absolute_url()).content.decode()
    assert '<dd class="col-8 col-sm-9" data-field="recipients">' in page and "学校" in page


def test_an_award_links_a_clubs_result_to_the_club(staff_client, school):
    club = ClubFactory(school=school, name="教工篮球队")
    response = staff_client.post(
        reverse("activities:award_create"),
        award_data(
            recipient_kind="group", group_name="教工篮球队", title="区教育系统篮球比赛", rank="二等奖", club=club.pk
        ),
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Award.objects.get().club == club
    assert "教工篮球队" in staff_client.get(response["Location"]).content.decode()


def test_an_edit_refuses_to_overwrite_a_save_made_meanwhile(staff_client, scoped):
    award = AwardFactory(school=scoped, recipient_kind=AwardRecipientKind.SCHOOL)
    url = reverse("activities:award_update", args=[award.pk])
    loaded = award.version
    first = staff_client.post(url, award_data(recipient_kind="school", rank="二等奖", loaded_version=loaded))
    assert first.status_code == 302

    second = staff_client.post(url, award_data(recipient_kind="school", rank="特等奖", loaded_version=loaded))

    assert second.status_code == 200
    assert reload(award).rank == "二等奖"
    assert "二等奖" in second.content.decode(), "the page shows what changed meanwhile"


def test_the_chair_deletes_an_award_and_restores_it(chair_client, scoped):
    award = AwardFactory(school=scoped, title="市优秀论文", recipient_kind=AwardRecipientKind.SCHOOL)

    response = chair_client.post(reverse("activities:award_delete", args=[award.pk]))

    assert response.status_code == 302 and response["Location"] == reverse("activities:award_list")
    assert reload(award).is_deleted
    assert titles(chair_client.get(reverse("activities:award_list"), {"year": ""})) == []
    assert "市优秀论文" in chair_client.get(reverse("activities:trash")).content.decode()

    response = chair_client.post(reverse("activities:award_restore", args=[award.pk]))

    assert response.status_code == 302 and response["Location"] == award.get_absolute_url()
    assert not reload(award).is_deleted


@pytest.fixture
def awards_over_years(scoped):
    zhou, wu = MemberFactory(school=scoped, name="周敏"), MemberFactory(school=scoped, name="吴强")
    AwardFactory(school=scoped, title="今年区赛", members=[zhou, wu], awarded_on=timezone.localdate())
    AwardFactory(
        school=scoped,
        title="今年市级课题",
        kind=AwardKind.RESEARCH,
        level=AwardLevel.CITY,
        members=[wu],
        awarded_on=timezone.localdate(),
    )
    AwardFactory(school=scoped, title="前年省赛", level=AwardLevel.PROVINCE, members=[zhou], awarded_on=D(2024, 5, 4))
    return zhou, wu


def titles(response):
    return [award.title for award in response.context["awards"]]


def test_the_award_list_shows_this_year_by_default_with_its_figures(staff_client, awards_over_years):
    response = staff_client.get(reverse("activities:award_list"))

    assert sorted(titles(response)) == ["今年区赛", "今年市级课题"]
    page = response.content.decode()
    assert "{}年概况".format(THIS_YEAR) in page
    assert "2人次在区级及以上比赛中获奖；1个市级课题。" in page
    assert "共2项，3人次。" in page
    figures = response.context["figures"]
    assert figures["person_times"] == 3
    # The kind × level table: competitions at district level, 2 person-times.
    assert response.context["figure_rows"][0]["cells"] == [0, 0, 2, 0, 0, 0]


def test_the_award_list_filters_by_year_kind_level_and_member(staff_client, awards_over_years):
    zhou, wu = awards_over_years
    url = reverse("activities:award_list")

    assert sorted(titles(staff_client.get(url, {"year": ""}))) == ["今年区赛", "今年市级课题", "前年省赛"]
    assert titles(staff_client.get(url, {"year": "2024"})) == ["前年省赛"]
    assert titles(staff_client.get(url, {"kind": "research"})) == ["今年市级课题"]
    assert titles(staff_client.get(url, {"year": "", "level": str(AwardLevel.PROVINCE.value)})) == ["前年省赛"]
    assert sorted(titles(staff_client.get(url, {"year": "", "member": zhou.pk}))) == ["今年区赛", "前年省赛"]
    assert sorted(titles(staff_client.get(url, {"member": wu.pk}))) == ["今年区赛", "今年市级课题"]
    response = staff_client.get(url, {"year": "2024"})
    assert "2024年概况" in response.content.decode()
    assert response.context["figures"]["competition_person_times_district_and_above"] == 1


def test_the_award_list_ignores_a_member_of_another_school_in_its_filter(staff_client, awards_over_years, other_member):
    response = staff_client.get(reverse("activities:award_list"), {"member": other_member.pk})

    assert response.status_code == 200
    assert "member" in response.context["filter_form"].errors


# ---- promotions ------------------------------------------------------------------------


def promote(client, member, title, on, **extra):
    return client.post(
        reverse("activities:promotion_create"), {"member": member.pk, "title": title, "promoted_on": on, **extra}
    )


def test_a_new_latest_promotion_updates_the_roster_title_and_bumps_the_version(staff_client, school):
    member = MemberFactory(school=school, name="周敏", title="second")
    version = member.version

    response = promote(staff_client, member, "first", "2025-09-01")

    assert response.status_code == 302 and response["Location"] == reverse("activities:promotion_list")
    member = reload(member)
    assert (member.title, member.version) == ("first", version + 1)
    page = staff_client.get(response["Location"], {"year": "2025"}).content.decode()
    assert "花名册中周敏的职称已更新为一级教师。" in page
    assert "1位教师晋升职称（一级教师1人）" in page


def test_an_older_promotion_leaves_the_roster_alone(staff_client, school):
    member = MemberFactory(school=school, title="second")
    assert promote(staff_client, member, "senior", "2024-09-01").status_code == 302
    version = reload(member).version

    assert promote(staff_client, member, "first", "2019-09-01").status_code == 302

    member = reload(member)
    assert (member.title, member.version) == ("senior", version)


def test_deleting_the_latest_promotion_falls_back_to_the_one_before_and_restoring_it_returns(chair_client, scoped):
    member = MemberFactory(school=scoped, title="senior")
    PromotionFactory(school=scoped, member=member, title="first", promoted_on=D(2018, 9, 1))
    latest = PromotionFactory(school=scoped, member=member, title="senior", promoted_on=D(2024, 9, 1))

    chair_client.post(reverse("activities:promotion_delete", args=[latest.pk]))
    assert reload(member).title == "first"

    chair_client.post(reverse("activities:promotion_restore", args=[latest.pk]))
    assert reload(member).title == "senior"


def test_deleting_the_only_promotion_leaves_the_roster_title(chair_client, scoped):
    member = MemberFactory(school=scoped, title="senior")
    only = PromotionFactory(school=scoped, member=member, title="senior", promoted_on=D(2024, 9, 1))

    chair_client.post(reverse("activities:promotion_delete", args=[only.pk]))

    assert reload(only).is_deleted and reload(member).title == "senior"


def test_moving_a_promotion_to_another_member_updates_both(staff_client, scoped):
    wrong = MemberFactory(school=scoped, name="周敏", title="second")
    right = MemberFactory(school=scoped, name="吴强", title="second")
    PromotionFactory(school=scoped, member=wrong, title="second", promoted_on=D(2015, 9, 1))
    promotion = PromotionFactory(school=scoped, member=wrong, title="first", promoted_on=D(2025, 9, 1))
    with scopes_disabled():
        Member.objects.filter(pk=wrong.pk).update(title="first")

    response = staff_client.post(
        reverse("activities:promotion_update", args=[promotion.pk]),
        {"member": right.pk, "title": "first", "promoted_on": "2025-09-01", "loaded_version": promotion.version},
    )

    assert response.status_code == 302
    assert reload(promotion).member_id == right.pk
    assert reload(right).title == "first"
    assert reload(wrong).title == "second"


def test_a_promotion_saves_nothing_when_the_roster_update_fails(staff_client, school, monkeypatch):
    """One transaction: the promotion is not kept when the roster cannot follow."""
    from activities.services import awards as services

    member = MemberFactory(school=school, title="second")

    def broken(member, title):
        raise RuntimeError("the roster is unavailable")

    monkeypatch.setattr(services, "_set_title", broken)
    staff_client.raise_request_exception = True
    with pytest.raises(RuntimeError):
        promote(staff_client, member, "first", "2025-09-01")

    with scopes_disabled():
        assert not Promotion.objects.exists()
    assert reload(member).title == "second"


def test_the_promotion_list_shows_the_years_promotions(staff_client, scoped):
    PromotionFactory(school=scoped, member=MemberFactory(school=scoped, name="周敏"), promoted_on=D(2025, 3, 1))
    PromotionFactory(school=scoped, member=MemberFactory(school=scoped, name="吴强"), promoted_on=D(2023, 3, 1))

    response = staff_client.get(reverse("activities:promotion_list"), {"year": "2025"})

    page = response.content.decode()
    assert "周敏" in page and "吴强" not in page
    assert "晋升为高级教师" in page


# ---- mentor pairs ----------------------------------------------------------------------


def test_staff_pair_a_mentor_and_record_meetings(staff_client, school):
    mentor, mentee = MemberFactory(school=school, name="周敏"), MemberFactory(school=school, name="吴强")

    response = staff_client.post(
        reverse("activities:mentor_create"),
        {"mentor": mentor.pk, "mentee": mentee.pk, "subject": "语文", "school_year": "2025", "goals": "站稳讲台"},
    )

    assert response.status_code == 302
    with scopes_disabled():
        pair = MentorPair.objects.get()
    assert response["Location"] == pair.get_absolute_url()
    for day, topic in (("2025-11-05", "听课评课"), ("2025-09-20", "师徒结对仪式")):
        response = staff_client.post(
            reverse("activities:mentor_meeting_create", args=[pair.pk]), {"met_on": day, "topic": topic}
        )
        assert response.status_code == 302
        assert response["Location"] == pair.get_absolute_url() + "#meetings"
    page = staff_client.get(pair.get_absolute_url()).content.decode()
    assert "周敏带教吴强" in page and "2025—2026学年" in page and "站稳讲台" in page
    assert page.index("师徒结对仪式") < page.index("听课评课"), "meetings in date order"
    with scopes_disabled():
        assert MentorMeeting.objects.filter(pair=pair).count() == 2


def test_the_mentor_list_shows_the_school_years_pairs_with_their_meetings(staff_client, scoped):
    pair = MentorPairFactory(
        school=scoped,
        mentor=MemberFactory(school=scoped, name="周敏"),
        mentee=MemberFactory(school=scoped, name="吴强"),
        school_year=2025,
    )
    MentorMeetingFactory(pair=pair, met_on=D(2025, 10, 8))
    MentorMeetingFactory(pair=pair, met_on=D(2025, 12, 3))
    MentorPairFactory(school=scoped, school_year=2024)

    response = staff_client.get(reverse("activities:mentor_list"), {"school_year": "2025"})

    assert [p.pk for p in response.context["pairs"]] == [pair.pk]
    page = response.content.decode()
    assert "周敏带教吴强" in page
    assert "活动2次，最近一次2025年12月3日" in page
    assert "2025—2026学年共1对师徒结对；开展师徒活动2次。" in page
    assert len(staff_client.get(reverse("activities:mentor_list"), {"school_year": ""}).context["pairs"]) == 2


# ---- what a teacher may open -----------------------------------------------------------


@pytest.fixture
def own(school, teacher):
    return MemberFactory(school=school, user=teacher, name="王伟")


def test_a_teacher_opens_an_award_they_won_but_not_a_colleagues(teacher_client, scoped, own):
    mine = AwardFactory(school=scoped, title="我的奖", members=[own, MemberFactory(school=scoped)])
    theirs = AwardFactory(school=scoped, members=[MemberFactory(school=scoped)])

    response = teacher_client.get(mine.get_absolute_url())

    assert response.status_code == 200
    page = response.content.decode()
    assert "我的奖" in page
    assert "修改记录" not in page and reverse("activities:award_update", args=[mine.pk]) not in page
    assert teacher_client.get(theirs.get_absolute_url()).status_code == 404
    assert teacher_client.get(reverse("activities:award_list")).status_code == 403


def test_a_teacher_opens_their_own_pair_but_cannot_add_meetings(teacher_client, scoped, own):
    pair = MentorPairFactory(school=scoped, mentee=own)
    other = MentorPairFactory(school=scoped)

    response = teacher_client.get(pair.get_absolute_url())

    assert response.status_code == 200
    assert "meeting-form" not in response.content.decode()
    assert teacher_client.get(other.get_absolute_url()).status_code == 404
    response = teacher_client.post(
        reverse("activities:mentor_meeting_create", args=[pair.pk]), {"met_on": "2025-10-01", "topic": "听课"}
    )
    assert response.status_code == 403


def test_awards_promotions_and_mentoring_appear_on_the_members_timeline(staff_client, scoped):
    member = MemberFactory(school=scoped, name="周敏")
    AwardFactory(
        school=scoped, title="区青年教师基本功比赛", rank="一等奖", members=[member], awarded_on=D(2025, 10, 15)
    )
    AwardFactory(school=scoped, title="别人的奖", members=[MemberFactory(school=scoped)])
    PromotionFactory(school=scoped, member=member, title="senior", promoted_on=D(2025, 9, 1))
    pair = MentorPairFactory(school=scoped, mentor=member, mentee=MemberFactory(school=scoped, name="吴强"))
    MentorMeetingFactory(pair=pair, met_on=D(2025, 11, 5), topic="听课评课")

    page = staff_client.get(member.get_absolute_url()).content.decode()

    assert "区级 区青年教师基本功比赛 一等奖" in page
    assert "别人的奖" not in page
    assert "晋升为高级教师" in page
    assert "带教徒弟吴强 · 2025—2026学年" in page
    assert "带教徒弟吴强：听课评课" in page
    page = staff_client.get(pair.mentee.get_absolute_url()).content.decode()
    assert "拜周敏为师" in page
