"""Recompute every member's stored pinyin now that surnames are read as surnames (曾 zeng…)."""

from django.db import migrations

BATCH = 500


def recompute(apps, schema_editor):
    from members.pinyin import pinyin_keys

    alias = schema_editor.connection.alias
    Member = apps.get_model("members", "Member")
    changed = []
    for member in Member._base_manager.using(alias).only("pk", "name", "name_pinyin", "name_initials").iterator(BATCH):
        keys = pinyin_keys(member.name)
        if keys != (member.name_pinyin, member.name_initials):
            member.name_pinyin, member.name_initials = keys
            changed.append(member)
        if len(changed) >= BATCH:
            Member._base_manager.using(alias).bulk_update(changed, ["name_pinyin", "name_initials"])
            changed = []
    Member._base_manager.using(alias).bulk_update(changed, ["name_pinyin", "name_initials"])


class Migration(migrations.Migration):
    dependencies = [("members", "0005_member_unique_id_card_number_per_school")]

    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
