"""The Django admin, for superusers: the login forms carry school, district and role and
answer a wrong combination with a form error (never a 500), and every school-owned model
of every app is registered, its list and add page open."""

from types import SimpleNamespace

import pytest
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.urls import reverse
from django_scopes import scopes_disabled

from members.models import Department, Member
from tests.factories import DepartmentFactory, MemberFactory
from unionhub.admin import is_school_owned
from unionhub.models import SubmissionToken
from unionhub.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hasher")]

User = get_user_model()
ADD_USER = reverse("admin:unionhub_user_add")


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("root", "root@example.com", "root-pass-123")


@pytest.fixture
def superuser_client(client, superuser):
    client.force_login(superuser)
    return client


def school_owned_models():
    return [
        model for model in apps.get_models() if is_school_owned(model) and not model.__name__.startswith("Historical")
    ]


# --- the login forms ---------------------------------------------------------------------------


def add_user(client, **fields):
    data = {
        "username": "newlogin",
        "usable_password": "true",
        "password1": "Qingxi-union-2026!",
        "password2": "Qingxi-union-2026!",
        "last_name": "",
        "school": "",
        "district": "",
        "role": "",
        "_save": "保存",
    }
    data.update({name: "" if value is None else value for name, value in fields.items()})
    return client.post(ADD_USER, data)


def test_the_add_form_makes_a_chair_of_a_school(superuser_client, school):
    response = add_user(superuser_client, school=school.pk, role=Role.CHAIR, last_name="周敏")
    assert response.status_code == 302
    user = User.objects.get(username="newlogin")
    assert (user.school, user.role, user.district, user.last_name) == (school, Role.CHAIR, None, "周敏")


def test_the_add_form_makes_a_district_administrator(superuser_client, district):
    response = add_user(superuser_client, district=district.pk, role=Role.DISTRICT, manages_schools="on")
    assert response.status_code == 302
    assert User.objects.get(username="newlogin").manages_schools


@pytest.mark.parametrize(
    "fields,field,message",
    [
        ({"role": Role.CHAIR}, "school", "工会主席、工会委员和教职工必须选择所在学校。"),
        ({"role": Role.TEACHER, "school": "SCHOOL", "district": "DISTRICT"}, "district", "学校账号不属于区"),
        ({"role": Role.DISTRICT}, "district", "区级用户必须选择所在的区。"),
        ({"role": Role.DISTRICT, "district": "DISTRICT", "school": "SCHOOL"}, "school", "区级用户不属于某所学校"),
        ({"school": "SCHOOL"}, "role", "请选择角色"),
        ({"role": Role.STAFF, "school": "SCHOOL", "manages_schools": "on"}, "manages_schools", "只有区级用户"),
    ],
)
def test_the_add_form_answers_a_wrong_combination_with_a_chinese_form_error(
    superuser_client, school, district, fields, field, message
):
    ids = {"SCHOOL": school.pk, "DISTRICT": district.pk}
    response = add_user(superuser_client, **{name: ids.get(value, value) for name, value in fields.items()})
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert any(message in error for error in errors.get(field, [])), errors
    assert not User.objects.filter(username="newlogin").exists()


def change_user(client, user, **fields):
    data = {
        "username": user.username,
        "last_name": user.last_name,
        "first_name": "",
        "email": "",
        "is_active": "on",
        "date_joined_0": "2026-01-01",
        "date_joined_1": "08:00:00",
        "school": user.school_id or "",
        "district": user.district_id or "",
        "role": user.role,
        "_save": "保存",
    }
    data.update({name: "" if value is None else value for name, value in fields.items()})
    return client.post(reverse("admin:unionhub_user_change", args=[user.pk]), data)


def test_the_change_form_saves_a_right_combination(superuser_client, chair, other_school):
    response = change_user(superuser_client, chair, school=other_school.pk)
    assert response.status_code == 302
    chair.refresh_from_db()
    assert chair.school == other_school


