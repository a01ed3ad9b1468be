"""A club's weekly schedule (社团活动时间): weekdays, time and place, entered with the club,
shown on its page and in the list, kept in its history, read by the summary's selectors
and written to the records workbook."""

import datetime
import io
import re

import openpyxl
import pytest
from django.urls import reverse
from django.utils import translation
from django_scopes import scopes_disabled

from activities.choices import Weekday
from activities.models import Club, ClubSchedule
from activities.selectors.campaigns import club_figures
from reports.exports.xlsx import records_xlsx
from reports.periods import Period
from tests.activity_factories import ActivityFactory, ClubFactory
from tests.factories import MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

BADMINTON = "每周三、周五 15:30—17:00 体育馆"


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def club_data(leader, **changes):
    data = {
        "name": "羽毛球社",
        "leader": leader.pk,
        "schedule": "",
        "weekdays": [Weekday.WEDNESDAY, Weekday.FRIDAY],
        "starts_at": "15:30",
        "ends_at": "17:00",
        "place": "体育馆",
        "members": [leader.pk],
        "description": "",
        "loaded_version": 1,
    }
    data.update(changes)
    return data


@pytest.fixture
def leader(school):
    with scopes_disabled():
        return MemberFactory(school=school, name="黄丽")


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def test_a_club_is_created_with_its_weekly_schedule_shown_on_its_page_and_the_list(staff_client, school, leader):
    response = staff_client.post(reverse("activities:club_create"), club_data(leader))

    assert response.status_code == 302
    with scopes_disabled():
        club = Club.objects.get(name="羽毛球社")
        weekly = club.weekly
    assert (weekly.weekdays, weekly.starts_at, weekly.ends_at, weekly.place) == (
        "35",
        datetime.time(15, 30),
        datetime.time(17, 0),
        "体育馆",
    )
    assert BADMINTON in text_of(staff_client.get(club.get_absolute_url()))
    listed = staff_client.get(reverse("activities:club_list"))
    assert BADMINTON in text_of(listed)
    assert "黄丽" in text_of(listed)


def test_the_edit_form_starts_from_the_schedule_and_clearing_the_days_removes_it(staff_client, school, leader):
    staff_client.post(reverse("activities:club_create"), club_data(leader))
    with scopes_disabled():
        club = Club.objects.get(name="羽毛球社")
    edit = reverse("activities:club_update", args=[club.pk])

    form = staff_client.get(edit).context["form"]
    assert form.initial["weekdays"] == [3, 5] and form.initial["place"] == "体育馆"

    data = club_data(leader, weekdays=[], starts_at="", ends_at="", place="", schedule="寒暑假停")
    assert staff_client.post(edit, data).status_code == 302
    with scopes_disabled():
        assert not ClubSchedule.objects.filter(club=club).exists()
    assert "寒暑假停" in text_of(staff_client.get(club.get_absolute_url()))


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"weekdays": []}, "weekdays", "请选择每周活动的日子。"),
        ({"ends_at": "15:00"}, "ends_at", "结束时间须晚于开始时间。"),
        ({"weekdays": ["8"]}, "weekdays", "请在周一至周日中选择。"),
        ({"starts_at": "25:99"}, "starts_at", None),
    ],
)
def test_a_schedule_that_makes_no_sense_is_refused_in_chinese(staff_client, leader, changes, field, message):
    response = staff_client.post(reverse("activities:club_create"), club_data(leader, **changes))

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert message is None or errors == [message]
    with scopes_disabled():
        assert not Club.objects.exists()


def test_changes_of_the_schedule_are_in_the_clubs_history(staff_client, chair_client, school, leader):
    staff_client.post(reverse("activities:club_create"), club_data(leader))
    with scopes_disabled():
        club = Club.objects.get(name="羽毛球社")
    staff_client.post(
        reverse("activities:club_update", args=[club.pk]),
        club_data(leader, weekdays=[Weekday.THURSDAY], place="风雨操场"),
    )

    history = text_of(chair_client.get(club.get_absolute_url()))
    assert "周三、周五 → 周四" in history
    assert "体育馆 → 风雨操场" in history


def test_an_unchanged_schedule_writes_no_history(staff_client, school, leader):
    staff_client.post(reverse("activities:club_create"), club_data(leader))
    with scopes_disabled():
        club = Club.objects.get(name="羽毛球社")
    staff_client.post(reverse("activities:club_update", args=[club.pk]), club_data(leader))
    with scopes_disabled():
        assert ClubSchedule.history.filter(club_id=club.pk).count() == 1


def test_a_concurrent_edit_of_the_club_is_refused_with_its_schedule(staff_client, school, leader):
    staff_client.post(reverse("activities:club_create"), club_data(leader))
    with scopes_disabled():
        club = Club.objects.get(name="羽毛球社")
    edit = reverse("activities:club_update", args=[club.pk])
    staff_client.post(edit, club_data(leader, place="风雨操场", loaded_version=1))

    response = staff_client.post(edit, club_data(leader, place="礼堂", loaded_version=1))

    assert response.status_code == 200 and response.context["form"].non_field_errors()
    with scopes_disabled():
        assert ClubSchedule.objects.get(club=club).place == "风雨操场"


def test_the_summarys_club_figures_carry_the_schedule_and_leader(school, in_school):
    club = ClubFactory(school=school, name="书法社", schedule="单周", leader=MemberFactory(school=school, name="黄丽"))
    ClubSchedule.objects.create(club=club, weekdays="3", starts_at=datetime.time(16, 30), place="书画室")
    ClubFactory(school=school, name="篮球队", schedule="每周五下午")

    per_club = {
        row["name"]: row
        for row in club_figures(school, datetime.date(2025, 1, 1), datetime.date(2025, 12, 31))["per_club"]
    }

    assert per_club["书法社"]["leader"] == "黄丽"
    assert per_club["书法社"]["schedule"] == {
        "weekdays": [3],
        "days": "每周三",
        "starts_at": datetime.time(16, 30),
        "ends_at": None,
        "place": "书画室",
        "text": "每周三 16:30起 书画室",
        "notes": "单周",
    }
    assert per_club["篮球队"]["schedule"]["weekdays"] == [] and per_club["篮球队"]["schedule"]["notes"] == "每周五下午"


def test_the_workbook_has_a_clubs_sheet_with_the_schedule(school, in_school):
    club = ClubFactory(school=school, name="书法社", leader=MemberFactory(school=school, name="黄丽"))
    ClubSchedule.objects.create(
        club=club, weekdays="24", starts_at=datetime.time(16, 30), ends_at=datetime.time(17, 30), place="书画室"
    )
    ActivityFactory(school=school, club=club, starts_on=datetime.date(2025, 5, 6))

    sheet = openpyxl.load_workbook(io.BytesIO(records_xlsx(school, Period.calendar_year(2025))))["社团"]

    headers = [cell.value for cell in sheet[1]]
    (row,) = [list(row) for row in sheet.iter_rows(min_row=2, values_only=True)]
    values = dict(zip(headers, row, strict=True))
    assert values["社团或队伍"] == "书法社"
    assert (values["负责人"], values["每周活动日"], values["开始时间"], values["结束时间"]) == (
        "黄丽",
        "周二、周四",
        "16:30",
        "17:30",
    )
    assert values["地点"] == "书画室" and values["活动"] == 1
