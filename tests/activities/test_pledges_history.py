"""Every change to drives, signatures, periods and assessments is kept: who, when, what, even
when the rows are written in bulk; and the pages show it."""

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import EthicsAssessment, EthicsPeriod, PledgeDrive, PledgeSignature
from tests.activity_factories import EthicsAssessmentFactory, EthicsPeriodFactory

from .factories_pledges import add_members, drive_with, grid_data, grid_row, zh

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


@pytest.fixture
def staff_client(staff):
    client = Client()
    client.force_login(staff)
    return client


@pytest.fixture
def chair_client(chair):
    client = Client()
    client.force_login(chair)
    return client


def history_of(model, **filters):
    """``[(type, who, {field: value})]`` oldest first."""
    with scopes_disabled():
        records = model.history.filter(**filters).select_related("history_user").order_by("history_date", "history_id")
        return [(r.history_type, r.history_user.username if r.history_user else None, r) for r in records]


def test_a_drive_and_its_signatures_keep_their_history(staff_client, chair_client, school):
    members = add_members(school, 3)
    response = staff_client.post(
        reverse("activities:pledge_create"),
        {"title": "师德承诺", "year": "2025", "opened_on": "2025-09-01", "text": "", "audience": "active"},
    )
    assert response.status_code == 302
    with scopes_disabled():
        drive = PledgeDrive.objects.get(school=school)

    # Bound: one "created" record per member, by the staff user.
    bound = history_of(PledgeSignature, drive_id=drive.pk)
    assert [(kind, who) for kind, who, _r in bound] == [("+", "staff")] * 3

    staff_client.post(
        reverse("activities:pledge_signatures", args=[drive.pk]),
        {"member": [members[0].pk, members[1].pk], "signed_on": "2025-09-05"},
    )
    staff_client.post(reverse("activities:pledge_signatures", args=[drive.pk]), {"unsign": members[1].pk})
    staff_client.post(
        reverse("activities:pledge_members", args=[drive.pk]),
        {"audience": "chosen", "members": [members[0].pk, members[1].pk]},
    )

    changes = [(kind, who, r.member_id, r.signed_on) for kind, who, r in history_of(PledgeSignature, drive_id=drive.pk)]
    signed = datetime.date(2025, 9, 5)
    # Two signed in one go (in either order), one undone, one no longer bound.
    assert sorted(changes[3:5]) == [("~", "staff", members[0].pk, signed), ("~", "staff", members[1].pk, signed)]
    assert changes[5:] == [("~", "staff", members[1].pk, None), ("-", "staff", members[2].pk, None)]

    chair_client.post(
        reverse("activities:pledge_update", args=[drive.pk]),
        {"title": "师德承诺书", "year": "2025", "opened_on": "2025-09-01", "text": "", "loaded_version": 1},
    )
    drive_history = history_of(PledgeDrive, id=drive.pk)
    assert [(kind, who, r.title) for kind, who, r in drive_history] == [
        ("+", "staff", "师德承诺"),
        ("~", "chair", "师德承诺书"),
    ]

    page = chair_client.get(reverse("activities:pledge_detail", args=[drive.pk]))
    content = page.content.decode()
    assert zh("History of changes") in content and "师德承诺书" in content
    assert zh("signed on %(date)s", date="2025年9月5日") in content
    assert zh("no longer bound") in content and zh("signature cleared") in content


def test_a_period_and_its_assessments_keep_their_history(staff_client, chair_client, school):
    members = add_members(school, 2)
    with scopes_disabled():
        period = EthicsPeriodFactory(school=school, title="2025年10月")
        EthicsAssessmentFactory(period=period, member=members[1], score=Decimal("90.0"))
    grid = reverse("activities:ethics_grid", args=[period.pk])

    staff_client.post(
        grid, grid_data(period, [grid_row(members[0], score="80"), grid_row(members[1], score="88", grade="good")])
    )
    staff_client.post(
        grid,
        grid_data(period, [grid_row(members[0], score="80", vetoed=True, reason="有偿补课"), grid_row(members[1])]),
    )

    with scopes_disabled():
        assert list(EthicsAssessment.objects.filter(period=period).values_list("member_id", "grade", "vetoed")) == [
            (members[0].pk, "fail", True)
        ]
    first = [
        (kind, who, r.score, r.grade, r.vetoed)
        for kind, who, r in history_of(EthicsAssessment, member_id=members[0].pk)
    ]
    assert first == [
        ("+", "staff", Decimal("80.0"), "good", False),
        ("~", "staff", Decimal("80.0"), "fail", True),
    ]
    second = [(kind, who, r.score, r.grade) for kind, who, r in history_of(EthicsAssessment, member_id=members[1].pk)]
    assert second == [
        ("+", None, Decimal("90.0"), "excellent"),
        ("~", "staff", Decimal("88.0"), "good"),
        ("-", "staff", Decimal("88.0"), "good"),
    ]

    chair_client.post(
        reverse("activities:ethics_update", args=[period.pk]),
        {
            "title": "2025年10月师德考核",
            "kind": "month",
            "starts_on": "2025-10-01",
            "ends_on": "2025-10-31",
            "loaded_version": EthicsPeriod.all_objects.with_scopes_disabled().get(pk=period.pk).version,
        },
    )
    titles = [(kind, who, r.title) for kind, who, r in history_of(EthicsPeriod, id=period.pk)]
    assert titles[0] == ("+", None, "2025年10月")
    assert titles[-1] == ("~", "chair", "2025年10月师德考核")
    # Each saved grid moved the period's version on (concurrent grids are refused).
    assert [r.version for _k, _w, r in history_of(EthicsPeriod, id=period.pk)] == [1, 2, 3, 4]

    page = chair_client.get(grid)
    content = page.content.decode()
    assert zh("Latest assessment changes") in content and "有偿补课" in content and zh("cleared") in content
    assert "2025年10月师德考核" in content


def test_restoring_a_drive_is_in_its_history(chair_client, school):
    drive = drive_with(school, add_members(school, 1))
    chair_client.post(reverse("activities:pledge_delete", args=[drive.pk]))
    chair_client.post(reverse("activities:pledge_restore", args=[drive.pk]))
    kinds = [(kind, who, r.deleted_at is None) for kind, who, r in history_of(PledgeDrive, id=drive.pk)]
    assert kinds == [("+", None, True), ("~", "chair", False), ("~", "chair", True)]
