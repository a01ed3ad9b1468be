"""The pages of pledges and the ethics assessment cost the same number of queries however
many drives, periods, members, signatures and assessments a school has; so does saving a
whole grid or ticking a whole list."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import EthicsAssessment, PledgeSignature
from tests.activity_factories import EthicsPeriodFactory

from .factories_pledges import add_members, drive_with, grid_data, grid_row, period_with

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

SMALL, LARGE = 5, 60

# Per page, the most queries it may run; the session, the user, the user's school and the
# user's own member record (the menu's "my record") included. A new query here is a new
# cost on every visit: look before raising.
# pledge_list: the page count, the years of the filter, the drives with their two counts.
# pledge_detail: the drive, its history, its two counts, the latest signature changes, the
#   departments of the filter, the bound members with their departments.
# ethics_list: the page count, the periods with their distribution.
# ethics_grid: the period, the rows with departments, their assessments, the distribution,
#   its history, the latest assessment changes, the departments of the filter.
# ethics_own (a teacher): the page count, their assessments with the periods.
MAX_QUERIES = {
    "pledge_list": 7,
    "pledge_detail": 10,
    "ethics_list": 6,
    "ethics_grid": 11,
    "ethics_own": 6,
}
# Saving the grid: session, user, school, the period, the rows, the assessments they start
# from, then in a savepoint the period's version (for update), what exists, one insert or
# one update of all the rows, one insert of their history, the version moved on and its
# history. Ticking a list: session, user, school, the drive, the ticked members checked,
# then in a savepoint what changes, one update of all of them and one insert of their history.
MAX_SAVE_QUERIES = {"ethics_grid": 14, "pledge_signatures": 10}

INSERT = re.compile(r'^INSERT INTO "(\w+)"')


def count_queries(client, method, url, data=None):
    """The response and its number of queries, one bulk write counted once.

    SQLite takes at most 999 parameters a statement, so Django splits a bulk insert of many
    rows into batches; PostgreSQL writes them in one. Consecutive inserts into one table are
    the batches of one bulk write and count as one.
    """
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url, data or {})
    assert response.status_code in (200, 302), response.status_code
    count, previous = 0, None
    for query in queries.captured_queries:
        match = INSERT.match(query["sql"])
        table = match.group(1) if match else None
        if table is None or table != previous:
            count += 1
        previous = table
    return response, count


def fill(school, size, offset=0):
    """``size`` members, ``size`` drives binding all of them (half signed) and ``size`` periods
    assessing all of them."""
    members = add_members(school, size, offset=offset)
    drives = [
        drive_with(school, members, signed=size // 2, title="承诺{}".format(n), year=2015 + n % 10) for n in range(size)
    ]
    periods = [
        period_with(
            school,
            members,
            title="{}年{}月".format(2020 + n // 12, 1 + n % 12),
            starts_on=datetime.date(2020 + n // 12, 1 + n % 12, 1),
            ends_on=datetime.date(2020 + n // 12, 1 + n % 12, 28),
        )
        for n in range(size)
    ]
    return members, drives, periods


@pytest.fixture
def schools(school, other_school, staff):
    """The staff user sees the small school, then (moving) the large one."""
    small = fill(school, SMALL)
    large = fill(other_school, LARGE, offset=SMALL)
    return {"small": (school, *small), "large": (other_school, *large)}


def move(user, school):
    user.school = school
    user.save()


PAGES = {
    "pledge_list": lambda members, drives, periods: reverse("activities:pledge_list"),
    "pledge_detail": lambda members, drives, periods: reverse("activities:pledge_detail", args=[drives[0].pk]),
    "ethics_list": lambda members, drives, periods: reverse("activities:ethics_list"),
    "ethics_grid": lambda members, drives, periods: reverse("activities:ethics_grid", args=[periods[0].pk]),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_runs_as_many_queries_for_60_as_for_5(
    staff_client, staff, schools, page, django_assert_max_num_queries
):
    counts = {}
    for size in ("small", "large"):
        school, members, drives, periods = schools[size]
        move(staff, school)
        url = PAGES[page](members, drives, periods)
        staff_client.get(url)  # warm up
        response, counts[size] = count_queries(staff_client, "get", url)
        if page == "pledge_detail":
            assert len(response.context["signatures"]) == len(members)
        if page == "ethics_grid":
            assert len(response.context["rows"]) == len(members)
        if page in ("pledge_list", "ethics_list"):
            assert len(response.context["object_list"]) == min(len(drives), 50)
    assert counts["small"] == counts["large"], counts
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        staff_client.get(url)


def test_a_teachers_own_assessments_cost_the_same_for_5_or_60_periods(client, teacher, schools):
    counts = {}
    for size in ("small", "large"):
        school, members, _drives, periods = schools[size]
        with scopes_disabled():
            members[0].user = teacher
            members[0].save()
        move(teacher, school)
        client.force_login(teacher)
        response, counts[size] = count_queries(client, "get", reverse("activities:ethics_list"))
        assert len(response.context["object_list"]) == min(len(periods), 50)
        with scopes_disabled():
            members[0].user = None
            members[0].save()
    assert counts["small"] == counts["large"] <= MAX_QUERIES["ethics_own"], counts


def test_saving_the_whole_grid_costs_the_same_for_5_or_60_teachers(staff_client, staff, schools):
    counts = {}
    for size in ("small", "large"):
        school, members, _drives, _periods = schools[size]
        move(staff, school)
        with scopes_disabled():
            period = EthicsPeriodFactory(school=school, title="新的考核期")
        url = reverse("activities:ethics_grid", args=[period.pk])
        # Every row new (bulk insert), then every row changed (bulk update).
        for score in ("91", "79.5"):
            data = grid_data(period, [grid_row(member, score=score) for member in members])
            _response, counts[(size, score)] = count_queries(staff_client, "post", url, data)
        with scopes_disabled():
            assert EthicsAssessment.objects.filter(period=period, grade="pass").count() == len(members)
    assert counts[("small", "91")] == counts[("large", "91")] <= MAX_SAVE_QUERIES["ethics_grid"], counts
    assert counts[("small", "79.5")] == counts[("large", "79.5")] <= MAX_SAVE_QUERIES["ethics_grid"], counts


def test_ticking_a_whole_list_costs_the_same_for_5_or_60_members(staff_client, staff, schools):
    counts = {}
    for size in ("small", "large"):
        school, members, drives, _periods = schools[size]
        move(staff, school)
        drive = drives[1]
        url = reverse("activities:pledge_signatures", args=[drive.pk])
        data = {"member": [m.pk for m in members], "signed_on": "2025-09-20"}
        _response, counts[size] = count_queries(staff_client, "post", url, data)
        with scopes_disabled():
            assert PledgeSignature.objects.filter(drive=drive, signed_on="2025-09-20").count() == len(members)
    assert counts["small"] == counts["large"] <= MAX_SAVE_QUERIES["pledge_signatures"], counts
