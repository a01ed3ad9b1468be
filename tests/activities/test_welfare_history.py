"""Every welfare record keeps its history: who changed what, when — also the rows written in bulk."""

from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.choices import Audience, HardshipStatus
from activities.models import GreetingBatch, GreetingRecipient, HardshipAid, HardshipCase, MutualAidGrant, Visit
from unionhub.history import history_entries

from .factories_welfare import grant_data, greeting_data, hardship_data, make_member, visit_data

pytestmark = pytest.mark.usefixtures("fast_password_hasher", "in_school")


def client_of(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def staff_client(staff):
    return client_of(staff)


@pytest.fixture
def chair_client(chair):
    return client_of(chair)


def url(name, *args):
    return reverse("activities:" + name, args=args)


def types(obj):
    return [record.history_type for record in obj.history.order_by("history_date", "history_id")]


def test_a_visit_keeps_its_history_with_its_visitors(staff_client, chair_client, staff, chair, school, member):
    visitor = make_member(school, name="陈静")
    staff_client.post(url("visit_create"), visit_data(member, visitors=[visitor.pk]))
    visit = Visit.objects.get()
    chair_client.post(
        url("visit_update", visit.pk),
        visit_data(member, amount="750.00", visitors=[visitor.pk], loaded_version=1),
    )
    chair_client.post(url("visit_delete", visit.pk))
    chair_client.post(url("visit_restore", visit.pk))

    records = list(visit.history.order_by("history_date", "history_id"))
    # Created (the visitors are saved just after the row: a second record holds them),
    # changed, deleted, restored.
    assert [r.history_type for r in records] == ["+", "~", "~", "~", "~"]
    assert [r.history_user for r in records] == [staff, staff, chair, chair, chair]
    assert [r.amount for r in records] == [Decimal("500.00")] * 2 + [Decimal("750.00")] * 3
    assert [r.deleted_at is not None for r in records] == [False, False, False, True, False]
    assert [m.member for m in records[0].visitors.all()] == []
    assert [m.member for m in records[1].visitors.all()] == [visitor]
    assert [m.member for m in records[2].visitors.all()] == [visitor]
    entries = history_entries(visit)
    assert {"field": "金额（元）", "old": "500.00", "new": "750.00"} in [
        {key: str(value) for key, value in change.items()} for change in entries[2]["changes"]
    ]


def test_a_greeting_and_its_bulk_written_recipients_keep_their_history(staff_client, staff, school):
    first, second = make_member(school, name="甲"), make_member(school, name="乙")
    staff_client.post(url("greeting_create"), greeting_data(audience=Audience.CHOSEN, members=[first.pk, second.pk]))
    batch = GreetingBatch.objects.get()
    one, two = GreetingRecipient.objects.filter(batch=batch).order_by("member__name_pinyin")
    staff_client.post(
        url("greeting_update", batch.pk),
        {
            **greeting_data(amount_each="300.00"),
            "loaded_version": 1,
            "recipients-TOTAL_FORMS": 2,
            "recipients-INITIAL_FORMS": 2,
            "recipients-0-id": one.pk,
            "recipients-0-amount": "450.00",
            "recipients-1-id": two.pk,
            "recipients-1-amount": "300.00",
            "recipients-1-DELETE": "on",
        },
    )

    assert types(batch) == ["+", "~"]
    assert types(one) == ["+", "~"]
    assert [r.amount for r in one.history.order_by("history_date", "history_id")] == [
        Decimal("300.00"),
        Decimal("450.00"),
    ]
    assert all(r.history_user == staff for r in one.history.all())
    with scopes_disabled():
        deleted = GreetingRecipient.history.filter(id=two.pk).order_by("history_date", "history_id")
        assert [r.history_type for r in deleted] == ["+", "-"]


def test_a_hardship_case_and_its_help_keep_their_history(staff_client, staff, school, member):
    staff_client.post(url("hardship_create"), hardship_data(member))
    case = HardshipCase.objects.get()
    staff_client.post(
        url("hardship_aid_create", case.pk),
        {"given_on": "2025-05-01", "description": "慰问", "amount": "600.00", "funding_source": "union"},
    )
    staff_client.post(
        url("hardship_update", case.pk),
        hardship_data(member, status=HardshipStatus.CLOSED, closed_on="2025-09-01", loaded_version=1),
    )
    assert types(case) == ["+", "~"]
    assert [r.status for r in case.history.order_by("history_date", "history_id")] == ["open", "closed"]
    aid = HardshipAid.objects.get()
    assert types(aid) == ["+"] and aid.history.get().history_user == staff
    assert "已脱困" in [change["new"] for change in history_entries(case)[0]["changes"]]


def test_a_mutual_aid_grant_keeps_its_history(staff_client, chair_client, staff, chair, member):
    staff_client.post(url("mutual_aid_create"), grant_data(member))
    grant = MutualAidGrant.objects.get()
    chair_client.post(url("mutual_aid_update", grant.pk), grant_data(member, reason="大病救助", loaded_version=1))
    records = list(grant.history.order_by("history_date", "history_id"))
    assert [(r.history_type, r.history_user, r.reason) for r in records] == [
        ("+", staff, "住院治疗"),
        ("~", chair, "大病救助"),
    ]