@pytest.mark.parametrize(
    "fields,field",
    [
        ({"school": None}, "school"),
        ({"role": Role.DISTRICT}, "district"),
        ({"role": ""}, "role"),
        ({"manages_schools": "on"}, "manages_schools"),
    ],
)
def test_the_change_form_answers_a_wrong_combination_with_a_form_error(superuser_client, chair, fields, field):
    response = change_user(superuser_client, chair, **fields)
    assert response.status_code == 200
    assert field in response.context["adminform"].form.errors
    chair.refresh_from_db()
    assert (chair.role, chair.school_id is not None, chair.manages_schools) == (Role.CHAIR, True, False)


def test_the_user_pages_open(superuser_client, chair, district_user):
    assert superuser_client.get(reverse("admin:unionhub_user_changelist")).status_code == 200
    assert superuser_client.get(ADD_USER).status_code == 200
    for user in (chair, district_user):
        assert superuser_client.get(reverse("admin:unionhub_user_change", args=[user.pk])).status_code == 200


# --- every school-owned model ------------------------------------------------------------------


def test_every_school_owned_model_of_every_app_is_registered():
    models = school_owned_models()
    assert {model._meta.app_label for model in models} >= {"members", "activities", "congress", "disclosure"}
    missing = [model._meta.label for model in models if not admin.site.is_registered(model)]
    assert not missing, "register these in their app's admin.py (register_school_owned): {}".format(missing)


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda model: model._meta.label)
def test_a_superuser_opens_the_list_and_add_page_of_each_registered_model(superuser_client, superuser, school, model):
    opts = model._meta
    # Read-only logs (django-axes' login attempts) have no add page at all.
    addable = admin.site._registry[model].has_add_permission(SimpleNamespace(user=superuser))
    for view, expected in (("changelist", 200), ("add", 200 if addable else 403)):
        url = reverse("admin:{}_{}_{}".format(opts.app_label, opts.model_name, view))
        response = superuser_client.get(url)
        assert response.status_code == expected, "{} {}".format(url, response.status_code)


def test_the_list_shows_every_school_and_deleted_records(superuser_client, member, other_member):
    with scopes_disabled():
        other_member.soft_delete()
    response = superuser_client.get(reverse("admin:members_member_changelist"))
    assert response.status_code == 200
    assert {m.pk for m in response.context["cl"].result_list} == {member.pk, other_member.pk}
    assert superuser_client.get(reverse("admin:members_member_change", args=[other_member.pk])).status_code == 200


def test_adding_a_record_picks_its_school_and_refuses_another_school_s_rows(superuser_client, school, other_school):
    with scopes_disabled():
        own = DepartmentFactory(school=school)
        foreign = DepartmentFactory(school=other_school)
    url = reverse("admin:members_member_add")
    data = {
        "school": school.pk,
        "name": "孙丽",
        "gender": "F",
        "ethnic_group": "汉族",
        "title": "none",
        "status": "active",
        "party_membership": "masses",
        "department": foreign.pk,
        "_save": "保存",
    }
    response = superuser_client.post(url, data)
    assert response.status_code == 200
    assert "请选择属于清溪区实验初级中学的记录。" in response.context["adminform"].form.errors["department"]
    response = superuser_client.post(url, {**data, "department": own.pk})
    assert response.status_code == 302, response.context["adminform"].form.errors
    with scopes_disabled():
        assert Member.objects.get(name="孙丽").school == school


def test_a_record_s_history_opens_in_the_admin(superuser_client, member):
    url = reverse("admin:members_member_history", args=[member.pk])
    assert superuser_client.get(url).status_code == 200


def test_a_school_owned_record_keeps_its_school_when_changed(superuser_client, member):
    with scopes_disabled():
        department = Department.objects.get(pk=member.department_id)
    url = reverse("admin:members_department_change", args=[department.pk])
    response = superuser_client.get(url)
    assert response.status_code == 200
    assert "school" not in response.context["adminform"].form.fields


