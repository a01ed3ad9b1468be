"""Members already in the recycle bin lose their working login when the app learns that a
deleted member has none; a restore gives back only the logins this took."""

import pytest
from django.utils import timezone

from tests import migrating
from unionhub.roles import Role

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = "0006_recompute_name_pinyin_for_surnames"


@pytest.fixture
def old_apps():
    apps = migrating.migrate("members", BEFORE)
    yield apps
    new = migrating.migrate()
    new.get_model("members", "Member")._base_manager.all().delete()


def test_deleted_members_logins_are_disabled_and_remembered(old_apps):
    District = old_apps.get_model("unionhub", "District")
    School = old_apps.get_model("unionhub", "School")
    User = old_apps.get_model("unionhub", "User")
    Member = old_apps.get_model("members", "Member")
    school = School.objects.create(district=District.objects.create(name="武进区"), name="青溪小学")

    def member(name, deleted, active):
        user = User.objects.create(username=name, school=school, role=Role.TEACHER, is_active=active)
        Member._base_manager.create(
            school=school, name=name, gender="F", user=user, deleted_at=timezone.now() if deleted else None
        )
        return user.pk

    trashed = member("trashed", deleted=True, active=True)
    disabled_before = member("disabled", deleted=True, active=False)
    live = member("live", deleted=False, active=True)

    apps = migrating.migrate()

    User = apps.get_model("unionhub", "User")
    Member = apps.get_model("members", "Member")
    assert dict(User.objects.values_list("pk", "is_active")) == {trashed: False, disabled_before: False, live: True}
    assert dict(Member._base_manager.values_list("user_id", "login_disabled_on_delete")) == {
        trashed: True,
        disabled_before: False,
        live: False,
    }
