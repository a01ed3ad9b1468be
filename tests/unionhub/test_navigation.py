"""The top navigation offers each role the pages it may open, and only those."""

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_chair_is_offered_democratic_management_and_the_annual_summary(chair_client):
    html = chair_client.get(reverse("reports:dashboard")).content.decode()
    year = timezone.localdate().year
    assert 'data-nav="democracy"' in html
    assert reverse("congress:session_list") in html
    assert reverse("congress:proposal_list") in html
    assert reverse("congress:term_list") in html
    assert reverse("disclosure:board") in html
    assert reverse("disclosure:notice_manage") in html
    assert reverse("disclosure:suggestion_list") in html
    assert reverse("reports:summary", kwargs={"year": year}) in html
    assert reverse("reports:plan", kwargs={"year": year}) in html
    assert "{}年工作总结".format(year) in html


def test_teacher_is_offered_the_board_sessions_and_proposals_but_no_management(teacher_client):
    html = teacher_client.get(reverse("reports:dashboard")).content.decode()
    assert reverse("disclosure:board") in html
    assert reverse("congress:session_list") in html
    assert reverse("congress:proposal_list") in html
    assert reverse("disclosure:suggestion_list") in html
    assert reverse("congress:term_list") not in html
    assert reverse("disclosure:notice_manage") not in html
    assert 'data-nav="summary"' not in html


def test_district_user_is_offered_neither_a_school_menu_nor_a_school_summary(client, district_user):
    client.force_login(district_user)
    html = client.get(reverse("reports:dashboard")).content.decode()
    assert 'data-nav="democracy"' not in html
    assert 'data-nav="summary"' not in html
