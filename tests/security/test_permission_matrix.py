"""The permission matrix: every URL of the URL conf, every role, own school and other school.

The roles table of the design is the contract:

* chair and staff read and edit the school's records; only the chair deletes, restores
  and manages the school's logins;
* a teacher sees the home page and their own record, nothing else; another teacher's
  record (a member page, a visit, a care pair…) answers 404, as a missing one;
* a district user gets 403 on a school's records; the home page is theirs too;
* anonymous visitors are sent to the login page;
* another school's object answers exactly like a pk that does not exist (404 for every
  role that may reach objects of that kind at all; a role refused before any object is
  looked up gets the same 403 for every pk), so nobody learns that it exists.

``MATRIX`` is explicit on purpose: a new URL fails ``test_it_covers_every_url_of_the_url_conf``
until someone writes down who may use it.
"""

import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django_scopes import scopes_disabled
from PIL import Image

from members.models import Department, Member
from unionhub.roles import Role

from ..factories import DepartmentFactory, MemberFactory, UserFactory
from . import matrices
from .test_permission_matrix_constants import LOGIN

ROLES = ("anonymous", "chair", "staff", "teacher", "district")


# Patterns that are not the app's own pages: Django admin (tested on its own below),
# the language switch of django.conf.urls.i18n and static files.
SKIPPED_NAMESPACES = {"admin"}
SKIPPED_NAMES = {"set_language", "static", "django.views.static.serve"}

# Expected answers, per full URL name, per method, per owner of the object in the URL:
#   "own"   – the object belongs to the users' school (or the URL has no object),
#   "other" – the object belongs to another school; a pk that does not exist must get
#             the very same answers (checked as "missing").
# Each tuple gives the status for (anonymous, chair, staff, teacher, district).
# A 302 that is not LOGIN is a successful POST that redirects.
MATRIX = {
    # ---- home and accounts (Django auth) ---------------------------------------------
    "reports:dashboard": {
        "GET": {"own": (LOGIN, 200, 200, 200, 200)},
    },
    "login": {
        "GET": {"own": (200, 200, 200, 200, 200)},
    },
    "logout": {
        # POST only (Django 5): logging out always ends on the login page.
        "POST": {"own": (LOGIN, 302, 302, 302, 302)},
    },
    "password_change": {
        "GET": {"own": (LOGIN, 200, 200, 200, 200)},
    },
    "password_change_done": {
        "GET": {"own": (LOGIN, 200, 200, 200, 200)},
    },
    # ---- roster -----------------------------------------------------------------------
    "members:member_list": {
        "GET": {"own": (LOGIN, 200, 200, 403, 403)},
    },
    "members:member_create": {
        "GET": {"own": (LOGIN, 200, 200, 403, 403)},
        "POST": {"own": (LOGIN, 302, 302, 403, 403)},
    },
    "members:roster_export": {
        "GET": {"own": (LOGIN, 200, 200, 403, 403)},
    },
    "members:roster_import": {
        "GET": {"own": (LOGIN, 200, 200, 403, 403)},
        # Without a file the form is shown again with its error: nothing to import.
        "POST": {"own": (LOGIN, 200, 200, 403, 403)},
    },
    "members:roster_template": {
        "GET": {"own": (LOGIN, 200, 200, 403, 403)},
    },
    "members:member_trash": {
        "GET": {"own": (LOGIN, 200, 403, 403, 403)},
    },
    "members:member_restore": {
        "POST": {
            "own": (LOGIN, 302, 403, 403, 403),
            "other": (LOGIN, 404, 403, 403, 403),
        },
    },
    "members:member_detail": {
        # A teacher may open member pages, but only their own (see the test below): a
        # colleague's is 404, as a missing one.
        "GET": {
            "own": (LOGIN, 200, 200, 404, 403),
            "other": (LOGIN, 404, 404, 404, 403),
        },
    },
    "members:member_update": {
        "GET": {
            "own": (LOGIN, 200, 200, 403, 403),
            "other": (LOGIN, 404, 404, 403, 403),
        },
        "POST": {
            "own": (LOGIN, 302, 302, 403, 403),
            "other": (LOGIN, 404, 404, 403, 403),
        },
    },
    "members:member_delete": {
        "GET": {
            "own": (LOGIN, 200, 403, 403, 403),
            "other": (LOGIN, 404, 403, 403, 403),
        },
        "POST": {
            "own": (LOGIN, 302, 403, 403, 403),
            "other": (LOGIN, 404, 403, 403, 403),
        },
    },
    "members:member_photo": {
        "GET": {
            "own": (LOGIN, 200, 200, 404, 403),
            "other": (LOGIN, 404, 404, 404, 403),
        },
    },
    "members:member_photo_thumbnail": {
        "GET": {
            "own": (LOGIN, 200, 200, 404, 403),
            "other": (LOGIN, 404, 404, 404, 403),
        },
    },
    "members:account_create": {
        # POST only; the chair is shown the new login's one-time password.
        "POST": {
            "own": (LOGIN, 200, 403, 403, 403),
            "other": (LOGIN, 404, 403, 403, 403),
        },
    },
    # ---- departments ------------------------------------------------------------------
    "members:department_list": {
        "GET": {"own": (LOGIN, 200, 200, 403, 403)},
    },
    "members:department_create": {
        "GET": {"own": (LOGIN, 200, 200, 403, 403)},
        "POST": {"own": (LOGIN, 302, 302, 403, 403)},
    },
    "members:department_update": {
        "GET": {
            "own": (LOGIN, 200, 200, 403, 403),
            "other": (LOGIN, 404, 404, 403, 403),
        },
        "POST": {
            "own": (LOGIN, 302, 302, 403, 403),
            "other": (LOGIN, 404, 404, 403, 403),
        },
    },
    # ---- the school's logins (chair only) ---------------------------------------------
    "members:account_list": {
        "GET": {"own": (LOGIN, 200, 403, 403, 403)},
    },
    "members:account_reset_password": {
        # POST only; the chair is shown the new one-time password.
        "POST": {
            "own": (LOGIN, 200, 403, 403, 403),
            "other": (LOGIN, 404, 403, 403, 403),
        },
    },
    "members:account_active": {
        "POST": {
            "own": (LOGIN, 302, 403, 403, 403),
            "other": (LOGIN, 404, 403, 403, 403),
        },
    },
}

