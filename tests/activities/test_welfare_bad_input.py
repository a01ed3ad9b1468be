"""Every welfare form refuses nonsense with a Chinese message on the field concerned, and saves nothing."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from activities.choices import Audience, HardshipStatus, VisitedPerson, VisitReason
from activities.models import GreetingBatch, HardshipCase, MutualAidGrant, Visit

from .factories_welfare import grant_data, greeting_data, hardship_data, make_member, visit_data, zh

pytestmark = pytest.mark.usefixtures("fast_password_hasher", "in_school")

TOMORROW = timezone.localdate() + datetime.timedelta(days=1)
NEGATIVE = zh("An amount cannot be negative.")


def absurd(amount):
    return zh(
        "%(amount)s yuan is more than the %(limit)s yuan a single payment may be; check the figure.",
        amount=amount,
        limit=50000,
    )


def future(date):
    return zh("%(date)s is in the future; record it once it has happened.", date=date.isoformat())


def refused(client, name, data, field, message):
    """POSTs ``data``; the form comes back with ``message`` on ``field`` and in the page."""
    response = client.post(reverse("activities:" + name), data)
    assert response.status_code == 200, response.status_code
    errors = response.context["form"].errors
    assert field in errors, errors
    assert message in errors[field], errors[field]
    assert message in response.content.decode()
    return response


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"amount": "-1.00"}, "amount", NEGATIVE),
        ({"amount": "1000000"}, "amount", absurd("1000000")),
        ({"visited_on": TOMORROW.isoformat()}, "visited_on", future(TOMORROW)),
        (
            {"visited_person": VisitedPerson.RELATIVE, "relative": "  "},
            "relative",
            zh("Name the relative who was visited."),
        ),
        ({"reason": VisitReason.OTHER, "reason_detail": ""}, "reason_detail", zh("Say what the visit was for.")),
    ],
)
def test_a_bad_visit_is_refused(staff_client, member, changes, field, message):
    refused(staff_client, "visit_create", visit_data(member, **changes), field, message)
    with scopes_disabled():
        assert not Visit.objects.exists()


def test_a_visit_to_a_member_of_another_school_is_refused(staff_client, other_school):
    stranger = make_member(other_school, name="外校人")
    response = staff_client.post(reverse("activities:visit_create"), visit_data(stranger))
    assert response.status_code == 200
    assert "选择一个有效的选项" in response.context["form"].errors["member"][0]
    with scopes_disabled():
        assert not Visit.objects.exists()


def test_a_visitor_from_another_school_is_refused(staff_client, member, other_school):
    stranger = make_member(other_school, name="外校人")
    response = staff_client.post(reverse("activities:visit_create"), visit_data(member, visitors=[stranger.pk]))
    assert response.status_code == 200
    assert "visitors" in response.context["form"].errors


def test_the_member_visited_cannot_be_a_visitor(staff_client, member):
    refused(
        staff_client,
        "visit_create",
        visit_data(member, visitors=[member.pk]),
        "visitors",
        zh("%(name)s is the member visited and cannot be one of the visitors.", name="张三"),
    )


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"amount_each": "-300"}, "amount_each", NEGATIVE),
        ({"amount_each": "1000000"}, "amount_each", absurd("1000000")),
        ({"given_on": TOMORROW.isoformat()}, "given_on", future(TOMORROW)),
    ],
)
def test_a_bad_greeting_is_refused(staff_client, member, changes, field, message):
    refused(staff_client, "greeting_create", greeting_data(audience=Audience.EVERYONE, **changes), field, message)
    with scopes_disabled():
        assert not GreetingBatch.objects.exists()


def test_a_greeting_for_a_festival_not_yet_come_is_refused(staff_client, member):
    """With no date given the festival's date is taken, and next year's festival has not come."""
    year = timezone.localdate().year + 1
    response = staff_client.post(reverse("activities:greeting_create"), greeting_data(year=year, given_on=""))
    assert response.status_code == 200
    assert "given_on" in response.context["form"].errors


def test_a_year_the_lunar_calendar_does_not_reach_is_refused(staff_client, member):
    refused(
        staff_client,
        "greeting_create",
        greeting_data(year=2100, given_on=""),
        "year",
        zh("The lunar calendar does not reach the year %(year)s.", year=2100),
    )


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"status": HardshipStatus.CLOSED, "closed_on": ""}, "closed_on", zh("Give the date the case was closed.")),
        (
            {"status": HardshipStatus.CLOSED, "closed_on": "2025-02-01"},
            "closed_on",
            zh("The end date is before the start date."),
        ),
        (
            {"status": HardshipStatus.OPEN, "closed_on": "2025-09-01"},
            "closed_on",
            zh("A case still being helped has no closing date: change the status or clear the date."),
        ),
        ({"opened_on": TOMORROW.isoformat()}, "opened_on", future(TOMORROW)),
    ],
)
def test_a_bad_hardship_file_is_refused(staff_client, member, changes, field, message):
    refused(staff_client, "hardship_create", hardship_data(member, **changes), field, message)
    with scopes_disabled():
        assert not HardshipCase.objects.exists()


@pytest.mark.parametrize(
    "changes,field,message",
    [
        ({"amount": "-10"}, "amount", NEGATIVE),
        ({"amount": "0"}, "amount", zh("A grant must be more than 0 yuan.")),
        ({"amount": "1000000"}, "amount", absurd("1000000")),
        ({"granted_on": TOMORROW.isoformat()}, "granted_on", future(TOMORROW)),
    ],
)
def test_a_bad_grant_is_refused(staff_client, member, changes, field, message):
    refused(staff_client, "mutual_aid_create", grant_data(member, **changes), field, message)
    with scopes_disabled():
        assert not MutualAidGrant.objects.exists()


def test_messages_are_chinese():
    assert NEGATIVE == "金额不能为负数。"
    assert zh("Name the relative who was visited.") == "慰问对象是亲属时，请填写亲属姓名。"
