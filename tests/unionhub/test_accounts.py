"""The school's logins: created by the chair, first password changed, reset, disabled.

Failed logins are in test_login_lockout.py."""

import axes.utils
import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from members.models import Member
from tests.factories import PASSWORD, MemberFactory
from unionhub.roles import Role

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

User = get_user_model()
LOGIN = "/accounts/login/"
CHANGE = "/accounts/password_change/"
NEW_PASSWORD = "Qingxi-union-2018!"


@pytest.fixture(autouse=True)
def fresh_axes(db):
    """No failed attempts carried over from another test."""
    axes.utils.reset()
    yield
    axes.utils.reset()


def zh(message):
    with translation.override("zh-hans"):
        return gettext(message)


def log_in(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def logged_in_as(client):
    return client.session.get("_auth_user_id")


def create_login(chair_client, member, role=Role.TEACHER):
    response = chair_client.post("/members/{}/account/".format(member.pk), {"role": role})
    assert response.status_code == 200
    return response


# --- creating a login --------------------------------------------------------------------------


def test_it_creates_a_login_for_a_member_and_shows_the_password_once(chair_client, school, member):
    response = create_login(chair_client, member, Role.STAFF)

    with scopes_disabled():
        member.refresh_from_db()
    account = member.user
    assert account is not None
    assert (account.username, account.school, account.role) == ("zhangsan", school, Role.STAFF)
    assert account.last_name == "张三"
    assert account.must_change_password
    password = response.context["password"]
    assert len(password) == 10
    assert account.check_password(password)
    assert 'id="one-time-password">{}<'.format(password) in response.content.decode()
    # Once: the list of accounts does not show it again.
    assert password not in chair_client.get("/members/accounts/").content.decode()


def test_it_picks_a_free_username(chair_client, school):
    first = MemberFactory(school=school, name="张三", employee_number="A1")
    second = MemberFactory(school=school, name="张三", employee_number="A2")
    create_login(chair_client, first)
    create_login(chair_client, second)
    with scopes_disabled():
        usernames = sorted(Member.objects.filter(pk__in=[first.pk, second.pk]).values_list("user__username", flat=True))
    assert usernames == ["zhangsan", "zhangsan2"]


def test_it_refuses_a_second_login_for_a_member(chair_client, member):
    create_login(chair_client, member)
    response = chair_client.post("/members/{}/account/".format(member.pk), {"role": Role.TEACHER}, follow=True)
    assert User.objects.filter(last_name="张三").count() == 1
    assert [str(m) for m in response.context["messages"]] == [zh("%(name)s already has a login.") % {"name": "张三"}]


@pytest.mark.parametrize("role", [Role.DISTRICT, "admin", ""])
def test_it_refuses_a_role_that_is_not_a_school_role(chair_client, member, role):
    chair_client.post("/members/{}/account/".format(member.pk), {"role": role})
    with scopes_disabled():
        member.refresh_from_db()
    assert member.user is None
    assert not User.objects.filter(last_name="张三").exists()


def test_it_lists_the_school_s_logins_and_members_without_one(chair_client, chair, staff, member, other_chair):
    response = chair_client.get("/members/accounts/")
    assert response.status_code == 200
    assert set(response.context["accounts"]) == {chair, staff}
    assert list(response.context["members_without_login"]) == [member]


# --- the first login ---------------------------------------------------------------------------


def test_it_makes_a_new_login_choose_its_own_password(chair_client, member):
    password = create_login(chair_client, member).context["password"]
    client = Client()

    response = log_in(client, "zhangsan", password)
    assert response.status_code == 302
    assert logged_in_as(client)

    for path in ["/", "/members/", "/members/{}/".format(member.pk), "/members/accounts/"]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"] == CHANGE, path
    assert client.get(CHANGE).status_code == 200

    response = client.post(
        CHANGE, {"old_password": password, "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )

    assert response.status_code == 302
    assert response["Location"] == "/accounts/password_change/done/"
    account = User.objects.get(username="zhangsan")
    assert not account.must_change_password
    assert account.check_password(NEW_PASSWORD)
    home = client.get("/")
    assert home.status_code == 200
    assert home.context["member"] == member  # a teacher's home shows their own record
    assert client.get("/members/{}/".format(member.pk)).status_code == 200


def test_it_keeps_the_requirement_when_the_new_password_is_refused(chair_client, member):
    password = create_login(chair_client, member).context["password"]
    client = Client()
    log_in(client, "zhangsan", password)

    response = client.post(CHANGE, {"old_password": password, "new_password1": "123", "new_password2": "123"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert User.objects.get(username="zhangsan").must_change_password
    assert client.get("/")["Location"] == CHANGE


def test_it_lets_a_login_that_must_change_its_password_log_out(chair_client, member):
    password = create_login(chair_client, member).context["password"]
    client = Client()
    log_in(client, "zhangsan", password)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert not logged_in_as(client)


# --- reset, disable ----------------------------------------------------------------------------


def test_it_resets_a_password(chair_client, teacher):
    response = chair_client.post("/members/accounts/{}/reset-password/".format(teacher.pk))

    assert response.status_code == 200
    password = response.context["password"]
    teacher.refresh_from_db()
    assert teacher.must_change_password
    assert teacher.check_password(password)
    assert not teacher.check_password(PASSWORD)

    client = Client()
    assert log_in(client, "teacher", PASSWORD).status_code == 200  # the old password is refused
    assert not logged_in_as(client)
    assert log_in(client, "teacher", password).status_code == 302
    assert client.get("/")["Location"] == CHANGE


def test_it_disables_a_login(chair_client, teacher):
    response = chair_client.post("/members/accounts/{}/active/".format(teacher.pk), {"active": "0"})

    assert response.status_code == 302
    teacher.refresh_from_db()
    assert not teacher.is_active
    client = Client()
    response = log_in(client, "teacher", PASSWORD)
    assert response.status_code == 200
    assert response.context["form"].errors
    assert not logged_in_as(client)


def test_it_ends_the_session_of_a_disabled_login(chair_client, teacher):
    client = Client()
    client.force_login(teacher)
    assert client.get("/").status_code == 200
    chair_client.post("/members/accounts/{}/active/".format(teacher.pk), {"active": "0"})
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_it_enables_a_disabled_login_again(chair_client, teacher):
    teacher.is_active = False
    teacher.save()
    chair_client.post("/members/accounts/{}/active/".format(teacher.pk), {"active": "1"})
    teacher.refresh_from_db()
    assert teacher.is_active
    assert log_in(Client(), "teacher", PASSWORD).status_code == 302


def test_it_does_not_let_the_chair_disable_themself(chair_client, chair):
    response = chair_client.post("/members/accounts/{}/active/".format(chair.pk), {"active": "0"}, follow=True)
    chair.refresh_from_db()
    assert chair.is_active
    assert [str(m) for m in response.context["messages"]] == [zh("You cannot disable your own account.")]


@pytest.mark.parametrize("user_fixture", ["staff", "teacher", "district_user"])
def test_it_keeps_everyone_but_the_chair_out_of_account_management(request, client, user_fixture, member, chair):
    user = request.getfixturevalue(user_fixture)
    client.force_login(user)

    assert client.get("/members/accounts/").status_code == 403
    assert client.post("/members/{}/account/".format(member.pk), {"role": Role.CHAIR}).status_code == 403
    assert client.post("/members/accounts/{}/reset-password/".format(chair.pk)).status_code == 403
    assert client.post("/members/accounts/{}/active/".format(chair.pk), {"active": "0"}).status_code == 403
    chair.refresh_from_db()
    assert chair.is_active and not chair.must_change_password
    with scopes_disabled():
        member.refresh_from_db()
    assert member.user is None


def test_it_sends_anonymous_visitors_from_account_management_to_log_in(client, db):
    response = client.get("/members/accounts/")
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)
