"""Notices of any year, the holidays a school enters, bounded windows, the objection page
outside its window, and numbers too large for a database.

Each test names the part of the issue it covers: a notice's publication date, holiday
entry, the 2027 warning, the 60-day bound, dates outside 2000–2100, objections outside the
window, overflowing integers.
"""

import datetime
import time

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from disclosure.choices import NoticeStatus
from disclosure.models import HolidayCalendarDay, Notice, Objection
from disclosure.selectors import board_notices, notice_figures

from .factories import ClosedNoticeFactory, NoticeFactory, category_of

pytestmark = pytest.mark.django_db

D = datetime.date
WARNING_2027 = "2027年的法定节假日尚未录入，公示期按周一至周五计算"


def login(user):
    client = Client()
    client.force_login(user)
    return client


def notice_post(school, **changes):
    with scopes_disabled():
        category = category_of(school)
    data = {
        "title": "职称评审推荐人选公示",
        "category": category.pk,
        "body": "公示内容",
        "starts_on": "2025-09-30",
        "working_days": "5",
        "ends_on": "",
    }
    data.update(changes)
    return data


def create_notice(client, school, **changes):
    response = client.post(reverse("disclosure:notice_create"), notice_post(school, **changes))
    assert response.status_code == 302, response.context["form"].errors if response.context else response
    with scopes_disabled():
        return Notice.objects.order_by("-pk").first()


def errors_of(response):
    form = response.context["form"]
    return [str(error) for errors in form.errors.values() for error in errors]


# --- A notice's publication date -----------------------------------------------------


def test_publication_date_a_notice_of_2015_counts_in_2015_and_not_this_year(staff_client, school):
    notice = create_notice(staff_client, school, starts_on="2015-03-02")
    staff_client.post(reverse("disclosure:notice_publish", args=[notice.pk]))
    this_year = timezone.localdate().year
    with scopes_disabled():
        notice.refresh_from_db()
        assert notice.published_at.date().year == this_year  # the click is today's…
        in_2015 = notice_figures(school, D(2015, 1, 1), D(2015, 12, 31))
        now = notice_figures(school, D(this_year, 1, 1), D(this_year, 12, 31))
    assert (in_2015["published"], in_2015["by_category"]) == (1, {"财务": 1})  # …the count is 2015's
    assert now["published"] == 0


def test_publication_date_a_notice_whose_window_is_over_is_published_as_closed(staff_client, school):
    notice = create_notice(staff_client, school, starts_on="2015-03-02")
    response = staff_client.post(reverse("disclosure:notice_publish", args=[notice.pk]), follow=True)
    with scopes_disabled():
        notice.refresh_from_db()
        assert notice.status == NoticeStatus.CLOSED
        assert notice.history.first().status == NoticeStatus.CLOSED
    assert response.status_code == 200
    board = staff_client.get(reverse("disclosure:board"))
    assert notice not in board.context["current"] and notice in list(board.context["archive"])
    page = staff_client.get(notice.get_absolute_url()).content.decode()
    assert "公示期满" in page and 'id="publication-date"' in page


def test_publication_date_a_current_notice_is_published_as_current(staff_client, school):
    today = timezone.localdate()
    notice = create_notice(staff_client, school, starts_on=today.isoformat())
    staff_client.post(reverse("disclosure:notice_publish", args=[notice.pk]))
    with scopes_disabled():
        notice.refresh_from_db()
    assert notice.status == NoticeStatus.PUBLISHED and notice.in_window(today)


def test_publication_date_a_closed_notice_can_still_be_withdrawn(staff_client, school):
    notice = create_notice(staff_client, school, starts_on="2015-03-02")
    staff_client.post(reverse("disclosure:notice_publish", args=[notice.pk]))
    response = staff_client.post(reverse("disclosure:notice_withdraw", args=[notice.pk]), {"reason": "名单有误"})
    assert response.status_code == 302
    with scopes_disabled():
        assert board_notices(school).get(pk=notice.pk).status == NoticeStatus.WITHDRAWN


# --- Holidays a school enters ----------------------------------------------------------


def enter_day(client, day, kind="holiday", name="国庆节"):
    return client.post(reverse("disclosure:holiday_list"), {"date": day, "kind": kind, "name": name})


