"""The 168 pages cost the same number of queries however many teachers are paired."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from activities.models import CareLog

from .factories_care import add_pairs

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

GRID = reverse("activities:care_grid")
MONTH = reverse("activities:care_month")

# The session, the user, the user's school, the pairs joined to their teachers, all their
# logs, and the user's member record (the menu's "my record"). Look before raising.
GRID_QUERIES = 6
# The session, the user, the school, the pairs with their teachers, the month's logs, the
# member record, and the departments (the filter's choices).
MONTH_QUERIES = 7
# The session, the user, the school, the pairs; then in one transaction (its savepoint and
# release): the month's logs locked, the new logs in one insert and their history in
# another, the changed logs in one update and their history in one insert.
MONTH_POST_QUERIES = 11


def month_data(pairs, month="2025-10"):
    data = {"month": month, "log-TOTAL_FORMS": str(len(pairs)), "log-INITIAL_FORMS": str(len(pairs))}
    for n, pair in enumerate(pairs):
        # Even rows change an existing log, odd rows are new (see ``add_pairs(months=…)``).
        data.update({"log-{}-pair".format(n): pair.pk, "log-{}-talks".format(n): 9, "log-{}-tutoring".format(n): 9})
    return data


def count(client, method, url, data):
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data)
    assert response.status_code in (200, 302), response.status_code
    return response, len(queries)


@pytest.mark.parametrize("size", [5, 40])
def test_the_grid_costs_a_fixed_number_of_queries(staff_client, school, size):
    add_pairs(school, size)
    response, queries = count(staff_client, "get", GRID, {"year": 2025})
    assert len(response.context["grid"]["rows"]) == size
    assert response.context["grid"]["figures"]["logs"] == size * 12
    assert queries == GRID_QUERIES


@pytest.mark.parametrize("size", [5, 40])
def test_a_teachers_grid_costs_a_fixed_number_of_queries(client, school, teacher, size):
    pairs = add_pairs(school, size)
    teacher_member = pairs[0].teacher
    teacher_member.user = teacher
    teacher_member.save()
    client.force_login(teacher)
    response, queries = count(client, "get", GRID, {"year": 2025})
    assert [row["pair"].pk for row in response.context["grid"]["rows"]] == [pairs[0].pk]
    assert queries == GRID_QUERIES


@pytest.mark.parametrize("size", [5, 40])
def test_the_month_page_costs_a_fixed_number_of_queries(staff_client, school, size):
    add_pairs(school, size, months=3)
    response, queries = count(staff_client, "get", MONTH, {"month": "2025-10"})
    assert len(response.context["rows"]) == size
    assert queries == MONTH_QUERIES


@pytest.mark.parametrize("size", [5, 40])
def test_saving_a_month_costs_a_fixed_number_of_queries(staff_client, school, size):
    existing = add_pairs(school, size, months=2)  # September and October logged
    fresh = add_pairs(school, size, months=1, year=2025)[: size // 2]  # October not logged
    response, queries = count(staff_client, "post", MONTH, month_data(existing + fresh))
    assert response.status_code == 302
    assert queries == MONTH_POST_QUERIES
    october = CareLog.objects.filter(pair__school=school, month=datetime.date(2025, 10, 1))
    assert sorted(october.values_list("talks", flat=True)) == [9] * (size + size // 2)
