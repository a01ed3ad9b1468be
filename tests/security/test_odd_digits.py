"""No server error for odd digits: a query or posted id such as "²" passes ``str.isdigit()``
but not ``int()``, and "abc" is no id at all. Each page answers 200 (the value is ignored
or refused by a form) or 404, never 500."""

import pytest
from django.urls import reverse

from ..reports.factories import AnnualPlanFactory, PlanSectionFactory
from .test_permission_matrix import OBJECT_KINDS, make_object, post_data

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

ODD_VALUES = ["²", "abc", "٣", "99999999999999999999999"]

# (URL name, the query parameter read as an id or a year)
GET_PAGES = [
    ("activities:activity_calendar", "category"),  # the calendar's category
    ("activities:activity_create", "campaign"),  # the campaign a new activity is for
    ("activities:activity_list", "year"),  # the log's year filter
    ("activities:pledge_detail", "department"),  # the pledge's department filter
    ("activities:ethics_grid", "department"),
    ("activities:visit_create", "member"),  # the member visited
    ("activities:greeting_create", "year"),  # the festivals' year
    ("activities:greeting_update", "year"),
]


def page_url(name, school):
    kind = OBJECT_KINDS.get(name)
    if kind is None:
        return reverse(name)
    return reverse(name, kwargs={"pk": make_object(kind, school).pk})


@pytest.mark.parametrize("value", ODD_VALUES)
@pytest.mark.parametrize("name,parameter", GET_PAGES)
def test_an_odd_id_or_year_in_the_query_is_ignored(staff_client, school, name, parameter, value):
    response = staff_client.get(page_url(name, school), {parameter: value})

    assert response.status_code == 200


@pytest.mark.parametrize("value", ODD_VALUES)
def test_an_odd_department_posted_with_signatures_is_ignored(staff_client, school, value):
    name = "activities:pledge_signatures"
    drive = make_object(OBJECT_KINDS[name], school)
    data = {**post_data(name, drive, school), "department": value}

    response = staff_client.post(reverse(name, kwargs={"pk": drive.pk}), data)

    assert response.status_code == 302
    assert response["Location"] == reverse("activities:pledge_detail", args=[drive.pk])


@pytest.mark.parametrize("value", ODD_VALUES)
def test_an_odd_section_of_a_new_plan_item_is_a_form_error(chair_client, school, value):
    PlanSectionFactory(plan=AnnualPlanFactory(school=school, year=2018))
    data = {"part": "item", "section": value, "title": "青年教师座谈会"}

    response = chair_client.post(reverse("reports:plan", kwargs={"year": 2018}), data)

    assert response.status_code == 200
    assert "请选择该事项所属的计划部分。" in response.content.decode()
