"""A new record and its members are one write: if saving the members fails, the record is not
left behind without them (awards, visits: the create views save a row and a many-to-many)."""

from unittest import mock

import pytest
from django.forms.models import BaseModelForm
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import Award, Visit

from ..factories import MemberFactory
from .factories_welfare import visit_data

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


def _failing_m2m(self):
    raise RuntimeError("the members could not be saved")


def test_an_award_whose_members_fail_to_save_is_not_left_behind(staff_client, school):
    members = [MemberFactory(school=school, name=name) for name in ("周敏", "吴强")]
    data = {
        "title": "区青年教师基本功比赛",
        "kind": "competition",
        "level": "2",
        "rank": "一等奖",
        "awarded_on": "2025-10-15",
        "issuer": "清溪区教育局",
        "recipient_kind": "members",
        "group_name": "",
        "club": "",
        "members": [m.pk for m in members],
    }

    with mock.patch.object(BaseModelForm, "_save_m2m", _failing_m2m), pytest.raises(RuntimeError):
        staff_client.post(reverse("activities:award_create"), data)

    with scopes_disabled():
        assert not Award.all_objects.exists()


def test_a_visit_whose_visitors_fail_to_save_is_not_left_behind(staff_client, school):
    visited, visitor = MemberFactory(school=school, name="张三"), MemberFactory(school=school, name="李四")

    with mock.patch.object(BaseModelForm, "_save_m2m", _failing_m2m), pytest.raises(RuntimeError):
        staff_client.post(reverse("activities:visit_create"), visit_data(visited, visitors=[visitor.pk]))

    with scopes_disabled():
        assert not Visit.all_objects.exists()
