"""Pinyin search knows surnames' own readings: 曾玲娟 is found by ``zlj`` and ``zenglingjuan``."""

import importlib
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django_scopes import scopes_disabled

from members.models import Member
from members.pinyin import pinyin_keys
from tests.factories import MemberFactory

pytestmark = pytest.mark.usefixtures("fast_password_hasher")

ROSTER = "/members/"
SEARCH = "/members/search/"

# Surname, its reading, syllable by syllable. The given name 明 (ming) follows each one.
SURNAMES = [
    ("曾", ["zeng"]),
    ("单", ["shan"]),
    ("解", ["xie"]),
    ("仇", ["qiu"]),
    ("区", ["ou"]),
    ("查", ["zha"]),
    ("朴", ["piao"]),
    ("覃", ["qin"]),
    ("盖", ["ge"]),
    ("乐", ["yue"]),
    ("尉迟", ["yu", "chi"]),
    ("万俟", ["mo", "qi"]),
    ("长孙", ["zhang", "sun"]),
    ("澹台", ["tan", "tai"]),
    ("缪", ["miao"]),
    ("晟", ["cheng"]),
    ("阚", ["kan"]),
    ("繁", ["po"]),
    ("秘", ["bi"]),
    ("种", ["chong"]),
    ("员", ["yun"]),
    ("那", ["na"]),
    ("祭", ["zhai"]),
    ("翟", ["zhai"]),
    ("过", ["guo"]),
    ("召", ["shao"]),
    ("纪", ["ji"]),
    ("华", ["hua"]),
    ("黑", ["he"]),
    ("折", ["she"]),
    ("隗", ["wei"]),
    ("句", ["gou"]),
    ("佴", ["nai"]),
]


@pytest.mark.parametrize("surname, syllables", SURNAMES, ids=[s for s, _r in SURNAMES])
def test_every_surname_has_its_own_reading_for_initials_and_full_pinyin(surname, syllables):
    full, initials = pinyin_keys(surname + "明")

    assert full == "".join(syllables) + "ming"
    assert initials == "".join(s[0] for s in syllables) + "m"


def test_compound_surnames_are_read_before_single_ones():
    assert pinyin_keys("尉迟恭") == ("yuchigong", "ycg")  # not 尉 wei + 迟
    assert pinyin_keys("长孙无忌") == ("zhangsunwuji", "zswj")  # not 长 chang
    assert pinyin_keys("长江") == ("changjiang", "cj"), "长 alone is the surname chang"


def test_only_the_surname_is_read_as_a_surname():
    # 曾 in the given name keeps its common reading.
    assert pinyin_keys("王曾经") == ("wangcengjing", "wcj")
    assert pinyin_keys("张三") == ("zhangsan", "zs")
    assert pinyin_keys("") == ("", "")


@pytest.mark.parametrize("query", ["zlj", "zenglingjuan", "zeng", "曾玲"])
def test_the_roster_and_the_picker_find_zeng_lingjuan(staff_client, school, query):
    zeng = MemberFactory(school=school, name="曾玲娟", employee_number="Z1")
    MemberFactory(school=school, name="岑丽君", employee_number="Z2")  # cenglijun would have matched "clj"

    roster = staff_client.get(ROSTER, {"q": query})
    picker = staff_client.get(SEARCH, {"q": query})

    assert [row.record.pk for row in roster.context["table"].page.object_list] == [zeng.pk]
    assert 'data-member-id="{}"'.format(zeng.pk) in picker.content.decode()


def test_the_old_reading_no_longer_finds_her(staff_client, school):
    MemberFactory(school=school, name="曾玲娟", employee_number="Z1")

    assert list(staff_client.get(ROSTER, {"q": "clj"}).context["table"].page.object_list) == []


def test_stored_pinyin_is_recomputed_for_existing_members(school):
    """The data migration rewrites members stored with the old readings, deleted ones too."""
    with scopes_disabled():
        live = MemberFactory(school=school, name="曾玲娟", employee_number="M1")
        deleted = MemberFactory(school=school, name="单田芳", employee_number="M2")
        deleted.soft_delete()
        Member.all_objects.filter(pk__in=[live.pk, deleted.pk]).update(name_pinyin="cenglingjuan", name_initials="clj")
        history_before = Member.history.count()

        migration = importlib.import_module("members.migrations.0006_recompute_name_pinyin_for_surnames")
        migration.recompute(django_apps, SimpleNamespace(connection=connection))

        assert Member.all_objects.get(pk=live.pk).name_pinyin == "zenglingjuan"
        assert Member.all_objects.get(pk=live.pk).name_initials == "zlj"
        assert Member.all_objects.get(pk=deleted.pk).name_initials == "stf"
        assert Member.history.count() == history_before, "a recomputed key is not a change of the member"
