"""Democratic evaluations and suggestion drives: pages, bad input, adoption."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from congress.models import DemocraticEvaluation, Suggestion, SuggestionDrive

from ..factories import MemberFactory
from .factories import SuggestionDriveFactory, SuggestionFactory
from .test_views import count_queries

pytestmark = [pytest.mark.django_db]


def test_evaluation_recorded_and_shown(staff_client):
    response = staff_client.post(
        reverse("congress:evaluation_create"),
        {
            "subject": "校长张明",
            "evaluated_on": "2025-06-20",
            "excellent": 40,
            "competent": 15,
            "basically_competent": 3,
            "incompetent": 2,
            "result": "称职",
        },
        follow=True,
    )
    assert "91.7%" in response.content.decode()


def test_evaluation_without_ballots_refused(staff_client):
    data = {"subject": "校长", "evaluated_on": "2025-06-20", "excellent": 0, "competent": 0}
    data.update(basically_competent=0, incompetent=0)
    response = staff_client.post(reverse("congress:evaluation_create"), data)
    assert "请填写纸质选票的统计数。" in response.content.decode()
    with scopes_disabled():
        assert not DemocraticEvaluation.objects.exists()


def test_drive_window_ending_before_it_opens_refused(staff_client):
    response = staff_client.post(
        reverse("congress:drive_create"), {"title": "金点子征集", "opens_on": "2025-04-30", "closes_on": "2025-04-01"}
    )
    assert "截止日期不能早于开始日期。" in response.content.decode()
    with scopes_disabled():
        assert not SuggestionDrive.objects.exists()


def test_suggestion_added_and_adopted(staff_client, school):
    with scopes_disabled():
        drive = SuggestionDriveFactory(school=school)
        member = MemberFactory(school=school)
    staff_client.post(
        reverse("congress:suggestion_add", args=[drive.pk]),
        {"new-text": "增设饮水机", "new-received_on": "2025-04-10", "new-member": member.pk},
    )
    with scopes_disabled():
        suggestion = Suggestion.objects.get()
    staff_client.post(
        reverse("congress:suggestion_update", args=[suggestion.pk]), {"evaluation": "可行", "adopted": "on"}
    )
    with scopes_disabled():
        suggestion.refresh_from_db()
    assert suggestion.adopted and suggestion.evaluation == "可行" and suggestion.member == member
    response = staff_client.get(reverse("congress:drive_list"))
    assert "收到1条，采纳1条" in response.content.decode()


def test_suggestion_of_other_school_member_refused(staff_client, school, other_school):
    with scopes_disabled():
        drive = SuggestionDriveFactory(school=school)
        stranger = MemberFactory(school=other_school)
    staff_client.post(
        reverse("congress:suggestion_add", args=[drive.pk]),
        {"new-text": "增设饮水机", "new-received_on": "2025-04-10", "new-member": stranger.pk},
    )
    with scopes_disabled():
        assert not Suggestion.objects.exists()


@pytest.mark.parametrize("name", ["congress:drive_list", "congress:evaluation_list"])
def test_query_count_does_not_grow(staff_client, school, name):
    from .factories import DemocraticEvaluationFactory

    def add(count):
        with scopes_disabled():
            for _ in range(count):
                SuggestionFactory(drive__school=school)
                DemocraticEvaluationFactory(school=school)

    add(2)
    small = count_queries(staff_client, reverse(name))
    add(20)
    assert count_queries(staff_client, reverse(name)) == small


def test_minimum_seconders_set_per_school(staff_client, school):
    from congress.services import min_seconders

    assert staff_client.get(reverse("congress:settings")).status_code == 200
    staff_client.post(reverse("congress:settings"), {"min_seconders": 3})
    staff_client.post(reverse("congress:settings"), {"min_seconders": 4})
    with scopes_disabled():
        assert min_seconders(school.pk) == 4
