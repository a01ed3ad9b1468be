"""The member picker every "many members" field uses: a plain multiple select underneath,
the data the script needs on each option, any field name, two on one page; and the
search it asks (by pinyin initials, full pinyin or name, the school's members only)."""

import re

import pytest
from django import forms
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from activities.models import Club
from members.choices import Gender, MemberStatus
from members.models import Member
from members.pickers import MemberPickerField, MemberPickerWidget
from tests.factories import DepartmentFactory, MemberFactory
from unionhub.forms import SchoolScopedModelForm

from .factories_log import add_members

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

SEARCH = reverse("members:member_search")


class TwoPickers(forms.Form):
    """Two pickers on one page, under names no form of the app uses."""

    visitors = MemberPickerField(label="慰问人员")
    recipients = MemberPickerField(label="受助人员", required=False)

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.queryset = Member.objects.filter(school=school)


class ClubMembersForm(SchoolScopedModelForm):
    """A model form taking the picker through ``field_classes``, as other forms may."""

    class Meta(SchoolScopedModelForm.Meta):
        model = Club
        fields = ["name", "members"]
        field_classes = {"members": MemberPickerField}


@pytest.fixture
def people(school, other_school):
    with scopes_disabled():
        chinese = DepartmentFactory(school=school, name="语文组", position=1)
        maths = DepartmentFactory(school=school, name="数学组", position=2)
        return {
            "zhang": MemberFactory(school=school, name="张三", department=chinese, gender=Gender.MALE),
            "zhao": MemberFactory(school=school, name="赵丽颖", department=chinese, gender=Gender.FEMALE),
            "zhou": MemberFactory(
                school=school, name="周敏", department=maths, gender=Gender.FEMALE, status=MemberStatus.RETIRED
            ),
            "li": MemberFactory(school=school, name="李四", department=None, gender=Gender.MALE),
            "foreign": MemberFactory(school=other_school, name="张珊", gender=Gender.FEMALE),
            "chinese": chinese,
            "maths": maths,
        }


def options(html, name):
    select = re.search(r'<select name="{}"[^>]*>(.*?)</select>'.format(name), html, re.S).group(1)
    return re.findall(r"<option ([^>]*)>([^<]*)</option>", select)


def test_it_renders_a_plain_multiple_select_the_form_posts(school, people):
    with scope(school=[school.pk]):
        html = TwoPickers(school=school).as_p()
    assert re.search(r'<select name="visitors"[^>]* multiple', html)
    assert 'id="id_visitors"' in html
    shown = {label for _attrs, label in options(html, "visitors")}
    assert shown == {"张三（语文组）", "赵丽颖（语文组）", "周敏（数学组） · 退休", "李四"}


def test_each_option_carries_department_gender_and_status_for_the_group_buttons(school, people):
    with scope(school=[school.pk]):
        html = TwoPickers(school=school).as_p()
    by_value = {re.search(r'value="(\d+)"', attrs).group(1): attrs for attrs, _label in options(html, "visitors")}
    zhou = by_value[str(people["zhou"].pk)]
    assert 'data-department="{}"'.format(people["maths"].pk) in zhou
    assert 'data-woman="1"' in zhou and 'data-status="retired"' in zhou
    li = by_value[str(people["li"].pk)]
    assert 'data-department=""' in li and 'data-woman=""' in li and 'data-status="active"' in li


def test_it_offers_a_button_for_each_department_of_its_members(school, people):
    with scope(school=[school.pk]):
        html = TwoPickers(school=school).as_p()
    visitors = html.split('id="id_visitors-picker"')[1].split('id="id_recipients-picker"')[0]
    buttons = re.findall(r'data-picker-add="department" data-department="(\d+)">([^<]+)<', visitors)
    assert buttons == [(str(people["chinese"].pk), "语文组"), (str(people["maths"].pk), "数学组")]
    for kind in ("women", "retirees", "everyone"):
        assert 'data-picker-add="{}"'.format(kind) in visitors