# The object each URL with a <pk> points at, by kind (see ``make_object``).
OBJECT_KINDS = {
    "members:member_restore": "deleted_member",
    "members:member_detail": "member",
    "members:member_update": "member",
    "members:member_delete": "member",
    "members:member_photo": "member_with_photo",
    "members:member_photo_thumbnail": "member_with_photo",
    "members:account_create": "member",
    "members:department_update": "department",
    "members:account_reset_password": "account",
    "members:account_active": "account",
}

MATRIX.update(matrices.MATRIX)
OBJECT_KINDS.update(matrices.OBJECT_KINDS)
# URLs with arguments other than <pk> (a year, a version number): {name: function(obj) ->
# kwargs for reverse}, obj None for a missing object; and a query string per URL name
# ({name: function(school) -> "?…"}), e.g. the school a district user reads.
URL_KWARGS = dict(matrices.URL_KWARGS)
URL_QUERIES = dict(matrices.URL_QUERIES)

MISSING_PK = 987654321


# Hundreds of cases each make six logins: hash their passwords the fast way.
pytestmark = pytest.mark.usefixtures("fast_password_hasher")


# ---------------------------------------------------------------------------------------
# Walking the URL conf
# ---------------------------------------------------------------------------------------


def _walk(patterns, namespace=None, prefix=""):
    """Yield ``(full name or None, route, pattern)`` for every URLPattern, recursively."""
    for entry in patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES or (
                entry.app_name in SKIPPED_NAMESPACES and entry.namespace is None
            ):
                continue
            inner = namespace
            if entry.namespace:
                inner = "{}:{}".format(namespace, entry.namespace) if namespace else entry.namespace
            yield from _walk(entry.url_patterns, inner, route)
        elif isinstance(entry, URLPattern):
            name = entry.name
            if name in SKIPPED_NAMES:
                continue
            full = "{}:{}".format(namespace, name) if (namespace and name) else name
            yield full, route, entry


def url_conf_patterns():
    return list(_walk(get_resolver().url_patterns))


def _answers_get(pattern):
    view_class = getattr(pattern.callback, "view_class", None)
    if view_class is None:
        return True
    return hasattr(view_class, "get") and "get" in view_class.http_method_names


def test_it_covers_every_url_of_the_url_conf():
    patterns = url_conf_patterns()
    unnamed = sorted(route for name, route, _p in patterns if not name)
    assert not unnamed, "URL patterns without a name cannot be held in MATRIX: {}".format(unnamed)
    names = {name for name, _r, _p in patterns}
    missing = sorted(names - set(MATRIX))
    assert not missing, (
        "These URLs are not in the permission MATRIX of tests/security/test_permission_matrix.py; "
        "add who may use them, per role: {}".format(missing)
    )
    stale = sorted(set(MATRIX) - names)
    assert not stale, "MATRIX names URLs that no longer exist in the URL conf: {}".format(stale)


