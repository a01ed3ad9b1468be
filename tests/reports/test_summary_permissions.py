"""The permission matrix of the summary and plan URLs (tests/security/matrices/
reports_summary.py), walked here with the year in each URL: every role, own school, another
school's object and a missing one; a refused POST changes nothing, the reports' tables
included."""

import pytest
from django.apps import apps
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.security.matrices import reports_summary
from tests.security.test_permission_matrix import ROLE_FIXTURES, ROLES, make_object, post_data, snapshot
from tests.security.test_permission_matrix_constants import LOGIN

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


def _cases():
    for name, methods in reports_summary.MATRIX.items():
        for method, rows in methods.items():
            for owner, statuses in rows.items():
                for actual in [owner, "missing"] if owner == "other" else [owner]:
                    for role, expected in zip(ROLES, statuses, strict=True):
                        yield pytest.param(
                            name, method, actual, role, expected, id="-".join((name, method, actual, role))
                        )


def _snapshot(obj):
    state = snapshot(obj)
    with scopes_disabled():
        for model in apps.get_app_config("reports").get_models():
            state[model._meta.label] = list(model._base_manager.order_by("pk").values())
    return state


def test_every_summary_url_of_the_url_conf_is_in_the_matrix():
    from tests.security.test_permission_matrix import url_conf_patterns

    names = {
        name
        for name, _route, pattern in url_conf_patterns()
        if name
        and name.startswith("reports:")
        and pattern.callback.__module__.startswith("reports.views.")
        and pattern.callback.__module__.split(".")[-1] in ("summary", "plan")
    }
    assert names == set(reports_summary.MATRIX)
    assert set(reports_summary.URL_KWARGS) == set(reports_summary.MATRIX)


@pytest.mark.parametrize("name,method,owner,role,expected", list(_cases()))
def test_it_answers_each_role_as_the_matrix_says(
    request, client, school, other_school, name, method, owner, role, expected
):
    users = {key: request.getfixturevalue(fixture) for key, fixture in ROLE_FIXTURES.items()}
    request.getfixturevalue("other_chair")
    obj = None
    if name in reports_summary.OBJECT_KINDS and owner != "missing":
        obj = make_object(reports_summary.OBJECT_KINDS[name], school if owner == "own" else other_school)
    url = reverse(name, kwargs=reports_summary.URL_KWARGS[name](obj)) + reports_summary.URL_QUERIES[name](school)
    if role != "anonymous":
        client.force_login(users[role])
    data = post_data(name, obj, school) if method == "POST" else None
    before = _snapshot(obj) if method == "POST" else None
    response = client.get(url) if method == "GET" else client.post(url, data)

    where = "{} {} ({}) as {}".format(method, url, owner, role)
    if expected == LOGIN:
        assert response.status_code == 302, where
        assert response["Location"].startswith("/accounts/login/"), where
    else:
        assert response.status_code == expected, "{}: got {}".format(where, response.status_code)
    if method == "POST" and expected in (403, 404, LOGIN):
        assert _snapshot(obj) == before, "{}: a refused request changed data".format(where)
