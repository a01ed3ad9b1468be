"""The shared form layer bounds what any form accepts: model choices to their key
column's range, numbers to a column's range, record dates to 2000-01-01..2100-12-31 (a
person's own dates from 1900), each refused with a Chinese form error."""

import datetime

import pytest
from django import forms
from django.urls import reverse
from django.utils import translation
from django_scopes import scope

from activities.models import Activity
from members.forms import MemberForm
from members.models import Member
from unionhub.forms import BoundedInputMixin, DateInput, SchoolScopedModelForm

from ..factories import member_form_data
from ..security.test_permission_matrix import post_data

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

HUGE = "99999999999999999999"


class PickForm(BoundedInputMixin, forms.Form):
    """A plain form as the apps write them, with fields added in ``__init__`` too."""

    members = forms.ModelMultipleChoiceField(queryset=Member.objects.none(), required=False)
    count = forms.IntegerField(required=False)
    amount = forms.DecimalField(required=False)
    day = forms.DateField(required=False, widget=DateInput())

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["members"].queryset = Member.objects.filter(school=school)
        self.fields["member"] = forms.ModelChoiceField(queryset=Member.objects.filter(school=school), required=False)


def errors_of(data, school):
    with translation.override("zh-hans"), scope(school=[school.pk]):
        form = PickForm(data, school=school)
        form.is_valid()
        return {name: [str(e) for e in errors] for name, errors in form.errors.items()}


def test_a_key_past_the_64_bit_range_is_an_unknown_choice_not_a_database_error(member):
    errors = errors_of({"members": [str(member.pk), HUGE], "member": HUGE}, member.school)

    assert errors["members"] == ["选择一个有效的选项。 {} 不在可用的选项中。".format(HUGE)]
    assert errors["member"] == ["选择一个有效的选项： 该选择不在可用的选项中。"]


def test_a_key_in_range_is_looked_up_as_before(member):
    assert errors_of({"members": [str(member.pk)], "member": str(member.pk)}, member.school) == {}


@pytest.mark.parametrize(
    "field,value,message",
    [
        ("count", "2147483648", "确保该值小于或等于2147483647。"),
        ("count", "-2147483649", "确保该值大于或等于-2147483648。"),
        ("amount", "1e20", "确保该值小于或等于1000000000000。"),
    ],
)
def test_a_number_field_that_says_nothing_of_its_range_takes_what_a_column_holds(school, field, value, message):
    assert errors_of({field: value}, school) == {field: [message]}


def test_a_model_forms_number_takes_what_its_column_holds(school):
    with translation.override("zh-hans"), scope(school=[school.pk]):
        form = type(
            "ActivityNumbers",
            (SchoolScopedModelForm,),
            {
                "Meta": type(
                    "Meta", (SchoolScopedModelForm.Meta,), {"model": Activity, "fields": ["outside_participants"]}
                )
            },
        )(data={"outside_participants": "2147483648"}, school=school)
        assert not form.is_valid()
        assert form.errors["outside_participants"] == ["确保该值小于或等于2147483647。"]


@pytest.mark.parametrize("day", ["1999-12-31", "2101-01-01", "9999-12-31", "0001-01-01"])
def test_a_record_dated_outside_2000_to_2100_is_a_chinese_form_error(day, school):
    year, month, date = day.split("-")
    message = "{}年{}月{}日不在2000年1月1日至2100年12月31日之间，请检查日期。".format(year, int(month), int(date))
    assert errors_of({"day": day}, school) == {"day": [message]}


@pytest.mark.parametrize("day", ["2000-01-01", "2100-12-31"])
def test_the_first_and_last_days_are_taken(day, school):
    assert errors_of({"day": day}, school) == {}


def test_the_date_picker_offers_the_same_days():
    html = DateInput().render("day", None)
    assert 'min="2000-01-01"' in html and 'max="2100-12-31"' in html


def test_an_activity_of_1999_is_refused_through_the_page(staff_client, school):
    data = {**post_data("activities:activity_create", None, school), "starts_on": "1999-06-01"}
    response = staff_client.post(reverse("activities:activity_create"), data)

    assert response.status_code == 200
    assert (
        "1999年6月1日不在2000年1月1日至2100年12月31日之间，请检查日期。" in response.context["form"].errors["starts_on"]
    )


def test_a_members_birth_date_reaches_back_before_2000(school):
    with scope(school=[school.pk]):
        form = MemberForm(member_form_data(birth_date="1968-03-02", joined_school_on="1990-09-01"), school=school)
        assert form.is_valid(), form.errors
        too_early = MemberForm(member_form_data(birth_date="1899-12-31"), school=school)
        assert list(too_early.errors) == ["birth_date"]


def test_the_bound_is_checked_once_however_often_the_form_is_cleaned(school):
    with scope(school=[school.pk]):
        form = PickForm({"day": datetime.date(2020, 1, 1).isoformat()}, school=school)
        form.full_clean()
        form.full_clean()
        assert len(form.fields["day"].validators) == 1