def test_it_holds_the_right_methods_and_objects_for_every_url():
    problems = []
    for name, _route, pattern in url_conf_patterns():
        entry = MATRIX.get(name, {})
        # An object named by its pk, or by a public key (a suggestion's).
        has_pk = bool({"pk", "key"} & set(pattern.pattern.converters))
        if _answers_get(pattern) and "GET" not in entry:
            problems.append("{}: the view answers GET but MATRIX has no GET row".format(name))
        if not _answers_get(pattern) and "POST" not in entry:
            problems.append("{}: the view is POST-only but MATRIX has no POST row".format(name))
        if set(pattern.pattern.converters) - {"pk"} and name not in URL_KWARGS:
            problems.append("{}: only <pk> URL arguments are supported here, add the others".format(name))
        if has_pk and name not in OBJECT_KINDS:
            problems.append("{}: has <pk> but no entry in OBJECT_KINDS".format(name))
        for method, rows in entry.items():
            if has_pk and "other" not in rows:
                problems.append("{} {}: has <pk> but no 'other' (other school) row".format(name, method))
            if not has_pk and "other" in rows:
                problems.append("{} {}: has no <pk> but an 'other' row".format(name, method))
            for owner, statuses in rows.items():
                if len(statuses) != len(ROLES):
                    problems.append("{} {} {}: needs one status per role {}".format(name, method, owner, ROLES))
    assert set(OBJECT_KINDS) <= set(MATRIX), "OBJECT_KINDS names URLs missing from MATRIX"
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------
# Objects, post data and snapshots
# ---------------------------------------------------------------------------------------


def _jpeg_bytes(size=(40, 30)):
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, "JPEG")
    return buffer.getvalue()


def make_object(kind, school):
    """A fresh object of ``kind`` in ``school``: every test case gets its own."""
    with scopes_disabled():
        if kind == "member":
            return MemberFactory(school=school)
        if kind == "member_with_photo":
            member = MemberFactory(school=school)
            member.photo.save("photo.jpg", ContentFile(_jpeg_bytes((400, 300))), save=False)
            member.photo_thumbnail.save("thumb.jpg", ContentFile(_jpeg_bytes()), save=False)
            member.save()
            return member
        if kind == "deleted_member":
            member = MemberFactory(school=school)
            member.soft_delete()
            return member
        if kind == "department":
            return DepartmentFactory(school=school)
        if kind == "account":
            return UserFactory(school=school, role=Role.TEACHER)
        if kind in matrices.OBJECT_MAKERS:
            return matrices.OBJECT_MAKERS[kind](school)
    raise AssertionError("unknown object kind {}".format(kind))


def post_data(name, obj, school):
    """Valid form data for the POST of each URL (so that allowed roles succeed)."""
    member_fields = {
        "name": "新会员",
        "gender": "F",
        "ethnic_group": "汉族",
        "title": "none",
        "status": "active",
        "party_membership": "masses",
    }
    if name == "members:member_create":
        return member_fields
    if name == "members:member_update":
        if obj is None:  # a pk that does not exist
            return {**member_fields, "loaded_version": 1}
        return {
            **member_fields,
            "status": obj.status,
            "employee_number": obj.employee_number,
            "loaded_version": obj.version,
        }
    if name == "members:department_create":
        return {"name": "新建教研组", "kind": "subject", "position": 3}
    if name == "members:department_update":
        return {"name": "改名教研组", "kind": "subject", "position": 3}
    if name == "members:account_create":
        return {"role": Role.TEACHER}
    if name == "members:account_active":
        return {"active": "0"}
    if name in matrices.POST_DATA:
        return matrices.POST_DATA[name](obj, school)
    return {}


def snapshot(obj):
    """What a refused request must leave untouched: row counts and the object itself."""
    User = get_user_model()
    with scopes_disabled():
        state = {
            "members": list(Member.all_objects.order_by("pk").values()),
            "departments": list(Department.objects.order_by("pk").values()),
            "users": list(User.objects.order_by("pk").values("pk", "password", "is_active", "role", "school_id")),
        }
        # Every table of the union's records, deleted rows and history included.
        for model in [
            *apps.get_app_config("activities").get_models(),
            *apps.get_app_config("congress").get_models(),
            *apps.get_app_config("disclosure").get_models(),
            *apps.get_app_config("reports").get_models(),
        ]:
            state[model._meta.label] = list(model._base_manager.order_by("pk").values())
    if obj is not None:
        state["object"] = (type(obj).__name__, obj.pk)
    return state


# ---------------------------------------------------------------------------------------
# The matrix itself
# ---------------------------------------------------------------------------------------


def _cases():
    for name, methods in MATRIX.items():
        for method, rows in methods.items():
            for owner, statuses in rows.items():
                owners = [owner, "missing"] if owner == "other" else [owner]
                for actual_owner in owners:
                    for role, expected in zip(ROLES, statuses, strict=False):  # lengths: see the test above
                        yield pytest.param(
                            name,
                            method,
                            actual_owner,
                            role,
                            expected,
                            id="{}-{}-{}-{}".format(name, method, actual_owner, role),
                        )


