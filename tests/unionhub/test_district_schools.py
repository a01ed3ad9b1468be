"""The district administrator: lists the district's schools with their chairs, adds a school
with its chair, resets a chair's password; another district's chair answers 404."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from tests.factories import DistrictFactory, DistrictUserFactory, SchoolFactory, UserFactory
from unionhub.models import School
from unionhub.roles import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fast_password_hasher")]

User = get_user_model()
LIST = reverse("schools:district_school_list")
CREATE = reverse("schools:district_school_create")


def reset_url(chair):
    return reverse("schools:district_chair_reset_password", kwargs={"pk": chair.pk})


@pytest.fixture
def district_admin(district):
    return DistrictUserFactory(username="district_admin", district=district, manages_schools=True)


@pytest.fixture
def admin_client(client, district_admin):
    client.force_login(district_admin)
    return client


@pytest.fixture
def far_chair(db):
    """The chair of a school of another district."""
    far_school = SchoolFactory(district=DistrictFactory(name="远山区教育工会"), name="远山区第一小学")
    return UserFactory(username="far_chair", school=far_school, role=Role.CHAIR)


# --- who may use the pages ------------------------------------------------------------------


@pytest.mark.parametrize("role", ["chair", "staff", "teacher", "district_user"])
def test_it_refuses_every_role_but_the_district_administrator(request, client, chair, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(LIST).status_code == 403
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {"name": "新校", "chair_username": "x"}).status_code == 403
    before = User.objects.get(pk=chair.pk).password
    assert client.post(reset_url(chair)).status_code == 403
    assert User.objects.get(pk=chair.pk).password == before
    assert not School.objects.filter(name="新校").exists()


def test_it_sends_anonymous_visitors_to_the_login_page(client):
    for response in (client.get(LIST), client.get(CREATE)):
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")


def test_a_district_administrator_of_another_district_sees_none_of_these_schools(client, chair, school):
    stranger = DistrictUserFactory(district=DistrictFactory(name="远山区教育工会"), manages_schools=True)
    client.force_login(stranger)
    assert school.name not in client.get(LIST).content.decode()
    assert client.post(reset_url(chair)).status_code == 404


def test_the_navigation_offers_the_schools_to_the_district_administrator_only(admin_client, client, district_user):
    assert 'data-nav="district-schools"' in admin_client.get("/").content.decode()
    client.force_login(district_user)
    assert 'data-nav="district-schools"' not in client.get("/").content.decode()


# --- the list --------------------------------------------------------------------------------


def test_it_lists_the_district_schools_with_their_chairs(
    admin_client, school, other_school, chair, other_chair, staff, far_chair, django_assert_max_num_queries
):
    with django_assert_max_num_queries(7):
        response = admin_client.get(LIST)
    html = response.content.decode()
    assert [s.name for s in response.context["schools"]] == sorted([school.name, other_school.name])
    assert "刘梅兰" in html and "chair2" in html
    assert "staff" not in [c.username for s in response.context["schools"] for c in s.chairs]
    assert "远山区第一小学" not in html
    assert reset_url(chair) in html


@pytest.mark.parametrize("schools", [1, 6])
def test_the_list_costs_the_same_queries_for_more_schools(admin_client, district, schools, django_assert_num_queries):
    # Session, user, the scope's school ids, the top bar's district and member, schools, chairs.
    for _n in range(schools):
        UserFactory(school=SchoolFactory(district=district), role=Role.CHAIR)
    with django_assert_num_queries(7):
        admin_client.get(LIST)


# --- adding a school with its chair ------------------------------------------------------------


def test_it_adds_a_school_of_its_district_and_shows_the_chair_password_once(admin_client, district):
    response = admin_client.post(
        CREATE,
        {"name": "清溪区新建小学", "short_name": "新建小学", "chair_username": "xinjian", "chair_name": "周敏"},
    )
    assert response.status_code == 200
    school = School.objects.get(name="清溪区新建小学")
    assert (school.district, school.short_name) == (district, "新建小学")
    chair = User.objects.get(username="xinjian")
    assert (chair.school, chair.role, chair.last_name, chair.must_change_password) == (school, Role.CHAIR, "周敏", True)
    password = response.context["password"]
    assert chair.check_password(password)
    assert 'id="one-time-password">{}<'.format(password) in response.content.decode()
    assert password not in admin_client.get(LIST).content.decode()


def test_it_refuses_a_duplicate_school_or_login_with_a_form_error(admin_client, school, chair):
    response = admin_client.post(CREATE, {"name": school.name, "chair_username": "chair"})
    assert response.status_code == 200
    errors = response.context["form"].non_field_errors()
    assert "清溪区教育工会已有名为清溪区实验初级中学的学校。" in errors
    assert "登录名 chair 已被使用。" in errors
    assert School.objects.filter(name=school.name).count() == 1


def test_it_refuses_a_bad_login_name_with_a_form_error(admin_client):
    response = admin_client.post(CREATE, {"name": "清溪区新建小学", "chair_username": "有 空格"})
    assert response.status_code == 200
    assert response.context["form"].errors["chair_username"]
    assert not School.objects.filter(name="清溪区新建小学").exists()


# --- resetting a chair's password --------------------------------------------------------------


def test_it_resets_a_chair_password_once(admin_client, chair):
    response = admin_client.post(reset_url(chair))
    assert response.status_code == 200
    chair.refresh_from_db()
    password = response.context["password"]
    assert chair.check_password(password)
    assert chair.must_change_password
    assert 'id="one-time-password">{}<'.format(password) in response.content.decode()


def test_it_resets_only_chairs_of_its_own_district(admin_client, staff, far_chair):
    assert admin_client.post(reset_url(staff)).status_code == 404
    assert admin_client.post(reset_url(far_chair)).status_code == 404
    assert admin_client.post(reverse("schools:district_chair_reset_password", kwargs={"pk": 987654})).status_code == 404
    far_chair.refresh_from_db()
    assert not far_chair.must_change_password


# --- adding a chair to a school that has none ----------------------------------------------------


def add_chair_url(school):
    return reverse("schools:district_chair_create", kwargs={"pk": school.pk})


def test_a_school_without_a_chair_offers_to_add_one(admin_client, school, other_school, chair):
    html = admin_client.get(LIST).content.decode()
    assert add_chair_url(other_school) in html
    assert add_chair_url(school) not in html  # it has its chair


def test_it_adds_a_chair_to_a_school_without_one_and_shows_the_password_once(admin_client, other_school):
    assert admin_client.get(add_chair_url(other_school)).status_code == 200
    response = admin_client.post(add_chair_url(other_school), {"chair_username": "xinjian", "chair_name": "周敏"})
    assert response.status_code == 200
    chair = User.objects.get(username="xinjian")
    assert (chair.school, chair.role, chair.last_name, chair.must_change_password) == (
        other_school,
        Role.CHAIR,
        "周敏",
        True,
    )
    password = response.context["password"]
    assert chair.check_password(password)
    assert 'id="one-time-password">{}<'.format(password) in response.content.decode()
    listed = admin_client.get(LIST)
    assert password not in listed.content.decode()
    assert [c.username for s in listed.context["schools"] if s == other_school for c in s.chairs] == ["xinjian"]


def test_adding_a_chair_refuses_a_login_name_taken_with_a_form_error(admin_client, other_school, chair):
    response = admin_client.post(add_chair_url(other_school), {"chair_username": "CHAIR"})
    assert response.status_code == 200
    assert "登录名 CHAIR 已被使用。" in response.context["form"].non_field_errors()
    assert not User.objects.filter(school=other_school).exists()


def test_adding_a_chair_to_another_districts_school_is_404(admin_client, far_chair):
    far_school = far_chair.school
    assert admin_client.get(add_chair_url(far_school)).status_code == 404
    assert admin_client.post(add_chair_url(far_school), {"chair_username": "intruder"}).status_code == 404
    assert not User.objects.filter(username="intruder").exists()


@pytest.mark.parametrize("role", ["chair", "staff", "teacher", "district_user"])
def test_only_the_district_administrator_adds_a_chair(request, client, other_school, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get(add_chair_url(other_school)).status_code == 403
    assert client.post(add_chair_url(other_school), {"chair_username": "intruder"}).status_code == 403
    assert not User.objects.filter(username="intruder").exists()
