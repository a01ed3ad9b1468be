"""The pages of campaigns, clubs and categories cost the same number of queries however
many campaigns, clubs, activities, members and participations a school has."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import Activity, Category
from tests.activity_factories import AwardFactory, CampaignFactory, ClubFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

# Per page, the most queries it may run (session, user, the user's school and own member
# record included). A new query here is a new cost on every visit: look before raising.
# campaign_list: the years, the year's campaigns with categories, two of figures.
# campaign_detail: the campaign, its history and the categories it names, two of
# figures, its activities. club_detail: the club and leader, its history with the leaders
# it names and who joined or left, the changes of its weekly schedule, its members,
# activities and awards.
MAX_QUERIES = {
    "campaign_list": 8,
    "campaign_detail": 10,
    "club_list": 5,
    "club_detail": 13,
    "category_list": 5,
}


def fill(school, size):
    """``size`` campaigns and clubs, ``3 * size`` members, each campaign and club with
    ``size`` activities of ``size`` participants (so ``size ** 2`` of each)."""
    with scopes_disabled():
        members = [MemberFactory(school=school) for _ in range(3 * size)]
        categories = list(Category.objects.filter(school=school))
        campaigns = [
            CampaignFactory(school=school, number=n + 1, launched_on=datetime.date(2025, 1 + n % 12, 1))
            for n in range(size)
        ]
        clubs = []
        for n in range(size):
            club = ClubFactory(school=school, name="俱乐部{}".format(n), leader=members[n])
            club.members.set(members[: 2 * size])
            clubs.append(club)
            AwardFactory(school=school, club=club)
        activities = Activity.objects.bulk_create(
            Activity(
                school=school,
                title="活动{}".format(n),
                category=categories[n % len(categories)],
                campaign=campaigns[n % size],
                club=clubs[n % size],
                starts_on=datetime.date(2025, 1 + n % 12, 1 + n % 28),
                outside_participants=n % 3,
            )
            for n in range(size * size)
        )
        Through = Activity.participants.through
        Through.objects.bulk_create(
            Through(activity=activity, member=member) for activity in activities for member in members[:size]
        )
    return {"campaign": campaigns[-1], "club": clubs[-1]}


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return response, len(queries)


URLS = {
    "campaign_list": lambda objects: reverse("activities:campaign_list") + "?year=2025",
    "campaign_detail": lambda objects: reverse("activities:campaign_detail", args=[objects["campaign"].pk]),
    "club_list": lambda objects: reverse("activities:club_list"),
    "club_detail": lambda objects: reverse("activities:club_detail", args=[objects["club"].pk]),
    "category_list": lambda objects: reverse("activities:category_list"),
}


@pytest.mark.parametrize("page", list(URLS))
def test_it_runs_as_many_queries_for_a_large_school_as_for_a_small_one(
    staff_client, staff, school, other_school, page, django_assert_max_num_queries
):
    small_school, large_school = school, other_school
    small_objects = fill(small_school, 2)
    large_objects = fill(large_school, 12)
    staff_client.get(URLS[page](small_objects))  # warm up: the session and what is cached per process

    small, small_count = count_queries(staff_client, URLS[page](small_objects))
    staff.school = large_school
    staff.save()
    large, large_count = count_queries(staff_client, URLS[page](large_objects))

    assert small_count == large_count, "{}: {} queries for the small school, {} for the large".format(
        page, small_count, large_count
    )
    assert len(large.content) > len(small.content)
    with django_assert_max_num_queries(MAX_QUERIES[page]):
        staff_client.get(URLS[page](large_objects))


def test_the_large_pages_show_every_row(staff_client, staff, school):
    objects = fill(school, 12)
    campaigns = staff_client.get(URLS["campaign_list"](objects)).context["campaigns"]
    assert len(campaigns) == 12
    assert sum(c.figures["activities"] for c in campaigns) == 144
    assert sum(c.figures["participations"] for c in campaigns) == 144 * 12
    detail = staff_client.get(URLS["campaign_detail"](objects))
    assert len(detail.context["activities"]) == 12
    assert all(a.participant_count == 12 for a in detail.context["activities"])
    clubs = staff_client.get(URLS["club_list"](objects)).context["clubs"]
    assert [(c.member_count, c.activity_count) for c in clubs] == [(24, 12)] * 12
    club = staff_client.get(URLS["club_detail"](objects)).context
    assert (len(club["members"]), len(club["activities"]), len(club["awards"])) == (24, 12, 1)
