"""Store every ID card number as the member form does (half-width, trimmed, upper-case X)
before the next migration makes it unique within a school.

Numbers that would then clash stop the migration, with nothing changed: the message names
the school, the number and its members, for an operator to correct and migrate again.
"""

import unicodedata
from collections import defaultdict

from django.db import migrations

BATCH = 500
MAX_LENGTH = 18


def normalised(number):
    # As members.validators.half_width(...).upper(), frozen here as of this migration.
    return unicodedata.normalize("NFKC", number).strip().upper()


def clash_message(clashes, schools):
    lines = [
        "Members of the same school share an ID card number. Correct or clear the numbers "
        "below (in the roster or the admin), then migrate again:"
    ]
    for (school_id, number), members in sorted(clashes.items()):
        names = ", ".join("{} (#{})".format(name, pk) for pk, name in sorted(members))
        lines.append("  {} (#{}): {} held by {}".format(schools.get(school_id, "?"), school_id, number, names))
    return "\n".join(lines)


def normalise_id_card_numbers(apps, schema_editor):
    alias = schema_editor.connection.alias
    Member = apps.get_model("members", "Member")
    School = apps.get_model("unionhub", "School")
    changed = []
    holders = defaultdict(list)
    members = Member._base_manager.using(alias).exclude(id_card_number="").only(
        "pk", "school_id", "name", "id_card_number", "deleted_at"
    )
    for member in members.iterator(BATCH):
        number = normalised(member.id_card_number)
        if number != member.id_card_number and len(number) <= MAX_LENGTH:
            member.id_card_number = number
            changed.append(member)
        if member.deleted_at is None and member.id_card_number:
            holders[(member.school_id, member.id_card_number)].append((member.pk, member.name))

    clashes = {key: members for key, members in holders.items() if len(members) > 1}
    if clashes:
        school_ids = {school_id for school_id, _ in clashes}
        schools = dict(School._base_manager.using(alias).filter(pk__in=school_ids).values_list("pk", "name"))
        raise RuntimeError(clash_message(clashes, schools))
    Member._base_manager.using(alias).bulk_update(changed, ["id_card_number"], batch_size=BATCH)


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0003_member_hired_on"),
        ("unionhub", "0001_initial"),
    ]

    operations = [migrations.RunPython(normalise_id_card_numbers, migrations.RunPython.noop)]
