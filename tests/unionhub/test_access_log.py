"""The access log: each sensitive act leaves an entry in its school's log, which the chair
alone reads at /school/access-log/ (Chinese, paginated, filtered by act), never another
school's."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.factories import PASSWORD, DistrictUserFactory, MemberFactory, UserFactory
from tests.unionhub.test_admin import add_user, change_user
from unionhub.models import AccessLogEntry, SensitiveAct
from unionhub.roles import Role
from unionhub.services import record_sensitive_act

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hasher")]

User = get_user_model()
LOG = reverse("schools:access_log")
CLIENT = "203.0.113.5"
ID_NUMBER = "11010519491231002X"


@pytest.fixture(autouse=True)
def behind_proxy(settings):
    settings.TRUSTED_PROXIES = ["127.0.0.1"]


def via_proxy(**extra):
    return {"HTTP_X_FORWARDED_FOR": CLIENT, **extra}


def entries(school):
    with scopes_disabled():
        return list(AccessLogEntry.objects.filter(school=school).order_by("pk"))


def only_entry(school):
    [entry] = entries(school)
    return entry


def assert_entry(entry, kind, actor, target):
    assert (entry.kind, entry.actor, entry.target, entry.address) == (kind, actor, target, CLIENT)


@pytest.fixture
def member_with_id(school):
    return MemberFactory(school=school, name="张三", id_card_number=ID_NUMBER)


# --- exports -----------------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["chair", "staff"])
def test_a_roster_export_is_logged(request, client, school, member, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert client.get(reverse("members:roster_export"), **via_proxy()).status_code == 200
    assert_entry(only_entry(school), SensitiveAct.ROSTER_EXPORT, user, "1 名会员")


def test_an_export_of_the_years_records_is_logged(staff_client, staff, school):
    response = staff_client.get(reverse("reports:records_xlsx", kwargs={"year": 2018}), **via_proxy())
    assert response.status_code == 200
    assert_entry(only_entry(school), SensitiveAct.RECORDS_EXPORT, staff, "2018年")


# --- ID card numbers ---------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["chair", "staff"])
def test_a_members_page_with_the_full_id_number_is_logged(request, client, school, member_with_id, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    response = client.get(member_with_id.get_absolute_url(), **via_proxy())
    assert ID_NUMBER in response.content.decode()
    assert_entry(only_entry(school), SensitiveAct.ID_NUMBER_VIEW, user, "张三")


def test_the_edit_form_showing_the_id_number_is_logged(staff_client, staff, school, member_with_id):
    response = staff_client.get(reverse("members:member_update", args=[member_with_id.pk]), **via_proxy())
    assert ID_NUMBER in response.content.decode()
    assert_entry(only_entry(school), SensitiveAct.ID_NUMBER_VIEW, staff, "张三")


def test_a_masked_or_missing_id_number_is_not_logged(client, school, teacher, member):
    own = MemberFactory(school=school, name="王伟", id_card_number=ID_NUMBER, user=teacher)
    client.force_login(teacher)
    response = client.get(own.get_absolute_url())
    assert response.status_code == 200 and ID_NUMBER not in response.content.decode()
    client.force_login(UserFactory(school=school, role=Role.STAFF))
    assert client.get(member.get_absolute_url()).status_code == 200  # no ID number on record
    assert entries(school) == []


# --- the school's logins -----------------------------------------------------------------------


def test_creating_a_login_is_logged(chair_client, chair, school, member):
    response = chair_client.post(
        reverse("members:account_create", args=[member.pk]), {"role": Role.STAFF}, **via_proxy()
    )
    assert response.status_code == 200
    with scopes_disabled():
        member.refresh_from_db()
    assert_entry(only_entry(school), SensitiveAct.ACCOUNT_CREATE, chair, "张三（{}）".format(member.user.username))


def test_a_password_reset_is_logged(chair_client, chair, school, teacher):
    response = chair_client.post(reverse("members:account_reset_password", args=[teacher.pk]), **via_proxy())
    assert response.status_code == 200
    assert_entry(only_entry(school), SensitiveAct.PASSWORD_RESET, chair, "王伟（teacher）")


def test_disabling_and_enabling_a_login_are_logged(chair_client, chair, school, teacher):
    url = reverse("members:account_active", args=[teacher.pk])
    chair_client.post(url, {"active": "0"}, **via_proxy())
    chair_client.post(url, {"active": "1"}, **via_proxy())
    disabled, enabled = entries(school)
    assert_entry(disabled, SensitiveAct.ACCOUNT_DISABLE, chair, "王伟（teacher）")
    assert_entry(enabled, SensitiveAct.ACCOUNT_ENABLE, chair, "王伟（teacher）")


# --- the district administrator's pages --------------------------------------------------------


@pytest.fixture
def district_admin(district):
    return DistrictUserFactory(username="district_admin", district=district, manages_schools=True, last_name="赵区")


def test_the_district_administrators_acts_are_in_the_schools_log(client, district_admin, school, chair, other_school):
    client.force_login(district_admin)
    client.post(reverse("schools:district_chair_reset_password", args=[chair.pk]), **via_proxy())
    client.post(
        reverse("schools:district_chair_create", args=[other_school.pk]), {"chair_username": "yg"}, **via_proxy()
    )
    data = {"name": "清溪区新建小学", "short_name": "新建小学", "chair_username": "xinjian"}
    assert client.post(reverse("schools:district_school_create"), data, **via_proxy()).status_code == 200

    assert_entry(only_entry(school), SensitiveAct.PASSWORD_RESET, district_admin, "刘梅兰（chair）")
    assert_entry(only_entry(other_school), SensitiveAct.ACCOUNT_CREATE, district_admin, "yg")
    new_school = User.objects.get(username="xinjian").school
    assert_entry(only_entry(new_school), SensitiveAct.ACCOUNT_CREATE, district_admin, "xinjian")
    assert only_entry(school).actor_name == "赵区（district_admin）"


def test_a_school_made_from_the_shell_logs_its_chair_with_no_actor(db):
    call_command("createschool", "清溪区教育工会", "清溪区第二小学", "第二小学", "erxiao", stdout=io.StringIO())
    school = User.objects.get(username="erxiao").school
    entry = only_entry(school)
    assert (entry.kind, entry.actor, entry.actor_name, entry.address) == (SensitiveAct.ACCOUNT_CREATE, None, "", None)


# --- the Django admin --------------------------------------------------------------------------


@pytest.fixture
def superuser_client(client, db):
    client.force_login(User.objects.create_superuser("root", "root@example.com", PASSWORD))
    return client


def test_the_admins_account_changes_are_logged(superuser_client, school, teacher):
    add_user(superuser_client, school=school.pk, role=Role.STAFF, last_name="周敏")
    change_user(superuser_client, teacher, role=Role.STAFF, is_active=None)
    superuser_client.post(
        reverse("admin:auth_user_password_change", args=[teacher.pk]),
        {"password1": "Qingxi-union-2027!", "password2": "Qingxi-union-2027!", "usable_password": "true"},
    )
    kinds = [(entry.kind, entry.target, entry.actor_name) for entry in entries(school)]
    assert kinds == [
        (SensitiveAct.ACCOUNT_CREATE, "周敏（newlogin）", "root"),
        (SensitiveAct.ROLE_CHANGE, "王伟（teacher）：教职工 → 工会委员", "root"),
        (SensitiveAct.ACCOUNT_DISABLE, "王伟（teacher）", "root"),
        (SensitiveAct.PASSWORD_RESET, "王伟（teacher）", "root"),
    ]


# --- without a request: restores -----------------------------------------------------------------


def test_an_act_without_a_request_or_a_school_is_in_every_schools_log(school, other_school, chair_client):
    record_sensitive_act(SensitiveAct.RESTORE, school=None, actor=None, target="unionhub-2026-12-07.dump")

    for each in (school, other_school):
        entry = only_entry(each)
        assert (entry.kind, entry.actor, entry.target, entry.address) == (
            SensitiveAct.RESTORE,
            None,
            "unionhub-2026-12-07.dump",
            None,
        )
    page = chair_client.get(LOG).content.decode()
    assert "恢复备份" in page and "系统（命令行）" in page and "unionhub-2026-12-07.dump" in page


# --- the page ----------------------------------------------------------------------------------


def record(school, kind=SensitiveAct.ROSTER_EXPORT, target="", actor=None):
    record_sensitive_act(kind, school=school, actor=actor, target=target, address=CLIENT)


def test_the_chair_reads_the_schools_log_in_chinese(chair_client, chair, school):
    record(school, SensitiveAct.ID_NUMBER_VIEW, "张三", actor=chair)
    response = chair_client.get(LOG)
    page = response.content.decode()
    assert response.status_code == 200
    assert "访问日志" in page and "查看身份证号" in page and "张三" in page and "刘梅兰（chair）" in page
    assert CLIENT in page
    assert 'data-nav="access-log"' in page


@pytest.mark.parametrize("role", ["staff", "teacher", "district_user"])
def test_everyone_but_the_chair_is_refused(request, client, school, role):
    record(school)
    client.force_login(request.getfixturevalue(role))
    response = client.get(LOG)
    assert response.status_code == 403
    assert 'data-nav="access-log"' not in client.get("/").content.decode()


def test_an_anonymous_visitor_is_sent_to_log_in(client, db):
    response = client.get(LOG)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_another_schools_entries_never_show(client, school, other_school, other_chair):
    record(school, target="本校的张三")
    record(other_school, target="阳光小学的李四")
    client.force_login(other_chair)
    page = client.get(LOG).content.decode()
    assert "阳光小学的李四" in page and "本校的张三" not in page


def test_it_filters_by_act(chair_client, school):
    record(school, SensitiveAct.ROSTER_EXPORT, "全体")
    record(school, SensitiveAct.PASSWORD_RESET, "王伟（teacher）")
    page = chair_client.get(LOG, {"kind": SensitiveAct.PASSWORD_RESET}).content.decode()
    assert "王伟（teacher）" in page and "全体" not in page
    assert chair_client.get(LOG, {"kind": "nonsense"}).status_code == 200


def test_it_pages_newest_first_and_keeps_the_filter(chair_client, school):
    for number in range(51):
        record(school, SensitiveAct.PASSWORD_RESET, "账号{}".format(number))
    first = chair_client.get(LOG, {"kind": SensitiveAct.PASSWORD_RESET})
    assert [entry.target for entry in first.context["entries"]][:2] == ["账号50", "账号49"]
    assert len(first.context["entries"]) == 50
    assert "kind=password_reset&amp;page=2" in first.content.decode()
    second = chair_client.get(LOG, {"kind": SensitiveAct.PASSWORD_RESET, "page": 2})
    assert [entry.target for entry in second.context["entries"]] == ["账号0"]


@pytest.mark.parametrize("count", [1, 50])
def test_the_page_runs_the_same_few_queries_however_long_the_log(
    chair_client, chair, school, count, django_assert_num_queries
):
    for number in range(count):
        record(school, SensitiveAct.ID_NUMBER_VIEW, "会员{}".format(number), actor=chair)
    with django_assert_num_queries(QUERIES):
        assert chair_client.get(LOG).status_code == 200


# The session, the login, its school, the count and the page of entries, and the
# login's member record for the menu: the actor's name is kept on the entry, so no join.
QUERIES = 6
