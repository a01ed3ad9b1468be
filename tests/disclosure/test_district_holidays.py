"""District holidays: a district administrator enters the official holidays and make-up
working days of a year the package does not know, at /district/holidays/, for every school
of the district (a school's own entry for the same date wins); the notices' windows of
every school of the district are counted again. Another district's administrator neither
sees nor removes them; school staff cannot reach the page."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from disclosure.models import HolidayCalendarDay, Notice
from tests.factories import DistrictFactory, DistrictUserFactory, SchoolFactory

from .factories import NoticeFactory

pytestmark = pytest.mark.django_db

D = datetime.date
LIST = reverse("district_holidays:list")


def delete_url(day):
    return reverse("district_holidays:delete", args=[day.pk])


def login(user):
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def admin_client(district):
    return login(DistrictUserFactory(username="district_admin", district=district, manages_schools=True))


@pytest.fixture
def far_school(db):
    return SchoolFactory(district=DistrictFactory(name="远山区教育工会"), name="远山区第一小学")


@pytest.fixture
def far_admin_client(far_school):
    return login(DistrictUserFactory(username="far_admin", district=far_school.district, manages_schools=True))


def enter_day(client, day, kind="holiday", name="国庆假期"):
    return client.post(LIST, {"date": day, "kind": kind, "name": name})


def window_notice(school):
    """Five working days from Wednesday 2027-09-29: to 10-5, counted Monday to Friday."""
    with scopes_disabled():
        notice = NoticeFactory(school=school, starts_on=D(2027, 9, 29), working_days=5)
    assert notice.ends_on == D(2027, 10, 5)
    return notice


def ends_on(notice):
    with scopes_disabled():
        return Notice.objects.get(pk=notice.pk).ends_on


def test_district_holidays_a_day_entered_moves_the_windows_of_every_school_of_the_district(
    admin_client, school, other_school, far_school
):
    mine, sibling, far = window_notice(school), window_notice(other_school), window_notice(far_school)
    with scopes_disabled():
        # The school's own entry for that date wins over the district's.
        HolidayCalendarDay.objects.create(district=school.district, school=school, date=D(2027, 10, 1), kind="workday")

    response = enter_day(admin_client, "2027-10-01")

    assert response.status_code == 302 and response["Location"] == LIST + "?year=2027"
    with scopes_disabled():
        day = HolidayCalendarDay.objects.get(school__isnull=True)
    assert (day.district_id, day.date, day.kind) == (school.district_id, D(2027, 10, 1), "holiday")
    assert ends_on(sibling) == D(2027, 10, 6)  # 10-1 is a holiday now
    assert ends_on(mine) == D(2027, 10, 5)  # its own entry says 10-1 is worked
    assert ends_on(far) == D(2027, 10, 5)  # another district
    page = admin_client.get(LIST + "?year=2027").content.decode()
    assert "国庆假期" in page and delete_url(day) in page


def test_district_holidays_a_day_removed_gives_the_schools_their_windows_back(admin_client, other_school):
    notice = window_notice(other_school)
    enter_day(admin_client, "2027-10-01")
    assert ends_on(notice) == D(2027, 10, 6)
    with scopes_disabled():
        day = HolidayCalendarDay.objects.get()

    assert admin_client.post(delete_url(day)).status_code == 302

    with scopes_disabled():
        assert not HolidayCalendarDay.objects.exists()
    assert ends_on(notice) == D(2027, 10, 5)


def test_district_holidays_lists_the_districts_days_only_and_refuses_a_date_twice(admin_client, school, far_school):
    with scopes_disabled():
        own = HolidayCalendarDay.objects.create(
            district=school.district, school=school, date=D(2027, 5, 3), kind="holiday", name="学校补假"
        )
        HolidayCalendarDay.objects.create(
            district=far_school.district, date=D(2027, 5, 4), kind="holiday", name="远山假"
        )
    enter_day(admin_client, "2027-10-01")

    twice = enter_day(admin_client, "2027-10-01")

    assert twice.status_code == 200 and "该日期已录入。" in twice.context["form"].errors["date"]
    page = admin_client.get(LIST + "?year=2027").content.decode()
    assert "国庆假期" in page and "学校补假" not in page and "远山假" not in page
    # A school's own entry is the school's to remove.
    assert admin_client.post(delete_url(own)).status_code == 404


def test_district_holidays_another_districts_administrator_neither_sees_nor_removes_them(
    admin_client, far_admin_client
):
    enter_day(admin_client, "2027-10-01")
    with scopes_disabled():
        day = HolidayCalendarDay.objects.get()

    assert "国庆假期" not in far_admin_client.get(LIST + "?year=2027").content.decode()
    assert far_admin_client.post(delete_url(day)).status_code == 404
    with scopes_disabled():
        assert HolidayCalendarDay.objects.filter(pk=day.pk).exists()


@pytest.mark.parametrize("role", ["chair", "staff", "teacher", "district_user"])
def test_district_holidays_school_staff_and_other_district_users_cannot_reach_the_page(request, district, role):
    with scopes_disabled():
        day = HolidayCalendarDay.objects.create(district=district, date=D(2027, 10, 1), kind="holiday")
    client = login(request.getfixturevalue(role))

    assert client.get(LIST).status_code == 403
    assert enter_day(client, "2027-10-02").status_code == 403
    assert client.post(delete_url(day)).status_code == 403
    with scopes_disabled():
        assert list(HolidayCalendarDay.objects.values_list("pk", flat=True)) == [day.pk]


def test_district_holidays_the_schools_page_links_to_them(admin_client):
    assert LIST in admin_client.get(reverse("schools:district_school_list")).content.decode()


def test_district_holidays_a_schools_page_shows_the_districts_days_without_removing_them(
    admin_client, staff_client, school
):
    enter_day(admin_client, "2027-10-01")
    with scopes_disabled():
        day = HolidayCalendarDay.objects.get()

    page = staff_client.get(reverse("disclosure:holiday_list") + "?year=2027").content.decode()

    assert "国庆假期" in page
    assert reverse("disclosure:holiday_delete", args=[day.pk]) not in page
    assert staff_client.post(reverse("disclosure:holiday_delete", args=[day.pk])).status_code == 404
