"""Every award, promotion and mentoring form refuses what makes no sense, in Chinese, on the
field at fault, and writes nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope, scopes_disabled

from activities.models import Award, MentorMeeting, MentorPair, Promotion
from activities.periods import school_year_of

from ..activity_factories import MentorPairFactory, PromotionFactory
from ..factories import MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


def count(model):
    with scopes_disabled():
        return model._base_manager.count()


def award_data(**changes):
    data = {
        "title": "区青年教师基本功比赛",
        "kind": "competition",
        "level": "3",  # 区级
        "rank": "一等奖",
        "awarded_on": "2025-10-15",
        "issuer": "清溪区教育局",
        "recipient_kind": "members",
        "group_name": "",
        "club": "",
    }
    data.update(changes)
    return data


def post_award(client, **changes):
    before = count(Award)
    response = client.post(reverse("activities:award_create"), award_data(**changes))
    assert response.status_code == 200, "the form should be shown again"
    assert count(Award) == before, "a refused form saved an award"
    return response.context["form"].errors, response.content.decode()


@pytest.fixture
def colleague(school):
    return MemberFactory(school=school, name="周敏")


def test_an_award_dated_in_the_future_is_refused(staff_client, colleague):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    errors, page = post_award(staff_client, awarded_on=tomorrow.isoformat(), members=[colleague.pk])

    assert list(errors) == ["awarded_on"]
    assert "是将来的日期；请在事情发生后再登记" in page


def test_a_group_award_needs_the_group_name(staff_client):
    errors, page = post_award(staff_client, recipient_kind="group", group_name="  ")

    assert list(errors) == ["group_name"]
    assert "集体名称：请填写获奖集体的名称，例如高年级语文组。" in page


def test_a_members_award_needs_members(staff_client):
    errors, page = post_award(staff_client, recipient_kind="members")

    assert list(errors) == ["members"]
    assert "获奖会员：请至少选择一位获奖的会员。" in page


def test_an_award_to_the_school_lists_no_members_and_no_group(staff_client, colleague):
    errors, page = post_award(staff_client, recipient_kind="school", members=[colleague.pk], group_name="语文组")

    assert set(errors) == {"members", "group_name"}
    assert "获奖会员：获奖者为学校时不选会员" in page
    assert "集体名称：获奖者为学校时不填集体名称" in page


def test_a_group_award_lists_no_members(staff_client, colleague):
    errors, page = post_award(staff_client, recipient_kind="group", group_name="语文组", members=[colleague.pk])

    assert list(errors) == ["members"]
    assert "获奖会员：获奖者为集体时不选会员" in page


def test_an_award_to_a_member_of_another_school_is_refused(staff_client, other_member):
    errors, _page = post_award(staff_client, members=[other_member.pk])

    # The member picker words the refusal (members/pickers.py).
    assert list(errors) == ["members"]


def test_an_award_for_a_club_of_another_school_is_refused(staff_client, colleague, other_school):
    from ..activity_factories import ClubFactory

    club = ClubFactory(school=other_school)
    errors, _page = post_award(staff_client, members=[colleague.pk], club=club.pk)

    assert list(errors) == ["club"]


def test_the_award_form_requires_title_kind_level_and_date_in_chinese(staff_client, colleague):
    errors, page = post_award(staff_client, title="", kind="", level="", awarded_on="", members=[colleague.pk])

    assert set(errors) == {"title", "kind", "level", "awarded_on"}
    assert "这个字段是必填项。" in page


# ---- promotions ------------------------------------------------------------------------


def post_promotion(client, **data):
    before = count(Promotion)
    response = client.post(reverse("activities:promotion_create"), data)
    assert response.status_code == 200
    assert count(Promotion) == before
    return response.context["form"].errors, response.content.decode()


def test_a_promotion_in_the_future_is_refused(staff_client, colleague):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    errors, page = post_promotion(staff_client, member=colleague.pk, title="senior", promoted_on=tomorrow.isoformat())

    assert list(errors) == ["promoted_on"]
    assert "是将来的日期" in page


def test_a_promotion_of_a_member_of_another_school_is_refused(staff_client, other_member):
    errors, page = post_promotion(staff_client, member=other_member.pk, title="senior", promoted_on="2025-09-01")

    assert list(errors) == ["member"]
    assert "选择一个有效的选项" in page


def test_a_promotion_to_not_yet_rated_is_not_offered(staff_client, colleague):
    errors, _page = post_promotion(staff_client, member=colleague.pk, title="none", promoted_on="2025-09-01")

    assert list(errors) == ["title"]


def test_promotions_must_rise_over_time(staff_client, school, colleague):
    with scope(school=[school.pk]):
        PromotionFactory(school=school, member=colleague, title="senior", promoted_on=datetime.date(2024, 9, 1))

    errors, page = post_promotion(staff_client, member=colleague.pk, title="first", promoted_on="2025-09-01")

    assert list(errors) == ["title"]
    assert "新职称：周敏已于2024年9月1日晋升为高级教师，职称晋升应逐级向上" in page

    # The same title twice is refused too; an earlier, lower title is fine.
    errors, _page = post_promotion(staff_client, member=colleague.pk, title="senior", promoted_on="2025-09-01")
    assert list(errors) == ["title"]
    response = staff_client.post(
        reverse("activities:promotion_create"), {"member": colleague.pk, "title": "first", "promoted_on": "2019-09-01"}
    )
    assert response.status_code == 302


# ---- mentor pairs ----------------------------------------------------------------------


def pair_data(mentor, mentee, **changes):
    data = {"mentor": mentor.pk, "mentee": mentee.pk, "subject": "语文", "school_year": "2025", "goals": ""}
    data.update(changes)
    return data


def post_pair(client, data):
    before = count(MentorPair)
    response = client.post(reverse("activities:mentor_create"), data)
    assert response.status_code == 200
    assert count(MentorPair) == before
    return response.context["form"].errors, response.content.decode()


def test_a_teacher_cannot_mentor_themselves(staff_client, colleague):
    errors, page = post_pair(staff_client, pair_data(colleague, colleague))

    assert list(errors) == ["mentee"]
    assert "徒弟：师父和徒弟不能是同一位教师，请另选一位。" in page
    assert page.count("师父和徒弟不能是同一位教师") == 1, "said once, on the mentee"


def test_a_mentor_of_another_school_is_refused(staff_client, colleague, other_member):
    errors, page = post_pair(staff_client, pair_data(other_member, colleague))

    assert list(errors) == ["mentor"]
    assert "选择一个有效的选项" in page
    errors, _page = post_pair(staff_client, pair_data(colleague, other_member))
    assert list(errors) == ["mentee"]


def test_the_same_pair_twice_in_a_school_year_is_refused(staff_client, school, colleague):
    mentee = MemberFactory(school=school, name="吴强")
    with scope(school=[school.pk]):
        MentorPairFactory(school=school, mentor=colleague, mentee=mentee, school_year=2025)

    errors, page = post_pair(staff_client, pair_data(colleague, mentee))

    assert list(errors) == ["mentee"]
    assert "徒弟：周敏与吴强在2025—2026学年已经结对。" in page
    response = staff_client.post(reverse("activities:mentor_create"), pair_data(colleague, mentee, school_year="2026"))
    assert response.status_code == 302


def test_a_school_year_out_of_the_offered_range_is_refused(staff_client, school, colleague):
    errors, _page = post_pair(staff_client, pair_data(colleague, MemberFactory(school=school), school_year="1990"))

    assert list(errors) == ["school_year"]


# ---- meetings --------------------------------------------------------------------------


@pytest.fixture
def pair(school):
    with scope(school=[school.pk]):
        return MentorPairFactory(school=school, school_year=2025)


@pytest.fixture
def pair_of_this_school_year(school):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    with scope(school=[school.pk]):
        return MentorPairFactory(school=school, school_year=school_year_of(tomorrow))


def post_meeting(client, pair, **data):
    before = count(MentorMeeting)
    response = client.post(reverse("activities:mentor_meeting_create", args=[pair.pk]), data)
    assert response.status_code == 200, "the pair's page is shown again with the form's errors"
    assert count(MentorMeeting) == before
    return response.context["meeting_form"].errors, response.content.decode()


def test_a_meeting_in_the_future_is_refused(staff_client, pair_of_this_school_year):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    errors, page = post_meeting(staff_client, pair_of_this_school_year, met_on=tomorrow.isoformat(), topic="听课")

    assert list(errors) == ["met_on"]
    assert "是将来的日期" in page


def test_a_meeting_outside_the_pairs_school_year_is_refused(staff_client, pair):
    errors, page = post_meeting(staff_client, pair, met_on="2025-08-31", topic="听课")

    assert list(errors) == ["met_on"]
    assert "日期：该结对属于2025—2026学年（2025年9月1日至2026年8月31日），2025年8月31日不在其中。" in page


def test_a_meeting_needs_a_topic(staff_client, pair):
    errors, _page = post_meeting(staff_client, pair, met_on="2025-10-01", topic=" ")

    assert list(errors) == ["topic"]