ROLE_FIXTURES = {"chair": "chair", "staff": "staff", "teacher": "teacher", "district": "district_user"}


@pytest.mark.parametrize("name,method,owner,role,expected", list(_cases()))
def test_it_answers_each_role_as_the_matrix_says(
    request, client, school, other_school, name, method, owner, role, expected
):
    # The whole cast exists in every case, so "own school" is never an empty school.
    users = {key: request.getfixturevalue(fixture) for key, fixture in ROLE_FIXTURES.items()}
    request.getfixturevalue("other_chair")

    obj = None
    kwargs = {}
    if name in OBJECT_KINDS:
        if owner == "missing":
            kwargs = {"pk": MISSING_PK}
        else:
            obj = make_object(OBJECT_KINDS[name], school if owner == "own" else other_school)
            kwargs = {"pk": obj.pk}
    if name in URL_KWARGS:
        kwargs = URL_KWARGS[name](obj)
    url = reverse(name, kwargs=kwargs) + (URL_QUERIES[name](school) if name in URL_QUERIES else "")

    if role != "anonymous":
        client.force_login(users[role])

    # The data is made first: making it may add rows (a member to pick), and the refused
    # request must change nothing after that.
    data = post_data(name, obj, school) if method == "POST" else None
    before = snapshot(obj) if method == "POST" else None
    if method == "GET":
        response = client.get(url)
    else:
        response = client.post(url, data)

    where = "{} {} ({} object) as {}".format(method, url, owner, role)
    if expected == LOGIN:
        assert response.status_code == 302, "{}: expected a redirect to the login page, got {}".format(
            where, response.status_code
        )
        location = response["Location"]
        assert location.startswith("/accounts/login/"), "{}: redirected to {} instead of the login page".format(
            where, location
        )
    else:
        assert response.status_code == expected, "{}: expected {}, got {}{}".format(
            where,
            expected,
            response.status_code,
            " to {}".format(response["Location"]) if response.status_code == 302 else "",
        )
        if expected == 302 and name != "logout":
            assert not response["Location"].startswith("/accounts/login/"), "{}: sent to the login page".format(where)
            assert not response["Location"].startswith("/accounts/password_change/"), where

    if method == "POST" and (expected in (403, 404) or expected == LOGIN):
        assert snapshot(obj) == before, "{}: a refused request changed data".format(where)


# ---------------------------------------------------------------------------------------
# Teachers and their own record
# ---------------------------------------------------------------------------------------


@pytest.fixture
def own_member(school, teacher):
    with scopes_disabled():
        member = make_object("member_with_photo", school)
        member.user = teacher
        member.save()
    return member


def test_it_shows_a_teacher_their_own_member_page(teacher_client, own_member):
    response = teacher_client.get(reverse("members:member_detail", kwargs={"pk": own_member.pk}))
    assert response.status_code == 200
    assert own_member.name in response.content.decode()


def test_it_serves_a_teacher_their_own_photo(teacher_client, own_member):
    for name in ("members:member_photo", "members:member_photo_thumbnail"):
        response = teacher_client.get(reverse(name, kwargs={"pk": own_member.pk}))
        assert response.status_code == 200, name
        assert response["Content-Type"] == "image/jpeg"


def test_it_does_not_let_a_teacher_edit_or_delete_their_own_record(teacher_client, own_member):
    for name in ("members:member_update", "members:member_delete"):
        response = teacher_client.get(reverse(name, kwargs={"pk": own_member.pk}))
        assert response.status_code == 403, name


def test_a_colleagues_page_answers_a_teacher_as_a_missing_one(teacher_client, own_member, member):
    colleague = teacher_client.get(reverse("members:member_detail", kwargs={"pk": member.pk}))
    missing = teacher_client.get(reverse("members:member_detail", kwargs={"pk": MISSING_PK}))
    assert colleague.status_code == missing.status_code == 404


# ---------------------------------------------------------------------------------------
# Django admin: superusers only
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", ["/admin/", "/admin/members/member/", "/admin/unionhub/user/"])
def test_it_sends_everyone_but_superusers_to_the_admin_login(request, client, school, role, path):
    if role != "anonymous":
        client.force_login(request.getfixturevalue(ROLE_FIXTURES[role]))
    response = client.get(path)
    assert response.status_code == 302, "{} as {}: {}".format(path, role, response.status_code)
    assert response["Location"].startswith("/admin/login/"), response["Location"]


def test_it_lets_a_superuser_into_the_admin(client, db):
    superuser = get_user_model().objects.create_superuser("root", "root@example.com", "root-pass-123")
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200
