"""Each welfare list page costs a fixed number of queries, however many rows there are."""

import datetime
import itertools
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.choices import FundingSource, VisitReason
from activities.models import GreetingRecipient, HardshipAid, MutualAidGrant, Visit

from ..activity_factories import GreetingBatchFactory, HardshipCaseFactory
from ..factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

SMALL, LARGE = 3, 40

# The session, the user, the user's school, the menu's "my record" member, then the page's own.
# A new query here is a new cost on every page: look before raising.
MAX_QUERIES = {
    # count, page of visits with members, their visitors, totals by reason, by source, the member filter's choices
    "visit_list": 10,
    # count and one page of batches with their recipients' count and yuan
    "greeting_list": 6,
    # the batch, its recipients with members and departments, its history
    "greeting_detail": 7,
    # count and one page of cases with their help's count and yuan
    "hardship_list": 6,
    # count, page of grants with members, yearly totals, the member filter's choices
    "mutual_aid_list": 8,
}


def fill(school, size):
    """``size`` rows of each kind in ``school`` (with members, visitors and recipients)."""
    with scopes_disabled():
        department = DepartmentFactory(school=school)
        members = [MemberFactory(school=school, department=department) for _ in range(size)]
        reasons = itertools.cycle(VisitReason.values)
        sources = itertools.cycle(FundingSource.values)
        for n, member in enumerate(members):
            visit = Visit.objects.create(
                school=school,
                member=member,
                reason=next(reasons),
                reason_detail="其他事由",
                visited_on=datetime.date(2025, 1 + n % 12, 1 + n % 28),
                amount=Decimal("100.00") + n,
                funding_source=next(sources),
            )
            visit.visitors.set(members[:2])
            MutualAidGrant.objects.create(
                school=school,
                member=member,
                amount=Decimal("500.00") + n,
                granted_on=datetime.date(2024 + n % 2, 3, 1),
                reason="住院",
            )
            case = HardshipCaseFactory(school=school, member=member)
            HardshipAid.objects.create(case=case, given_on=datetime.date(2025, 5, 1), description="走访", amount=100)
            batch = GreetingBatchFactory(school=school)
            GreetingRecipient.objects.bulk_create(
                [GreetingRecipient(batch=batch, member=m, amount=Decimal("300.00")) for m in members]
            )
    return batch


def count_queries(client, name, *args, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("activities:" + name, args=args), params)
    assert response.status_code == 200
    return len(queries)


CASES = [
    ("visit_list", {}),
    ("visit_list", {"year": 2025, "reason": VisitReason.ILLNESS, "funding_source": FundingSource.MUTUAL_AID}),
    ("greeting_list", {}),
    ("greeting_list", {"year": 2025}),
    ("greeting_detail", {}),
    ("hardship_list", {}),
    ("hardship_list", {"status": "open"}),
    ("mutual_aid_list", {}),
    ("mutual_aid_list", {"year": 2025}),
]


@pytest.mark.parametrize("name,params", CASES)
def test_a_page_costs_the_same_at_both_sizes(client, staff, school, name, params, django_assert_max_num_queries):
    client.force_login(staff)
    counts = []
    for size in (SMALL, LARGE):
        batch = fill(school, size)
        args = [batch.pk] if name == "greeting_detail" else []
        counts.append(count_queries(client, name, *args, **params))
        with django_assert_max_num_queries(MAX_QUERIES[name]):
            client.get(reverse("activities:" + name, args=args), params)
    assert counts[0] == counts[1], counts


@pytest.mark.parametrize("name", ["visit_list", "greeting_list", "greeting_detail", "mutual_aid_list"])
def test_a_teachers_own_view_costs_the_same_at_both_sizes(client, teacher, school, name, django_assert_max_num_queries):
    with scopes_disabled():
        own = MemberFactory(school=school, user=teacher)
    client.force_login(teacher)
    counts = []
    for size in (SMALL, LARGE):
        batch = fill(school, size)
        with scopes_disabled():
            Visit.objects.create(
                school=school, member=own, reason=VisitReason.ILLNESS, visited_on=datetime.date(2025, 1, 1)
            )
            MutualAidGrant.objects.create(
                school=school, member=own, amount=1, granted_on=datetime.date(2025, 1, 1), reason="住院"
            )
            GreetingRecipient.objects.create(batch=batch, member=own, amount=1)
        args = [batch.pk] if name == "greeting_detail" else []
        counts.append(count_queries(client, name, *args))
        with django_assert_max_num_queries(MAX_QUERIES[name]):
            client.get(reverse("activities:" + name, args=args))
    assert counts[0] == counts[1], counts