def test_holiday_entry_changes_the_window_of_new_and_existing_notices(staff_client, school):
    before = create_notice(staff_client, school, starts_on="2027-09-29", working_days="5")
    assert before.ends_on == D(2027, 10, 5)  # Monday to Friday: 9-29, 9-30, 10-1, 10-4, 10-5
    for offset in range(7):
        assert (
            enter_day(staff_client, (D(2027, 10, 1) + datetime.timedelta(days=offset)).isoformat()).status_code == 302
        )
    with scopes_disabled():
        before.refresh_from_db()
        assert before.ends_on == D(2027, 10, 12)  # 10-1 to 10-7 are holidays now
        assert before.history.count() == 6  # the form's save, then a recount for each weekday entered
    after = create_notice(staff_client, school, starts_on="2027-09-29", working_days="5")
    assert after.ends_on == D(2027, 10, 12)


def test_holiday_entry_a_make_up_working_day_counts(staff_client, school):
    assert enter_day(staff_client, "2027-09-26", kind="workday", name="国庆节调休").status_code == 302
    notice = create_notice(staff_client, school, starts_on="2027-09-25", working_days="1")
    assert notice.ends_on == D(2027, 9, 26)  # a Sunday, worked


def test_holiday_entry_the_school_s_day_wins_over_the_district_s_and_stays_with_the_school(
    staff_client, school, other_school
):
    with scopes_disabled():
        HolidayCalendarDay.objects.create(district=school.district, date=D(2027, 1, 1), kind="holiday", name="元旦")
    assert enter_day(staff_client, "2027-01-02", kind="workday", name="调休").status_code == 302
    mine = create_notice(staff_client, school, starts_on="2027-01-01", working_days="1")
    assert mine.ends_on == D(2027, 1, 2)  # the district's holiday, then the school's Saturday at work
    with scopes_disabled():
        from disclosure.selectors import calendar_for

        theirs = calendar_for(other_school)
    assert theirs.window_end(D(2027, 1, 1), 1) == D(2027, 1, 4)  # the district's holiday only
    page = staff_client.get(reverse("disclosure:holiday_list") + "?year=2027").content.decode()
    assert "元旦" in page and "调休" in page and "区教育工会" in page


def test_holiday_entry_a_date_twice_or_outside_2000_to_2100_is_a_form_error(staff_client, school):
    enter_day(staff_client, "2027-10-01")
    twice = enter_day(staff_client, "2027-10-01")
    assert "该日期已录入。" in errors_of(twice)
    far = enter_day(staff_client, "9999-12-31")
    assert far.status_code == 200 and "9999年12月31日不在2000年1月1日至2100年12月31日之间，请检查日期。" in errors_of(
        far
    )
    with scopes_disabled():
        assert HolidayCalendarDay.objects.count() == 1


def test_holiday_entry_removed_by_staff_but_not_another_school_s(staff_client, school, other_school):
    enter_day(staff_client, "2027-10-01")
    with scopes_disabled():
        day = HolidayCalendarDay.objects.get()
        stranger = HolidayCalendarDay.objects.create(
            district=other_school.district, school=other_school, date=D(2027, 10, 1), kind="holiday"
        )
        district_day = HolidayCalendarDay.objects.create(district=school.district, date=D(2027, 5, 1), kind="holiday")
    for pk in (stranger.pk, district_day.pk):
        assert staff_client.post(reverse("disclosure:holiday_delete", args=[pk])).status_code == 404
    assert staff_client.post(reverse("disclosure:holiday_delete", args=[day.pk])).status_code == 302
    with scopes_disabled():
        assert set(HolidayCalendarDay.objects.values_list("pk", flat=True)) == {stranger.pk, district_day.pk}


def test_holiday_entry_page_is_for_chair_and_staff(client, teacher, school):
    assert login(teacher).get(reverse("disclosure:holiday_list")).status_code == 403


# --- A window reaching a year nobody entered -------------------------------------------


def test_2027_window_without_entries_is_counted_monday_to_friday_with_a_warning(staff_client, teacher, school):
    notice = create_notice(staff_client, school, starts_on="2026-12-28", working_days="5")
    assert notice.ends_on == D(2027, 1, 1)  # New Year's Day counted as a Friday at work
    staff_client.post(reverse("disclosure:notice_publish", args=[notice.pk]))
    for client in (staff_client, login(teacher)):
        assert WARNING_2027 in client.get(notice.get_absolute_url()).content.decode()
    manage = staff_client.get(reverse("disclosure:notice_manage")).content.decode()
    assert WARNING_2027 in manage
    holidays = staff_client.get(reverse("disclosure:holiday_list") + "?year=2027").content.decode()
    assert "2027年的法定节假日尚未录入" in holidays

    enter_day(staff_client, "2027-01-01", name="元旦")
    with scopes_disabled():
        notice.refresh_from_db()
    assert notice.ends_on == D(2027, 1, 4)
    assert WARNING_2027 not in staff_client.get(notice.get_absolute_url()).content.decode()
    assert WARNING_2027 not in staff_client.get(reverse("disclosure:notice_manage")).content.decode()


