"""A member in the recycle bin has no working login: members deleted before this
migration whose login still works have it disabled now, and remember that the delete did
it, so that restoring them enables it again."""

from django.conf import settings
from django.db import migrations, models


def disable_logins_of_deleted_members(apps, schema_editor):
    alias = schema_editor.connection.alias
    Member = apps.get_model("members", "Member")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    deleted = Member._base_manager.using(alias).filter(deleted_at__isnull=False, user__is_active=True)
    user_ids = list(deleted.values_list("user_id", flat=True))
    deleted.update(login_disabled_on_delete=True)
    # An open session of these users stops working: Django's ModelBackend does not load an
    # inactive user.
    User._base_manager.using(alias).filter(pk__in=user_ids).update(is_active=False)


def enable_them_again(apps, schema_editor):
    alias = schema_editor.connection.alias
    Member = apps.get_model("members", "Member")
    User = apps.get_model(*settings.AUTH_USER_MODEL.split("."))
    user_ids = Member._base_manager.using(alias).filter(login_disabled_on_delete=True).values_list("user_id", flat=True)
    User._base_manager.using(alias).filter(pk__in=list(user_ids)).update(is_active=True)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0006_recompute_name_pinyin_for_surnames"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalmember",
            name="login_disabled_on_delete",
            field=models.BooleanField(default=False, editable=False, verbose_name="login disabled by the delete"),
        ),
        migrations.AddField(
            model_name="member",
            name="login_disabled_on_delete",
            field=models.BooleanField(default=False, editable=False, verbose_name="login disabled by the delete"),
        ),
        migrations.RunPython(disable_logins_of_deleted_members, enable_them_again),
    ]
