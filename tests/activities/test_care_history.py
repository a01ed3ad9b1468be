"""Every change to a 168 pair and to its monthly logs keeps who, when and what, including
the month page's bulk saves."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from activities.models import CareLog, CarePair
from unionhub.history import history_entries

from ..factories import MemberFactory
from .factories_care import pair_for

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

OCTOBER = datetime.date(2025, 10, 1)


def month_post(rows, month="2025-10"):
    data = {"month": month, "log-TOTAL_FORMS": str(len(rows)), "log-INITIAL_FORMS": str(len(rows))}
    for n, (pair, talks, tutoring) in enumerate(rows):
        data.update({"log-{}-pair".format(n): pair.pk, "log-{}-talks".format(n): talks})
        data.update({"log-{}-tutoring".format(n): tutoring, "log-{}-notes".format(n): ""})
    return data


@pytest.fixture
def chair_browser(chair):
    """The chair in a browser of their own (``chair_browser`` and ``staff_client`` share one)."""
    browser = Client()
    browser.force_login(chair)
    return browser


def log_history(pair):
    with scopes_disabled():
        return list(
            CareLog.history.filter(pair_id=pair.pk)
            .order_by("history_date", "history_id")
            .values_list("history_type", "month", "talks", "tutoring", "history_user__username")
        )


def test_a_pairs_history_says_who_changed_what(staff_client, chair_browser, school):
    with scopes_disabled():
        teacher = MemberFactory(school=school, name="张三")
    data = {
        "teacher": teacher.pk,
        "student_name": "小明",
        "student_class": "初二（3）班",
        "reason": "学习困难",
        "school_year": 2025,
    }
    staff_client.post(reverse("activities:care_pair_create"), data)
    with scopes_disabled():
        pair = CarePair.objects.get(teacher=teacher)
    update = reverse("activities:care_pair_update", args=[pair.pk])
    response = staff_client.post(update, {**data, "reason": "家庭困难", "loaded_version": pair.version})
    assert response.status_code == 302
    chair_browser.post(reverse("activities:care_pair_delete", args=[pair.pk]))
    with scopes_disabled():
        pair = CarePair.all_objects.get(pk=pair.pk)
        entries = history_entries(pair)
    assert [(entry["type"], entry["who"].username) for entry in entries] == [
        ("修改", "chair"),
        ("修改", "staff"),
        ("创建", "staff"),
    ]
    changed = {(str(change["field"]), change["old"], change["new"]) for change in entries[1]["changes"]}
    assert changed == {("困难情况", "学习困难", "家庭困难")}
    assert pair.is_deleted


def test_the_month_pages_bulk_saves_keep_each_logs_history(staff_client, chair_browser, school):
    first, second = pair_for(school, "张三"), pair_for(school, "李四")
    staff_client.post(reverse("activities:care_month"), month_post([(first, 6, 8), (second, 5, 5)]))
    chair_browser.post(reverse("activities:care_month"), month_post([(first, 7, 8), (second, "", "")]))
    assert log_history(first) == [
        ("+", OCTOBER, 6, 8, "staff"),
        ("~", OCTOBER, 7, 8, "chair"),
    ]
    assert log_history(second) == [
        ("+", OCTOBER, 5, 5, "staff"),
        ("-", OCTOBER, 5, 5, "chair"),
    ]


def test_an_unchanged_row_adds_no_history(staff_client, school):
    pair = pair_for(school, "张三")
    staff_client.post(reverse("activities:care_month"), month_post([(pair, 6, 8)]))
    staff_client.post(reverse("activities:care_month"), month_post([(pair, 6, 8)]))
    assert len(log_history(pair)) == 1


def test_the_cells_save_keeps_history_and_the_pair_page_shows_it(staff_client, school):
    pair = pair_for(school, "张三")
    save = reverse("activities:care_log_save", args=[pair.pk])
    staff_client.post(save, {"month": "2025-11", "talks": "3", "tutoring": "4", "notes": "家访"})
    staff_client.post(save, {"month": "2025-11", "talks": "6", "tutoring": "8", "notes": "家访"})
    assert log_history(pair) == [
        ("+", datetime.date(2025, 11, 1), 3, 4, "staff"),
        ("~", datetime.date(2025, 11, 1), 6, 8, "staff"),
    ]
    html = staff_client.get(pair.get_absolute_url()).content.decode()
    section = html[html.index('id="care-log-history"') :]
    assert section.index("谈心家访 6 次，辅导 8 次") < section.index("谈心家访 3 次，辅导 4 次")
    assert "2025年11月" in section and "（家访）" in section