def test_2027_warning_is_not_shown_for_a_year_the_calendar_knows(staff_client, school):
    notice = create_notice(staff_client, school, starts_on="2025-09-30")
    assert "法定节假日尚未录入" not in staff_client.get(notice.get_absolute_url()).content.decode()


# --- Bounded windows ---------------------------------------------------------------------


def test_60_day_bound_on_working_days_and_on_an_end_date(staff_client, school):
    assert create_notice(staff_client, school, working_days="60").ends_on > D(2025, 12, 1)
    too_many = staff_client.post(reverse("disclosure:notice_create"), notice_post(school, working_days="61"))
    assert "公示期最长为60个工作日。" in errors_of(too_many)
    too_late = staff_client.post(
        reverse("disclosure:notice_create"), notice_post(school, working_days="", ends_on="2026-09-30")
    )
    assert "公示期最长为60个工作日。" in errors_of(too_late)
    with scopes_disabled():
        assert Notice.all_objects.count() == 1


def test_9999_12_31_is_a_form_error_for_either_end_of_the_window(staff_client, school):
    for changes in ({"starts_on": "9999-12-31"}, {"working_days": "", "ends_on": "9999-12-31"}):
        response = staff_client.post(reverse("disclosure:notice_create"), notice_post(school, **changes))
        assert response.status_code == 200
        assert "9999年12月31日不在2000年1月1日至2100年12月31日之间，请检查日期。" in errors_of(response)
    with scopes_disabled():
        assert not Notice.all_objects.exists()


def test_99999999999_working_days_is_a_form_error_at_once(staff_client, school):
    started = time.monotonic()
    response = staff_client.post(reverse("disclosure:notice_create"), notice_post(school, working_days="99999999999"))
    assert time.monotonic() - started < 5
    assert "公示期最长为60个工作日。" in errors_of(response)


def test_a_notice_of_2000_is_accepted(staff_client, school):
    notice = create_notice(staff_client, school, starts_on="2000-03-01", working_days="5")
    assert notice.ends_on == D(2000, 3, 7)


# --- Objections outside the window ---------------------------------------------------------


@pytest.mark.parametrize("role", ["chair", "staff", "teacher"])
@pytest.mark.parametrize("method", ["get", "post"])
def test_objection_outside_window_answers_in_chinese_for_every_role(request, school, role, method):
    user = request.getfixturevalue(role)
    with scopes_disabled():
        closed = ClosedNoticeFactory(school=school)
        future = NoticeFactory(school=school, starts_on=timezone.localdate() + datetime.timedelta(days=10))
    client = login(user)
    for notice in (closed, future):
        url = reverse("disclosure:objection_create", args=[notice.pk])
        response = client.post(url, {"text": "有异议"}) if method == "post" else client.get(url)
        assert response.status_code == 200
        page = response.content.decode()
        assert "只能在公示期内提出异议" in page and 'id="objection-form"' not in page
    with scopes_disabled():
        assert not Objection.objects.exists()


# --- Overflowing integers ----------------------------------------------------------------

HUGE = "99999999999999999999"


def test_overflow_integers_are_form_errors_in_the_notice_form(staff_client, school):
    response = staff_client.post(reverse("disclosure:notice_create"), notice_post(school, category=HUGE))
    assert response.status_code == 200 and "category" in response.context["form"].errors
    response = staff_client.post(
        reverse("disclosure:notice_create"), notice_post(school, loaded_version=HUGE, working_days=HUGE)
    )
    assert response.status_code == 200 and "working_days" in response.context["form"].errors
    with scopes_disabled():
        assert not Notice.all_objects.exists()


def test_overflow_integers_in_the_board_s_filters_are_ignored(teacher_client, school):
    response = teacher_client.get(reverse("disclosure:board"), {"year": HUGE, "category": HUGE, "page": HUGE})
    assert response.status_code == 200
    response = teacher_client.get(reverse("disclosure:board"), {"year": "9999"})
    assert response.status_code == 200


def test_a_window_counted_past_2100_is_a_form_error(staff_client, school):
    response = staff_client.post(
        reverse("disclosure:notice_create"), notice_post(school, starts_on="2100-12-30", working_days="5")
    )
    assert response.context["form"].errors["working_days"] == [
        "2101年1月5日不在2000年1月1日至2100年12月31日之间，请检查日期。"
    ]
