"""Notice categories are editable per school: staff add and rename; another school's
categories stay out of reach; notices follow a rename."""

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from disclosure.models import NoticeCategory

from .factories import NoticeFactory, category_of

pytestmark = pytest.mark.django_db


def test_staff_add_a_category_of_their_own_school(staff_client, school, other_school):
    response = staff_client.post(reverse("disclosure:category_list"), {"name": "校园安全", "position": 12})
    assert response.status_code == 302
    with scopes_disabled():
        assert NoticeCategory.objects.filter(school=school, name="校园安全").exists()
        assert not NoticeCategory.objects.filter(school=other_school, name="校园安全").exists()
    page = staff_client.get(reverse("disclosure:notice_create")).content.decode()
    assert "校园安全" in page


def test_a_duplicate_category_name_is_refused_and_nothing_changes(staff_client, school):
    with scopes_disabled():
        before = NoticeCategory.objects.filter(school=school).count()
    response = staff_client.post(reverse("disclosure:category_list"), {"name": "财务", "position": 3})
    assert response.status_code == 200
    assert "本校已有同名的公示类别。" in response.content.decode()
    with scopes_disabled():
        assert NoticeCategory.objects.filter(school=school).count() == before


def test_renaming_a_category_keeps_its_notices(staff_client, school):
    with scopes_disabled():
        category = category_of(school, "评先评优")
        notice = NoticeFactory(school=school, category=category)
    response = staff_client.post(
        reverse("disclosure:category_update", args=[category.pk]), {"name": "评优评先", "position": 6}
    )
    assert response.status_code == 302
    with scopes_disabled():
        notice.refresh_from_db()
        assert notice.category.name == "评优评先"
    assert "评优评先" in staff_client.get(reverse("disclosure:category_list")).content.decode()


def test_another_schools_category_is_not_found(staff_client, other_school):
    with scopes_disabled():
        category = category_of(other_school)
    url = reverse("disclosure:category_update", args=[category.pk])
    assert staff_client.get(url).status_code == 404
    assert staff_client.post(url, {"name": "改名", "position": 0}).status_code == 404
    with scopes_disabled():
        category.refresh_from_db()
    assert category.name == "财务"


@pytest.mark.parametrize("extra", [0, 30])
def test_the_category_list_takes_a_fixed_number_of_queries(staff_client, school, extra, django_assert_max_num_queries):
    with scopes_disabled():
        for index in range(extra):
            NoticeFactory(
                school=school, category=NoticeCategory.objects.create(school=school, name="类{}".format(index))
            )
    with django_assert_max_num_queries(8):
        assert staff_client.get(reverse("disclosure:category_list")).status_code == 200
