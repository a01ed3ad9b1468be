"""Every member picker shows members in service first; a leaver or retiree is one filter
away and, when listed (a record that already names one), shown with their status. The
picker's interface (MemberPickerField, member_label) stays as other apps' forms use it."""

import datetime
import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django_scopes import scope

from members.choices import MemberStatus
from members.models import Member
from members.pickers import MemberPickerField, member_label
from tests.factories import DepartmentFactory, MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

SEARCH = "/members/search/"


class VisitForm(forms.Form):
    visitors = MemberPickerField(label="慰问人员")

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["visitors"].queryset = Member.objects.filter(school=school)


@pytest.fixture
def people(school):
    maths = DepartmentFactory(school=school, name="数学组")
    return {
        "zhang": MemberFactory(school=school, name="张三", department=maths, employee_number="P1"),
        "qian": MemberFactory(
            school=school,
            name="钱进",
            department=maths,
            status=MemberStatus.TRANSFERRED,
            status_changed_on=datetime.date(2023, 8, 31),
            employee_number="P2",
        ),
        "zhou": MemberFactory(
            school=school,
            name="周敏",
            department=None,
            status=MemberStatus.RETIRED,
            status_changed_on=datetime.date(2022, 7, 1),
            employee_number="P3",
        ),
    }


def render(school, **kwargs):
    with scope(school=[school.pk]):
        return str(VisitForm(school=school, **kwargs)["visitors"])


def groups(html):
    """The select's options as (group label or None, option label, selected)."""
    select = re.search(r"<select[^>]*>(.*?)</select>", html, re.S).group(1)
    found = []
    group = None
    for token in re.finditer(r'<optgroup label="([^"]*)">|</optgroup>|<option ([^>]*)>([^<]*)</option>', select):
        if token.group(0).startswith("<optgroup"):
            group = token.group(1)
        elif token.group(0) == "</optgroup>":
            group = None
        else:
            found.append((group, token.group(3), "selected" in token.group(2)))
    return found


def test_the_picker_lists_members_in_service_first_and_the_others_apart_with_their_status(school, people):
    options = groups(render(school))

    assert options == [
        (None, "张三（数学组）", False),
        ("已调离或退休", "钱进（数学组） · 调离", False),
        ("已调离或退休", "周敏 · 退休", False),
    ]


def test_a_record_that_already_names_a_leaver_keeps_them_chosen_with_their_status(school, people):
    html = render(school, initial={"visitors": [people["zhang"].pk, people["qian"].pk]})

    chosen = [(label, group) for group, label, selected in groups(html) if selected]
    assert chosen == [("张三（数学组）", None), ("钱进（数学组） · 调离", "已调离或退休")]
    with scope(school=[school.pk]):
        form = VisitForm(data={"visitors": [people["qian"].pk]}, school=school)
        assert form.is_valid(), "a leaver already on a record is still a valid choice"


def test_the_picker_search_finds_members_in_service_unless_asked_for_more(staff_client, people):
    default = staff_client.get(SEARCH, {"q": "q"}).content.decode()
    more = staff_client.get(SEARCH, {"q": "q", "former": "1"}).content.decode()

    assert 'data-member-id="{}"'.format(people["qian"].pk) not in default
    assert 'data-member-id="{}"'.format(people["qian"].pk) in more
    assert "调离" in more


def test_the_picker_offers_the_filter_to_its_search(school, people):
    html = render(school)

    assert 'id="id_visitors-former"' in html and 'name="former"' in html
    assert 'hx-include="#id_visitors-former"' in html
    assert "包括调离、退休人员" in html


def test_member_label_names_the_status_of_a_member_no_longer_in_service(school, people):
    assert member_label(people["zhang"]) == "张三（数学组）"
    assert member_label(people["zhou"]) == "周敏 · 退休"


def test_member_label_costs_no_query_when_the_status_was_not_loaded(school, people):
    with scope(school=[school.pk]):
        members = list(
            Member.objects.filter(school=school).select_related("department").only("pk", "name", "department__name")
        )
        with CaptureQueriesContext(connection) as queries:
            labels = [member_label(m) for m in members]
    assert len(queries) == 0
    assert "钱进（数学组）" in labels


@pytest.mark.parametrize(
    "url, field",
    [
        ("/activities/promotions/new/", "member"),
        ("/activities/welfare/visits/new/", "member"),
        ("/activities/care/pairs/new/", "teacher"),
        ("/activities/clubs/new/", "leader"),
        ("/activities/mentoring/new/", "mentor"),
    ],
)
def test_every_single_member_choice_lists_members_in_service_first_and_the_others_apart(
    staff_client, people, url, field
):
    html = staff_client.get(url).content.decode()
    select = re.search(r'<select name="{}"[^>]*>.*?</select>'.format(field), html, re.S).group(0)
    options = [(group, label) for group, label, _selected in groups(select) if label.strip("-")]

    assert options == [
        (None, "张三（数学组）"),
        ("已调离或退休", "钱进（数学组） · 调离"),
        ("已调离或退休", "周敏 · 退休"),
    ]
