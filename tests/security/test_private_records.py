"""A teacher's request for another teacher's private record answers 404, exactly as for a
record that does not exist: neither the status nor the page tells that it exists."""

import re

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from ..factories import MemberFactory
from .test_permission_matrix import MISSING_PK, OBJECT_KINDS, make_object

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

# Pages a teacher opens for their own record (or one they take part in).
PRIVATE_PAGES = [
    "members:member_detail",
    "members:member_photo",
    "activities:activity_detail",
    "activities:activity_photo",
    "activities:award_detail",
    "activities:mentor_detail",
    "activities:care_pair_detail",
    "activities:visit_detail",
    "activities:greeting_detail",
]


def page(response, url):
    """The page without its own address and CSRF tokens, which differ at every answer."""
    html = response.content.decode().replace(url, "")
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", html)
    return re.sub(r'"X-CSRFToken": "[^"]*"', "", html)


@pytest.fixture
def teacher_with_record(teacher, school):
    with scopes_disabled():
        return MemberFactory(school=school, user=teacher)


@pytest.mark.parametrize("name", PRIVATE_PAGES)
def test_a_colleagues_record_answers_a_teacher_as_a_missing_one(teacher_client, teacher_with_record, school, name):
    colleagues = make_object(OBJECT_KINDS[name], school)

    colleague_url, missing_url = (reverse(name, kwargs={"pk": pk}) for pk in (colleagues.pk, MISSING_PK))
    colleague, missing = teacher_client.get(colleague_url), teacher_client.get(missing_url)

    assert colleague.status_code == missing.status_code == 404
    assert page(colleague, colleague_url) == page(missing, missing_url)


def test_a_teacher_saving_a_colleagues_care_month_is_answered_as_for_a_missing_pair(
    teacher_client, teacher_with_record, school
):
    pair = make_object(OBJECT_KINDS["activities:care_log_save"], school)
    data = {"month": "2025-11", "talks": "6", "tutoring": "8"}

    colleague_url, missing_url = (
        reverse("activities:care_log_save", kwargs={"pk": pk}) for pk in (pair.pk, MISSING_PK)
    )
    colleague, missing = teacher_client.post(colleague_url, data), teacher_client.post(missing_url, data)

    assert colleague.status_code == missing.status_code == 404
    assert page(colleague, colleague_url) == page(missing, missing_url)
