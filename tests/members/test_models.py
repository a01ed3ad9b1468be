"""Members: pinyin keys, search, the women/retirees lists, soft delete and unique employee numbers."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from members.choices import Gender, MemberStatus
from members.models import Member, pinyin_keys
from tests.factories import MemberFactory, SchoolFactory


def names(queryset):
    return sorted(m.name for m in queryset)


# --- pinyin keys -------------------------------------------------------------------------------


def test_it_computes_pinyin_keys_of_a_name():
    assert pinyin_keys("张三") == ("zhangsan", "zs")
    assert pinyin_keys("欧阳娜娜") == ("ouyangnana", "oynn")


def test_it_stores_the_pinyin_keys_on_save(in_school):
    member = MemberFactory(school=in_school, name="张三")
    member.refresh_from_db()
    assert member.name_pinyin == "zhangsan"
    assert member.name_initials == "zs"


def test_it_recomputes_the_keys_when_the_name_changes(in_school):
    member = MemberFactory(school=in_school, name="张三")
    member.name = "李四"
    member.save()
    member.refresh_from_db()
    assert (member.name_pinyin, member.name_initials) == ("lisi", "ls")


def test_it_recomputes_the_keys_on_a_save_of_only_the_name(in_school):
    member = MemberFactory(school=in_school, name="张三")
    member.name = "王五"
    member.save(update_fields=["name"])
    stored = Member.objects.values_list("name_pinyin", "name_initials").get(pk=member.pk)
    assert stored == ("wangwu", "ww")


def test_it_stores_the_id_card_number_with_a_capital_x(in_school):
    member = MemberFactory(school=in_school, id_card_number="11010519491231002x")
    member.refresh_from_db()
    assert member.id_card_number == "11010519491231002X"
    assert member.masked_id_card_number == "110105********002X"


# --- search ------------------------------------------------------------------------------------


@pytest.fixture
def people(in_school):
    return {
        "zhang": MemberFactory(school=in_school, name="张三", employee_number="T0001"),
        "zhao": MemberFactory(school=in_school, name="赵珊", employee_number="T0002"),
        "li": MemberFactory(school=in_school, name="李四", employee_number="T0003"),
        "ouyang": MemberFactory(school=in_school, name="欧阳娜娜", employee_number="T0104"),
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        ("张三", ["张三"]),
        ("张", ["张三"]),
        ("阳娜", ["欧阳娜娜"]),
        ("zhangsan", ["张三"]),
        ("zhang", ["张三"]),
        ("ZhangSan", ["张三"]),
        ("zhang san", ["张三"]),
        ("ouyang", ["欧阳娜娜"]),
        ("zs", ["张三", "赵珊"]),  # 张三 and 赵珊 share their initials
        ("ZS", ["张三", "赵珊"]),
        ("oynn", ["欧阳娜娜"]),
        ("l", ["李四"]),
        ("T0003", ["李四"]),
        ("  T0104 ", ["欧阳娜娜"]),
    ],
)
def test_it_searches_by_name_pinyin_initials_and_employee_number(people, text, expected):
    assert names(Member.objects.search(text)) == sorted(expected)


def test_it_does_not_match_part_of_an_employee_number(people):
    assert names(Member.objects.search("T000")) == []


def test_it_finds_nothing_for_a_name_nobody_has(people):
    assert list(Member.objects.search("wangwu")) == []
    assert list(Member.objects.search("钱七")) == []


def test_it_returns_everyone_for_an_empty_search(people):
    assert Member.objects.search("").count() == 4
    assert Member.objects.search("   ").count() == 4
    assert Member.objects.search(None).count() == 4


def test_it_does_not_find_deleted_members(people):
    people["li"].soft_delete()
    assert list(Member.objects.search("lisi")) == []


# --- women staff and retirees ------------------------------------------------------------------


def test_it_lists_women_and_retirees(in_school):
    MemberFactory(school=in_school, name="王芳", gender=Gender.FEMALE)
    MemberFactory(
        school=in_school,
        name="周敏",
        gender=Gender.FEMALE,
        status=MemberStatus.RETIRED,
        status_changed_on=datetime.date(2020, 8, 31),
    )
    MemberFactory(
        school=in_school,
        name="赵强",
        gender=Gender.MALE,
        status=MemberStatus.RETIRED,
        status_changed_on=datetime.date(2019, 8, 31),
    )
    MemberFactory(school=in_school, name="吴强", gender=Gender.MALE)

    assert names(Member.objects.women()) == sorted(["王芳", "周敏"])
    assert names(Member.objects.retirees()) == sorted(["周敏", "赵强"])
    assert names(Member.objects.active()) == sorted(["王芳", "吴强"])
    assert names(Member.objects.women().active()) == ["王芳"]


# --- soft delete -------------------------------------------------------------------------------


def test_it_hides_a_deleted_member_but_keeps_the_row(in_school):
    member = MemberFactory(school=in_school, name="张三")
    version = member.version

    member.soft_delete()

    assert not Member.objects.filter(pk=member.pk).exists()
    kept = Member.all_objects.get(pk=member.pk)
    assert kept.is_deleted
    assert kept.deleted_at is not None
    assert kept.version == version + 1


def test_it_restores_a_deleted_member(in_school):
    member = MemberFactory(school=in_school, name="张三")
    member.soft_delete()

    Member.all_objects.get(pk=member.pk).restore()

    restored = Member.objects.get(pk=member.pk)
    assert not restored.is_deleted
    assert restored.version == member.version + 1


def test_it_records_delete_and_restore_in_the_history(in_school):
    member = MemberFactory(school=in_school, name="张三")
    member.soft_delete()
    member.restore()
    deleted_at = [record.deleted_at for record in member.history.order_by("history_date", "history_id")]
    assert deleted_at[0] is None
    assert deleted_at[1] is not None
    assert deleted_at[2] is None


# --- employee numbers --------------------------------------------------------------------------


def test_it_refuses_a_second_member_with_the_same_employee_number_in_a_school(in_school):
    MemberFactory(school=in_school, employee_number="T0001")
    with pytest.raises(IntegrityError), transaction.atomic():
        MemberFactory(school=in_school, employee_number="T0001")
    assert Member.objects.filter(employee_number="T0001").count() == 1


def test_it_names_the_clash_when_validating_constraints(in_school):
    MemberFactory(school=in_school, employee_number="T0001")
    clash = MemberFactory.build(school=in_school, employee_number="T0001", department=None)
    with translation.override("zh-hans"):
        with pytest.raises(ValidationError) as caught:
            clash.validate_constraints()
        expected = gettext("Another member of the school already has this employee number.")
    assert caught.value.messages == [expected]


def test_it_lets_two_schools_use_the_same_employee_number(school, other_school):
    MemberFactory(school=school, employee_number="T0001")
    MemberFactory(school=other_school, employee_number="T0001")
    with scopes_disabled():
        assert Member.objects.filter(employee_number="T0001").count() == 2


def test_it_lets_members_without_an_employee_number_coexist(in_school):
    MemberFactory(school=in_school, employee_number="")
    MemberFactory(school=in_school, employee_number="")
    assert Member.objects.filter(employee_number="").count() == 2


def test_it_frees_the_employee_number_of_a_deleted_member(in_school):
    old = MemberFactory(school=in_school, employee_number="T0001")
    old.soft_delete()
    MemberFactory(school=in_school, employee_number="T0001")
    assert Member.all_objects.filter(employee_number="T0001").count() == 2


def test_it_counts_only_the_scoped_school_s_members(in_school):
    elsewhere = SchoolFactory(district=in_school.district)
    MemberFactory(school=elsewhere, name="李四")
    assert Member.objects.count() == 0
