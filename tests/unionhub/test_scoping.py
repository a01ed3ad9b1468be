"""One school never sees another's records: the scoped manager, scoped forms and views."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.test import Client
from django_scopes import ScopeError, scope, scopes_disabled
from PIL import Image

from members.forms import MemberForm
from members.models import Department, Member
from tests.factories import DepartmentFactory, member_form_data

pytestmark = pytest.mark.usefixtures("fast_password_hasher")


# --- the scoped manager ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        lambda: list(Member.objects.all()),
        lambda: Member.objects.count(),
        lambda: Member.objects.filter(name="张三"),
        lambda: Member.objects.get(employee_number="T0001"),
        lambda: Member.objects.first(),
        lambda: Member.all_objects.count(),
        lambda: Department.objects.count(),
        lambda: list(Department.objects.all()),
        lambda: Member.objects.exists(),
        lambda: Member.objects.in_bulk([1]),
        lambda: Member.objects.exclude(name="张三"),
        lambda: Member.objects.search("zs"),
        lambda: Member.objects.women(),
    ],
)
def test_it_refuses_to_query_outside_a_scope(member, other_member, query):
    with pytest.raises(ScopeError):
        query()


def test_it_finds_nothing_in_the_empty_scope_of_anonymous_requests(member):
    with scope(school=[]):
        assert Member.objects.count() == 0


def test_it_shows_only_the_scoped_school_s_rows(school, other_school, member, other_member):
    with scope(school=[school.pk]):
        assert list(Member.objects.all()) == [member]
        assert Member.objects.count() == 1
        assert not Member.objects.filter(pk=other_member.pk).exists()
        assert set(Department.objects.values_list("school_id", flat=True)) == {school.pk}
    with scope(school=[other_school.pk]):
        assert list(Member.objects.all()) == [other_member]


def test_it_shows_several_schools_in_a_district_scope(school, other_school, member, other_member):
    with scope(school=[school.pk, other_school.pk]):
        assert Member.objects.count() == 2


def test_it_sees_everything_only_with_scopes_disabled(member, other_member):
    with scopes_disabled():
        assert Member.objects.count() == 2


# --- scoped forms ------------------------------------------------------------------------------


def test_it_offers_only_the_school_s_departments(school, other_school, in_school):
    own = DepartmentFactory(school=school, name="数学组")
    DepartmentFactory(school=other_school, name="语文组")
    form = MemberForm(school=school)
    assert list(form.fields["department"].queryset) == [own]


@pytest.mark.parametrize("scoping", ["school", "disabled"])
def test_it_refuses_another_school_s_department_even_when_posted(school, other_school, scoping):
    foreign = DepartmentFactory(school=other_school, name="语文组")
    context = scope(school=[school.pk]) if scoping == "school" else scopes_disabled()
    with context:
        form = MemberForm(data=member_form_data(department=foreign.pk), school=school)
        assert not form.is_valid()
    assert list(form.errors) == ["department"]
    assert form.errors.as_data()["department"][0].code == "invalid_choice"


def test_it_accepts_the_school_s_own_department(school, in_school):
    own = DepartmentFactory(school=school, name="数学组")
    form = MemberForm(data=member_form_data(department=own.pk), school=school)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["department"] == own


def test_it_refuses_another_school_s_department_through_the_view(staff_client, school, other_school):
    foreign = DepartmentFactory(school=other_school, name="语文组")
    response = staff_client.post("/members/new/", member_form_data(name="孙丽", department=foreign.pk))
    assert response.status_code == 200
    assert "department" in response.context["form"].errors
    with scopes_disabled():
        assert not Member.objects.filter(name="孙丽").exists()


# --- the school set on create ------------------------------------------------------------------


def test_it_creates_a_member_in_the_staff_s_school(staff_client, staff, school, other_school):
    response = staff_client.post("/members/new/", member_form_data(name="孙丽", school=other_school.pk))
    assert response.status_code == 302
    with scopes_disabled():
        created = Member.objects.get(name="孙丽")
    assert created.school == staff.school == school
    assert response["Location"] == "/members/{}/".format(created.pk)


def test_it_keeps_the_school_of_an_edited_member(staff_client, school, other_school, member):
    data = member_form_data(member, post="年级组长", school=other_school.pk)
    response = staff_client.post("/members/{}/edit/".format(member.pk), data)
    assert response.status_code == 302
    with scopes_disabled():
        member.refresh_from_db()
    assert member.school == school
    assert member.post == "年级组长"


def test_it_creates_a_department_in_the_staff_s_school(staff_client, school):
    response = staff_client.post("/members/departments/new/", {"name": "体育组", "kind": "subject", "position": 3})
    assert response.status_code == 302
    with scopes_disabled():
        assert Department.objects.get(name="体育组").school == school


# --- another school's object answers 404, like one that does not exist --------------------------


def jpeg_bytes():
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="JPEG")
    return buffer.getvalue()


def give_photo(member):
    member.photo = ContentFile(jpeg_bytes(), name="photo.jpg")
    member.photo_thumbnail = ContentFile(jpeg_bytes(), name="thumb.jpg")
    member.save()


def normalized(response):
    """The page with what differs by request alone (CSRF tokens, its own path) blanked out."""
    content = response.content.replace(response.wsgi_request.path.encode(), b"PATH")
    content = re.sub(rb'name="csrfmiddlewaretoken" value="[^"]+"', b"", content)
    return re.sub(rb'"X-CSRFToken": "[^"]*"', b"", content)


def answer(client, method, url):
    # Each answer drawn afresh: a fragment read from the cache (the navigation) leaves out
    # the templates it was drawn from, and the answers' templates are compared.
    cache.clear()
    return client.post(url, {}) if method == "POST" else client.get(url)


MISSING_PK = 987654

OBJECT_URLS = [
    ("GET", "/members/{}/"),
    ("GET", "/members/{}/edit/"),
    ("POST", "/members/{}/edit/"),
    ("GET", "/members/{}/delete/"),
    ("POST", "/members/{}/delete/"),
    ("GET", "/members/{}/photo/"),
    ("GET", "/members/{}/photo/thumbnail/"),
    ("POST", "/members/{}/account/"),
]


@pytest.mark.parametrize("method, url", OBJECT_URLS)
def test_it_answers_404_for_another_school_s_member(chair_client, member, other_member, method, url):
    with scopes_disabled():
        give_photo(member)
        give_photo(other_member)

    foreign = answer(chair_client, method, url.format(other_member.pk))
    missing = answer(chair_client, method, url.format(MISSING_PK))
    own = answer(chair_client, method, url.format(member.pk))  # last: it may leave a message behind

    assert own.status_code in (200, 302)  # the same URL works for the chair's own member
    assert foreign.status_code == missing.status_code == 404
    assert [t.name for t in foreign.templates] == [t.name for t in missing.templates]
    assert "404.html" in [t.name for t in foreign.templates]
    assert normalized(foreign) == normalized(missing)


def test_it_leaves_another_school_s_member_alone(chair_client, other_member):
    chair_client.post("/members/{}/delete/".format(other_member.pk))
    chair_client.post("/members/{}/edit/".format(other_member.pk), member_form_data(other_member, name="改名"))
    chair_client.post("/members/{}/account/".format(other_member.pk), {"role": "teacher"})
    with scopes_disabled():
        other_member.refresh_from_db()
    assert other_member.deleted_at is None
    assert other_member.name == "李四"
    assert other_member.user is None


def test_it_answers_404_for_another_school_s_deleted_member(chair_client, other_member):
    with scopes_disabled():
        other_member.soft_delete()
    response = chair_client.post("/members/trash/{}/restore/".format(other_member.pk))
    assert response.status_code == 404
    with scopes_disabled():
        other_member.refresh_from_db()
    assert other_member.deleted_at is not None


def test_it_answers_404_for_another_school_s_department(chair_client, other_school, school):
    own = DepartmentFactory(school=school)
    foreign = DepartmentFactory(school=other_school)
    assert chair_client.get("/members/departments/{}/edit/".format(own.pk)).status_code == 200
    assert chair_client.get("/members/departments/{}/edit/".format(foreign.pk)).status_code == 404


def test_it_answers_404_for_another_school_s_login(chair_client, other_chair):
    response = chair_client.post("/members/accounts/{}/active/".format(other_chair.pk), {"active": "0"})
    assert response.status_code == 404
    other_chair.refresh_from_db()
    assert other_chair.is_active


def test_it_keeps_other_schools_out_of_the_roster(chair_client, member, other_member):
    response = chair_client.get("/members/")
    records = [row.record for row in response.context["table"].page.object_list]
    assert records == [member]
    assert "李四" not in response.content.decode()


def test_it_shows_a_district_user_no_member_page(client, district_user, member):
    client.force_login(district_user)
    assert client.get("/members/{}/".format(member.pk)).status_code == 403


def test_it_serves_another_school_s_chair_their_own_member(other_chair, other_member, member):
    client = Client()
    client.force_login(other_chair)
    assert client.get("/members/{}/".format(other_member.pk)).status_code == 200
    assert client.get("/members/{}/".format(member.pk)).status_code == 404
