"""The places kept for the staff (教工活动场所, the 职工之家) and the union's standing rules and
disclosure channels, through their pages: created, shown, edited, deleted and restored, with
their history; read by teachers, written by chair and staff; another school's answering 404;
bad dates answered with Chinese form errors."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from activities.choices import FacilityKind, RuleKind
from activities.models import Facility, StandingRule

from ..factories import MemberFactory
from .factories_provisions import FacilityFactory, StandingRuleFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

OUT_OF_RANGE = "不在2000年1月1日至2100年12月31日之间，请检查日期。"


@pytest.fixture(autouse=True)
def chinese():
    with translation.override("zh-hans"):
        yield


def url(name, *args):
    return reverse("activities:" + name, args=args)


def text_of(response):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", response.content.decode()))


def facility_data(**changes):
    data = {
        "name": "教工活动室",
        "kind": FacilityKind.STAFF_HOME,
        "place": "东教学楼三楼办公室西",
        "opened_on": "2020-11-16",
        "equipment": "工会文化墙、饮水机\n两张休闲桌；一张五门柜",
        "description": "就近教师办公区开辟。",
        "loaded_version": 1,
    }
    data.update(changes)
    return data


def rule_data(**changes):
    data = {
        "title": "教师劳动争议调解制度",
        "kind": RuleKind.RIGHTS,
        "adopted_on": "2015-09-01",
        "revised_on": "",
        "what_it_does": "教师与学校发生劳动争议时，由工会协商调解。",
        "loaded_version": 1,
    }
    data.update(changes)
    return data


def only(model):
    with scopes_disabled():
        return model.all_objects.get()


def make_facility(school, **fields):
    with scopes_disabled():
        return FacilityFactory(school=school, **fields)


def make_rule(school, **fields):
    with scopes_disabled():
        return StandingRuleFactory(school=school, **fields)


def count(model):
    with scopes_disabled():
        return model.all_objects.count()


# ---- create, show, list ------------------------------------------------------------------


def test_staff_add_a_facility_with_its_equipment(staff_client, school):
    response = staff_client.post(url("facility_create"), facility_data())

    assert response.status_code == 302
    facility = only(Facility)
    assert response["Location"] == facility.get_absolute_url()
    assert (facility.name, facility.kind, facility.place) == ("教工活动室", "staff_home", "东教学楼三楼办公室西")
    assert facility.opened_on == datetime.date(2020, 11, 16) and facility.school == school
    assert facility.equipment_items == ["工会文化墙", "饮水机", "两张休闲桌", "一张五门柜"]

    page = text_of(staff_client.get(facility.get_absolute_url()))
    assert "东教学楼三楼办公室西" in page and "职工之家/活动室" in page and "2020年11月16日" in page
    assert "一张五门柜" in page and "就近教师办公区开辟。" in page
    listed = text_of(staff_client.get(url("facility_list")))
    assert "教工活动室" in listed and "工会文化墙、饮水机、两张休闲桌、一张五门柜" in listed


def test_a_facility_without_a_date_is_one_the_school_has_long_had(staff_client, school):
    staff_client.post(url("facility_create"), facility_data(name="多功能球馆", kind=FacilityKind.SPORTS, opened_on=""))

    facility = only(Facility)
    assert facility.opened_on is None
    assert "原有" in text_of(staff_client.get(url("facility_list")))


def test_staff_add_a_rule(staff_client, school):
    response = staff_client.post(url("rule_create"), rule_data(revised_on="2020-09-01"))

    assert response.status_code == 302
    rule = only(StandingRule)
    assert (rule.title, rule.kind) == ("教师劳动争议调解制度", "rights")
    assert (rule.adopted_on, rule.revised_on) == (datetime.date(2015, 9, 1), datetime.date(2020, 9, 1))
    page = text_of(staff_client.get(rule.get_absolute_url()))
    assert "维权制度" in page and "由工会协商调解" in page and "2020年9月1日" in page
    listed = text_of(staff_client.get(url("rule_list")))
    assert "教师劳动争议调解制度" in listed and "2020年9月1日修订" in listed


def test_the_navigation_leads_to_both_beside_partnerships(staff_client):
    page = staff_client.get(url("partnership_list")).content.decode()
    partnerships = page.index(url("partnership_list") + '"')
    assert partnerships < page.index(url("facility_list")) < page.index(url("rule_list"))


# ---- teachers read, chair and staff write --------------------------------------------------


def test_teachers_read_the_lists_and_pages_without_buttons_to_write(teacher_client, school):
    facility = make_facility(school, name="教工阅览休闲区", equipment="咖啡机、沙发")
    rule = make_rule(school, title="六必访制度")

    listed = teacher_client.get(url("facility_list"))
    assert listed.status_code == 200 and "教工阅览休闲区" in text_of(listed)
    assert "六必访制度" in text_of(teacher_client.get(url("rule_list")))
    for page in (facility.get_absolute_url(), rule.get_absolute_url(), url("facility_list"), url("rule_list")):
        html = teacher_client.get(page).content.decode()
        assert "/edit/" not in html and "/delete/" not in html and "/new/" not in html
        assert 'id="record-history"' not in html


def test_a_teachers_menu_leads_to_both(teacher_client, teacher, school):
    with scopes_disabled():
        MemberFactory(school=school, name="王伟", user=teacher)

    menu = teacher_client.get(reverse("reports:dashboard")).content.decode()

    assert url("facility_list") in menu and url("rule_list") in menu


def test_teachers_cannot_write(teacher_client, school):
    facility = make_facility(school)
    rule = make_rule(school)

    assert teacher_client.post(url("facility_create"), facility_data()).status_code == 403
    assert teacher_client.post(url("rule_create"), rule_data()).status_code == 403
    assert teacher_client.post(url("facility_update", facility.pk), facility_data()).status_code == 403
    assert teacher_client.post(url("rule_delete", rule.pk)).status_code == 403
    assert count(Facility) == 1 and count(StandingRule) == 1
    assert only(Facility).name == facility.name


# ---- another school --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["facility_detail", "facility_update", "facility_delete"])
def test_another_schools_facility_is_404(chair_client, other_school, name):
    theirs = make_facility(other_school)
    assert chair_client.get(url(name, theirs.pk)).status_code == 404


@pytest.mark.parametrize("name", ["rule_detail", "rule_update"])
def test_another_schools_rule_is_404_even_to_a_teacher_reading(teacher_client, other_school, name):
    theirs = make_rule(other_school)
    expected = 404 if name == "rule_detail" else 403
    assert teacher_client.get(url(name, theirs.pk)).status_code == expected


def test_another_schools_records_are_never_listed(staff_client, school, other_school):
    make_facility(school, name="本校活动室")
    make_facility(other_school, name="外校健身房")
    make_rule(other_school, title="外校意见箱")
    assert "外校健身房" not in text_of(staff_client.get(url("facility_list")))
    assert "外校意见箱" not in text_of(staff_client.get(url("rule_list")))


# ---- bad input ------------------------------------------------------------------------------


@pytest.mark.parametrize("opened_on", ["1999-12-31", "2101-01-01"])
def test_a_facility_opened_outside_2000_to_2100_is_a_chinese_form_error(staff_client, opened_on):
    response = staff_client.post(url("facility_create"), facility_data(opened_on=opened_on))

    assert response.status_code == 200
    (error,) = response.context["form"].errors["opened_on"]
    assert error.endswith(OUT_OF_RANGE)
    assert count(Facility) == 0


def test_a_facility_cannot_open_in_the_future(staff_client):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    response = staff_client.post(url("facility_create"), facility_data(opened_on=tomorrow.isoformat()))

    assert response.status_code == 200
    assert response.context["form"].errors["opened_on"] == [
        "{} 是将来的日期；请在事情发生后再登记。".format(tomorrow.isoformat())
    ]


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"name": ""}, "name", "这个字段是必填项。"),
        ({"name": "   "}, "name", "这个字段是必填项。"),
        ({"kind": "gym"}, "kind", "选择一个有效的选项。 gym 不在可用的选项中。"),
        ({"opened_on": "2020-13-01"}, "opened_on", "输入一个有效的日期。"),
    ],
)
def test_facility_input_that_makes_no_sense_is_refused_in_chinese(staff_client, changes, field, message):
    response = staff_client.post(url("facility_create"), facility_data(**changes))

    assert response.status_code == 200
    assert response.context["form"].errors[field] == [message]
    assert count(Facility) == 0


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"revised_on": "2014-06-30"}, "revised_on", "修订日期早于建立日期。"),
        ({"adopted_on": "1999-01-01"}, "adopted_on", None),
        ({"revised_on": "2101-01-01"}, "revised_on", None),
        ({"title": ""}, "title", "这个字段是必填项。"),
    ],
)
def test_rule_input_that_makes_no_sense_is_refused_in_chinese(staff_client, changes, field, message):
    response = staff_client.post(url("rule_create"), rule_data(**changes))

    assert response.status_code == 200
    errors = response.context["form"].errors[field]
    assert errors == [message] if message else errors[0].endswith(OUT_OF_RANGE)
    assert count(StandingRule) == 0


def test_a_revision_without_an_adoption_date_is_accepted(staff_client):
    response = staff_client.post(url("rule_create"), rule_data(adopted_on="", revised_on="2020-09-01"))
    assert response.status_code == 302 and only(StandingRule).revised_on == datetime.date(2020, 9, 1)


# ---- edit, history, concurrent edits, delete and restore ------------------------------------


def test_edits_are_in_the_history_with_who_made_them(staff_client, school):
    staff_client.post(url("facility_create"), facility_data())
    facility = only(Facility)

    response = staff_client.post(
        url("facility_update", facility.pk), facility_data(equipment="饮水机、象棋、围棋", loaded_version=1)
    )

    assert response.status_code == 302
    assert only(Facility).equipment_items == ["饮水机", "象棋", "围棋"]
    history = text_of(staff_client.get(facility.get_absolute_url()))
    assert "→ 饮水机、象棋、围棋" in history and "陈静" in history


def test_a_rules_history_shows_its_revision(staff_client):
    staff_client.post(url("rule_create"), rule_data())
    rule = only(StandingRule)

    staff_client.post(url("rule_update", rule.pk), rule_data(revised_on="2020-09-01", loaded_version=1))

    history = text_of(staff_client.get(rule.get_absolute_url()))
    assert "最近修订日期：—→2020年9月1日" in history.replace(" ", "")


def test_a_concurrent_edit_is_refused(staff_client, school):
    rule = make_rule(school)
    edit = url("rule_update", rule.pk)
    staff_client.post(edit, rule_data(what_it_does="第一位的修改", loaded_version=1))

    response = staff_client.post(edit, rule_data(what_it_does="第二位的修改", loaded_version=1))

    assert response.status_code == 200 and response.context["form"].non_field_errors()
    assert only(StandingRule).what_it_does == "第一位的修改"


@pytest.mark.parametrize(
    "kind, make, field",
    [("facility", make_facility, "name"), ("rule", make_rule, "title")],
)
def test_the_chair_deletes_and_restores_from_the_recycle_bin(chair_client, school, kind, make, field):
    record = make(school)

    assert chair_client.get(url(kind + "_delete", record.pk)).status_code == 200
    response = chair_client.post(url(kind + "_delete", record.pk))

    assert response["Location"] == url(kind + "_list")
    assert chair_client.get(url(kind + "_detail", record.pk)).status_code == 404
    assert getattr(record, field) not in text_of(chair_client.get(url(kind + "_list")))
    assert getattr(record, field) in text_of(chair_client.get(url("trash")))

    chair_client.post(url(kind + "_restore", record.pk))
    assert chair_client.get(url(kind + "_detail", record.pk)).status_code == 200
    assert getattr(record, field) in text_of(chair_client.get(url(kind + "_list")))


def test_staff_cannot_delete(staff_client, school):
    facility = make_facility(school)
    assert staff_client.post(url("facility_delete", facility.pk)).status_code == 403
    assert not only(Facility).is_deleted


# ---- the lists' cost -------------------------------------------------------------------------


# The session, the user, the user's school, the menu's member, then one query for the list.
LIST_QUERIES = 5


@pytest.mark.parametrize("kind, make", [("facility", make_facility), ("rule", make_rule)])
def test_a_list_costs_the_same_queries_for_many_records_as_for_few(
    staff_client, school, django_assert_max_num_queries, kind, make
):
    for _ in range(2):
        make(school)
    with django_assert_max_num_queries(LIST_QUERIES):
        few = staff_client.get(url(kind + "_list"))
    for _ in range(20):
        make(school)
    with django_assert_max_num_queries(LIST_QUERIES):
        many = staff_client.get(url(kind + "_list"))
    assert len(few.context["object_list"]) == 2 and len(many.context["object_list"]) == 22
