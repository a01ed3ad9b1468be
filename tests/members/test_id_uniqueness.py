"""An ID card number is unique within a school: the form and the database both say so,
naming the member who already has it."""

import datetime

import pytest
from django.db import IntegrityError, transaction
from django_scopes import scope, scopes_disabled

from members.forms import MemberForm
from members.models import Member
from tests.factories import MemberFactory, member_form_data, valid_id_number
from tests.members.test_import import LETTER, good_row, member_count, upload, workbook

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

NUMBER = valid_id_number(datetime.date(1980, 1, 2), 17)


def test_the_member_form_refuses_an_id_number_of_another_member_naming_them(staff_client, school):
    MemberFactory(school=school, name="张三", id_card_number=NUMBER, employee_number="A1")

    response = staff_client.post("/members/new/", member_form_data(name="孙丽", id_card_number=NUMBER))

    assert response.status_code == 200
    assert response.context["form"].errors["id_card_number"] == ["身份证号与会员张三相同。"]
    assert "身份证号与会员张三相同" in response.content.decode()
    with scope(school=[school.pk]):
        assert not Member.objects.filter(name="孙丽").exists()


def test_the_form_compares_full_width_and_lower_case_numbers_as_the_same(school):
    MemberFactory(school=school, name="李四", id_card_number="11010519491231002X", employee_number="A1")
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in "11010519491231002x")

    with scope(school=[school.pk]):
        form = MemberForm(data=member_form_data(id_card_number=full_width), school=school)
        assert not form.is_valid()
    assert form.errors["id_card_number"] == ["身份证号与会员李四相同。"]


def test_a_member_keeps_their_own_number_when_edited(staff_client, school):
    member = MemberFactory(school=school, name="张三", id_card_number=NUMBER, employee_number="A1")

    response = staff_client.post("/members/{}/edit/".format(member.pk), member_form_data(member, post="副校长"))

    assert response.status_code == 302
    member.refresh_from_db()
    assert member.post == "副校长" and member.id_card_number == NUMBER


def test_another_school_and_a_deleted_member_do_not_clash(school, other_school):
    MemberFactory(school=other_school, name="王五", id_card_number=NUMBER, employee_number="B1")
    deleted = MemberFactory(school=school, name="赵六", id_card_number=NUMBER, employee_number="A9")
    with scopes_disabled():
        deleted.soft_delete()

    with scope(school=[school.pk]):
        form = MemberForm(data=member_form_data(id_card_number=NUMBER), school=school)
        assert form.is_valid(), form.errors


def test_the_database_refuses_two_live_members_with_one_number(school):
    MemberFactory(school=school, id_card_number=NUMBER, employee_number="A1")
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(school=school, id_card_number=NUMBER, employee_number="A2")
    # Blank numbers never clash.
    MemberFactory(school=school, id_card_number="", employee_number="A3")
    MemberFactory(school=school, id_card_number="", employee_number="A4")


def test_a_deleted_member_is_not_restored_over_a_live_one_with_the_same_number(chair_client, school):
    deleted = MemberFactory(school=school, name="赵六", id_card_number=NUMBER, employee_number="A9")
    with scopes_disabled():
        deleted.soft_delete()
    MemberFactory(school=school, name="张三", id_card_number=NUMBER, employee_number="A1")

    response = chair_client.post("/members/trash/{}/restore/".format(deleted.pk), follow=True)

    assert "身份证号与会员张三相同" in response.content.decode()
    with scopes_disabled():
        assert Member.all_objects.get(pk=deleted.pk).is_deleted


# The roster import -----------------------------------------------------------------------


def test_the_import_refuses_an_id_number_of_another_member_naming_them_by_row_and_column(chair_client, school):
    MemberFactory(school=school, name="张三", id_card_number=NUMBER, employee_number="A1")
    rows = [good_row(1), good_row(2, id_card_number=NUMBER.lower())]

    response = upload(chair_client, workbook(chair_client, rows))

    (error,) = response.context["result"].errors
    assert (error.row, error.column) == (3, LETTER["id_card_number"])
    assert error.message == "身份证号与会员张三相同。"
    assert error.place == "第 3 行“身份证号”列（{}）".format(LETTER["id_card_number"])
    assert member_count(school) == 1


def test_the_import_names_the_other_row_of_an_id_number_repeated_in_the_file(chair_client, school):
    rows = [good_row(1, id_card_number=NUMBER), good_row(2), good_row(3, id_card_number=NUMBER)]

    response = upload(chair_client, workbook(chair_client, rows))

    (error,) = response.context["result"].errors
    assert (error.row, error.column) == (4, LETTER["id_card_number"])
    assert error.message == "身份证号 {} 与第 2 行重复。".format(NUMBER)


def test_the_import_lets_a_member_keep_their_own_id_number(chair_client, school):
    MemberFactory(school=school, name="张三", id_card_number=NUMBER, employee_number="A1")
    rows = [good_row(1, name="张三", employee_number="A1", id_card_number=NUMBER, post="副校长")]

    response = upload(chair_client, workbook(chair_client, rows))

    result = response.context["result"]
    assert result.errors == []
    assert result.updated_count == 1
