"""A member in the recycle bin has no working login; restored, the login works as before."""

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from members import services
from members.models import Member
from tests.factories import PASSWORD, MemberFactory, UserFactory
from unionhub.roles import Role

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


def zh(message):
    with translation.override("zh-hans"):
        return gettext(message)


@pytest.fixture
def login(school):
    return UserFactory(username="zhangsan", school=school, role=Role.TEACHER)


@pytest.fixture
def linked(school, login):
    return MemberFactory(school=school, name="张三", employee_number="T0001", user=login)


def can_log_in(username):
    browser = Client()
    browser.post("/accounts/login/", {"username": username, "password": PASSWORD})
    return "_auth_user_id" in browser.session


def fresh(obj):
    with scopes_disabled():
        return type(obj)._base_manager.get(pk=obj.pk)


def sessions_of(user):
    return [s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)]


def test_it_disables_the_login_of_a_deleted_member_and_ends_their_session(chair_client, linked, login):
    browser = Client()
    browser.force_login(login)
    assert browser.get("/disclosure/").status_code == 200

    response = chair_client.post("/members/{}/delete/".format(linked.pk))

    assert response.status_code == 302
    assert fresh(login).is_active is False
    assert sessions_of(login) == []
    response = browser.get("/disclosure/")
    assert response.status_code == 302 and response.url.startswith("/accounts/login/")
    assert not can_log_in("zhangsan")


def test_a_restored_member_can_log_in_again(chair_client, linked, login):
    chair_client.post("/members/{}/delete/".format(linked.pk))

    response = chair_client.post("/members/trash/{}/restore/".format(linked.pk))

    assert response.status_code == 302
    assert fresh(login).is_active is True
    assert fresh(linked).login_disabled_on_delete is False
    assert can_log_in("zhangsan")


def test_a_login_disabled_before_the_delete_stays_disabled_after_the_restore(chair_client, linked, login):
    login.is_active = False
    login.save()

    chair_client.post("/members/{}/delete/".format(linked.pk))
    assert fresh(linked).login_disabled_on_delete is False
    chair_client.post("/members/trash/{}/restore/".format(linked.pk))

    assert fresh(login).is_active is False
    assert not can_log_in("zhangsan")


def test_the_delete_and_the_disabling_are_one_transaction(linked, login, monkeypatch):
    def failing_soft_delete(self):
        raise RuntimeError("disk full")

    monkeypatch.setattr(Member, "soft_delete", failing_soft_delete)
    with scopes_disabled(), pytest.raises(RuntimeError):
        services.delete_member(fresh(linked))

    assert fresh(login).is_active is True
    assert fresh(linked).deleted_at is None


def test_other_logins_keep_their_sessions(chair_client, linked, login, staff):
    browser = Client()
    browser.force_login(staff)

    chair_client.post("/members/{}/delete/".format(linked.pk))

    assert browser.get("/disclosure/").status_code == 200
    assert len(sessions_of(staff)) == 1


def test_the_chair_cannot_delete_their_own_member_record(chair_client, chair, school):
    own = MemberFactory(school=school, name="刘梅兰", employee_number="C0001", user=chair)

    response = chair_client.post("/members/{}/delete/".format(own.pk), follow=True)

    assert fresh(own).deleted_at is None and fresh(chair).is_active is True
    assert [str(m) for m in response.context["messages"]] == [
        zh("You cannot delete your own member record: your login would stop working.")
    ]


def test_the_confirm_page_says_the_login_will_be_disabled(chair_client, linked):
    page = chair_client.get("/members/{}/delete/".format(linked.pk)).content.decode()

    assert "data-login-warning" in page and "zhangsan" in page


def test_disabling_an_account_on_the_accounts_page_ends_its_sessions(chair_client, login):
    browser = Client()
    browser.force_login(login)

    chair_client.post("/members/accounts/{}/active/".format(login.pk), {"active": "0"})

    assert fresh(login).is_active is False
    assert sessions_of(login) == []