def test_two_pickers_on_one_page_keep_to_their_own_select_search_and_results(school, people):
    with scope(school=[school.pk]):
        html = TwoPickers(school=school, initial={"recipients": [people["zhang"].pk]}).as_p()
    for name in ("visitors", "recipients"):
        picker = html.split('id="id_{}-picker"'.format(name))[1].split("</script>")[0]
        assert 'hx-get="{}"'.format(SEARCH) in picker
        assert 'hx-target="#id_{}-results"'.format(name) in picker
        assert 'id="id_{}-results"'.format(name) in picker
        assert '<select name="{}"'.format(name) in picker
        # The search box belongs to no form: its text is never posted with the record.
        assert 'form="id_{}-search-only"'.format(name) in picker
    selected = [attrs for attrs, _label in options(html, "recipients") if "selected" in attrs]
    assert len(selected) == 1 and 'value="{}"'.format(people["zhang"].pk) in selected[0]
    assert not [attrs for attrs, _label in options(html, "visitors") if "selected" in attrs]
    assert html.count('src="/static/js/member_picker.js"') == 2


def test_a_model_form_gets_the_picker_through_field_classes_and_its_school(school, people):
    with scope(school=[school.pk]):
        form = ClubMembersForm(school=school)
        assert isinstance(form.fields["members"].widget, MemberPickerWidget)
        assert set(form.fields["members"].queryset) == {people[k] for k in ("zhang", "zhao", "zhou", "li")}
        html = str(form["members"])
    assert 'id="id_members-picker"' in html
    assert "张珊" not in html


def test_the_picker_refuses_another_schools_member(school, people):
    with scope(school=[school.pk]):
        form = ClubMembersForm(data={"name": "书法社", "members": [people["foreign"].pk]}, school=school)
        assert not form.is_valid()
    assert form.errors["members"] == ["编号 {} 不是本校会员：只能选择本校的会员。".format(people["foreign"].pk)]


def test_the_members_and_their_departments_come_in_one_query(school):
    add_members(school, 60)
    with scope(school=[school.pk]):
        form = TwoPickers(school=school)
        with CaptureQueriesContext(connection) as queries:
            str(form["visitors"])
    assert len(queries) == 1


# --- the search --------------------------------------------------------------------------


def found(response):
    return re.findall(r'data-member-id="(\d+)"', response.content.decode())


@pytest.mark.parametrize("query", ["zly", "ZLY", "zhaoliying", "zhaoli", "赵丽颖", "丽颖"])
def test_the_search_finds_by_initials_full_pinyin_or_name(staff_client, people, query):
    response = staff_client.get(SEARCH, {"q": query})
    assert response.status_code == 200
    assert found(response) == [str(people["zhao"].pk)]
    assert "语文组" in response.content.decode()


def test_the_search_finds_only_the_schools_live_members(staff_client, school, people):
    with scopes_disabled():
        MemberFactory(school=school, name="张伞").soft_delete()
    # 张三 of school one; not 张珊 of school two, nor the deleted 张伞.
    assert found(staff_client.get(SEARCH, {"q": "zs"})) == [str(people["zhang"].pk)]


def test_the_search_says_when_a_retiree_is_found(staff_client, people):
    """Picker: members in service by default; a retiree only when asked, with the status shown."""
    assert found(staff_client.get(SEARCH, {"q": "zm"})) == []
    page = staff_client.get(SEARCH, {"q": "zm", "former": "1"}).content.decode()
    assert "周敏" in page and "退休" in page


def test_an_empty_search_answers_nothing(staff_client, people):
    response = staff_client.get(SEARCH, {"q": "  "})
    assert found(response) == []
    assert response.content.decode().strip() == ""


def test_a_search_without_match_says_so_and_escapes_the_text(staff_client, people):
    page = staff_client.get(SEARCH, {"q": "<b>xyz"}).content.decode()
    assert "没有与“&lt;b&gt;xyz”匹配的会员。" in page
    assert "<b>" not in page


def test_the_search_answers_at_most_20_in_pinyin_order(staff_client, school):
    add_members(school, 60)
    response = staff_client.get(SEARCH, {"q": "z"})
    ids = [int(pk) for pk in found(response)]
    assert len(ids) == 20
    with scopes_disabled():
        expected = list(
            Member.objects.filter(school=school, name_initials__startswith="z", status="active")
            .order_by("name_pinyin", "pk")
            .values_list("pk", flat=True)[:20]
        )
    assert ids == expected


# Session, user, school, the matching members with their departments.
SEARCH_QUERIES = 4


def test_the_search_costs_the_same_queries_for_few_or_many_members(staff_client, school):
    add_members(school, 10)
    with CaptureQueriesContext(connection) as small:
        assert staff_client.get(SEARCH, {"q": "z"}).status_code == 200
    add_members(school, 300)
    with CaptureQueriesContext(connection) as large:
        response = staff_client.get(SEARCH, {"q": "z"})
    assert len(found(response)) == 20
    assert len(small) == len(large) <= SEARCH_QUERIES
