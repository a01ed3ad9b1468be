"""The roster costs the same number of queries however many members the school has."""

import itertools

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from members.choices import Gender, MemberStatus, ProfessionalTitle
from members.models import Member, pinyin_keys
from tests.factories import DepartmentFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

ROSTER = "/members/"
# The session, the user, the user's school, the user's own member record (the menu's "my
# record"), the count, the department filter's choices, and one page of members joined to
# their departments. A new query here is a new cost on every roster page: look before raising.
MAX_QUERIES = 7

FAMILY = "张王李赵陈刘杨黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平"


def add_members(school, count):
    """``count`` members over five departments, in a handful of queries."""
    departments = [DepartmentFactory(school=school, name="第{}组".format(n), position=n) for n in range(5)]
    names = ("".join(parts) for parts in itertools.product(FAMILY, GIVEN, GIVEN))
    members = []
    for n, name in enumerate(itertools.islice(names, count)):
        full, initials = pinyin_keys(name)
        members.append(
            Member(
                school=school,
                name=name,
                name_pinyin=full,
                name_initials=initials,
                gender=Gender.FEMALE if n % 2 else Gender.MALE,
                status=MemberStatus.RETIRED if n % 7 == 0 else MemberStatus.ACTIVE,
                title=ProfessionalTitle.FIRST,
                phone="138{:08d}".format(n),
                employee_number="E{:05d}".format(n),
                department=departments[n % 5],
            )
        )
    Member.objects.bulk_create(members)
    assert Member.all_objects.with_scopes_disabled().filter(school=school).count() == count


def roster_queries(client, **params):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(ROSTER, params)
    assert response.status_code == 200
    return response, len(queries)


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"sort": "department"},
        {"sort": "-name", "page": 2},
        {"gender": Gender.FEMALE, "status": MemberStatus.ACTIVE},
        {"q": "z"},
        {"status": "all"},
    ],
    ids=["plain", "by-department", "page-2", "women-staff", "search", "every-status"],
)
def test_it_runs_as_many_queries_for_500_members_as_for_10(
    staff_client, staff, school, other_school, params, django_assert_max_num_queries
):
    small_school, large_school = school, other_school
    add_members(small_school, 10)
    add_members(large_school, 500)
    staff_client.get(ROSTER)  # warm up: the session and anything cached per process

    small, small_count = roster_queries(staff_client, **params)

    # The same staff user, now in the larger school.
    staff.school = large_school
    staff.save()
    large, large_count = roster_queries(staff_client, **params)

    assert large.context["table"].paginator.count > small.context["table"].paginator.count
    assert len(large.context["table"].page.object_list) > 0
    assert small_count == large_count
    with django_assert_max_num_queries(MAX_QUERIES):
        staff_client.get(ROSTER, params)


def test_it_shows_fifty_of_500_members_with_their_departments(staff_client, school, django_assert_max_num_queries):
    add_members(school, 500)
    with django_assert_max_num_queries(MAX_QUERIES):
        response = staff_client.get(ROSTER, {"status": "all"})
    content = response.content.decode()
    assert response.context["table"].paginator.count == 500
    assert len(response.context["table"].page.object_list) == 50
    assert content.count("第0组") >= 10  # every row shows its department