def test_admin_staff_with_model_permissions_but_no_superuser_rights_are_refused(client, chair):
    chair.is_staff = True
    chair.save()
    chair.user_permissions.set(Permission.objects.filter(codename__in=["view_member", "change_member"]))
    client.force_login(chair)
    assert client.get(reverse("admin:members_member_changelist")).status_code == 403


def test_submission_tokens_are_read_only_for_a_superuser(superuser_client, superuser, school, chair):
    """A create form's one-time tokens are listed and viewed, and can be deleted, but never
    added or edited through the admin."""
    with scopes_disabled():
        token = SubmissionToken.objects.create(school=school, user=chair, token="t" * 32, url="/members/1/")
    change = reverse("admin:unionhub_submissiontoken_change", args=[token.pk])
    response = superuser_client.get(change)
    assert response.status_code == 200
    assert not response.context["has_change_permission"]
    assert superuser_client.post(change, {"token": "other", "url": "/"}).status_code == 403
    assert superuser_client.get(reverse("admin:unionhub_submissiontoken_add")).status_code == 403
    delete = reverse("admin:unionhub_submissiontoken_delete", args=[token.pk])
    assert superuser_client.post(delete, {"post": "yes"}).status_code == 302
    with scopes_disabled():
        assert not SubmissionToken.objects.filter(pk=token.pk).exists()


# --- a member's uniqueness checks in the admin ---------------------------------------------


def admin_form_data(client, url, **changes):
    """What the admin's member form posts as it is shown, with ``changes``."""
    form = client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if name in ("photo",):
            continue
        data[name] = "" if value is None else value.pk if hasattr(value, "pk") else value
    data.update(changes)
    return data


ID_NUMBER = "11010519491231002X"


def test_the_member_change_form_refuses_a_number_of_another_member(superuser_client, school):
    """Without the school in the form, Django skipped the checks and the database's unique
    constraint answered 500."""
    with scopes_disabled():
        MemberFactory(school=school, name="李四", id_card_number=ID_NUMBER, employee_number="A1")
        member = MemberFactory(school=school, name="张三", employee_number="A2")
    url = reverse("admin:members_member_change", args=[member.pk])

    for field, value, message in (
        ("id_card_number", ID_NUMBER.lower(), "本校已有其他会员使用此身份证号。"),
        ("employee_number", "Ａ1", "本校已有其他会员使用此工号。"),
    ):
        response = superuser_client.post(url, admin_form_data(superuser_client, url, **{field: value}))
        assert response.status_code == 200, field
        assert message in response.content.decode()
        with scopes_disabled():
            assert getattr(Member.all_objects.get(pk=member.pk), field) in ("", "A2")


def test_the_member_change_form_saves_a_number_of_a_deleted_member_or_another_school(
    superuser_client, school, other_school
):
    with scopes_disabled():
        MemberFactory(school=other_school, id_card_number=ID_NUMBER, employee_number="A1")
        MemberFactory(school=school, id_card_number=ID_NUMBER, employee_number="A3").soft_delete()
        member = MemberFactory(school=school, name="张三", employee_number="A2")
    url = reverse("admin:members_member_change", args=[member.pk])

    response = superuser_client.post(url, admin_form_data(superuser_client, url, id_card_number=ID_NUMBER.lower()))

    assert response.status_code == 302
    with scopes_disabled():
        assert Member.all_objects.get(pk=member.pk).id_card_number == ID_NUMBER


def test_the_member_add_form_refuses_a_number_of_another_member_of_the_school_chosen(superuser_client, school):
    with scopes_disabled():
        MemberFactory(school=school, name="李四", id_card_number=ID_NUMBER, employee_number="A1")
    url = reverse("admin:members_member_add")
    data = admin_form_data(superuser_client, url, school=school.pk, name="孙丽", gender="F", id_card_number=ID_NUMBER)

    response = superuser_client.post(url, data)

    assert response.status_code == 200
    assert "本校已有其他会员使用此身份证号。" in response.content.decode()
    with scopes_disabled():
        assert not Member.all_objects.filter(name="孙丽").exists()
