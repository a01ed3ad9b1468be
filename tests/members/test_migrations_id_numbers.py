"""The data step before an ID card number becomes unique within a school: existing numbers
are stored as the form stores them (half-width, trimmed, upper-case X), and numbers that
would still clash stop the migration with the school, the number and the members named."""

import pytest
from django.utils import timezone

from tests import migrating

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = "0003_member_hired_on"
NORMALISED = "0004_normalise_id_card_numbers"
CONSTRAINED = "0005_member_unique_id_card_number_per_school"


def migrate(members_migration=None):
    return migrating.migrate("members", members_migration)


@pytest.fixture
def old_apps():
    """The schema before the data step; the test database is migrated back to the latest
    state afterwards, whatever happened."""
    apps = migrate(BEFORE)
    yield apps
    apps.get_model("members", "Member")._base_manager.all().delete()
    migrate()


def make_school(apps, name="青溪小学"):
    District = apps.get_model("unionhub", "District")
    School = apps.get_model("unionhub", "School")
    district, _ = District.objects.get_or_create(name="武进区")
    return School.objects.create(district=district, name=name)


def make_member(apps, school, name, number, deleted=False):
    Member = apps.get_model("members", "Member")
    return Member._base_manager.create(
        school=school,
        name=name,
        gender="F",
        id_card_number=number,
        deleted_at=timezone.now() if deleted else None,
    )


def stored_numbers(apps):
    Member = apps.get_model("members", "Member")
    return dict(Member._base_manager.values_list("name", "id_card_number"))


def test_existing_numbers_are_normalised_as_the_form_does(old_apps):
    school = make_school(old_apps)
    make_member(old_apps, school, "张敏", "３２０４１２１９８０１２１２００１ｘ")
    # Within the column's 18 characters, spaces included (PostgreSQL holds no more).
    make_member(old_apps, school, "李芳", " 3204121985050500x")
    make_member(old_apps, school, "王强", "")
    make_member(old_apps, school, "赵离", "32041219700101003x", deleted=True)

    new_apps = migrate(CONSTRAINED)

    assert stored_numbers(new_apps) == {
        "张敏": "32041219801212001X",
        "李芳": "3204121985050500X",
        "王强": "",
        "赵离": "32041219700101003X",
    }


def test_a_deleted_member_or_another_school_may_share_a_number(old_apps):
    school, other = make_school(old_apps), make_school(old_apps, "湖塘中学")
    make_member(old_apps, school, "张敏", "32041219801212001x")
    make_member(old_apps, school, "赵离", "32041219801212001X", deleted=True)
    make_member(old_apps, other, "钱红", "32041219801212001X")

    new_apps = migrate(CONSTRAINED)

    assert set(stored_numbers(new_apps).values()) == {"32041219801212001X"}


def test_numbers_that_clash_once_normalised_stop_the_migration_naming_the_members(old_apps):
    school = make_school(old_apps)
    make_member(old_apps, school, "张敏", "32041219801212001x")
    make_member(old_apps, school, "李芳", "３２０４１２１９８０１２１２００１Ｘ")
    make_member(old_apps, school, "王强", "32041219850505002X")
    make_member(old_apps, school, "孙丽", "32041219850505002X")
    make_member(old_apps, school, "周杰", "32041219900101004X")

    with pytest.raises(RuntimeError) as raised:
        migrate(NORMALISED)

    message = str(raised.value)
    assert "青溪小学" in message
    assert "32041219801212001X held by 张敏" in message and "李芳" in message
    assert "32041219850505002X held by 王强" in message and "孙丽" in message
    assert "周杰" not in message
    # Nothing was changed: the operator corrects the numbers as they are stored.
    assert stored_numbers(old_apps)["张敏"] == "32041219801212001x"
