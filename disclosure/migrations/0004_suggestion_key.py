"""Every suggestion gets a random public key, which staff see and its URLs use instead of
its id: ids count up, and would tell which anonymous letter came after which."""

from django.db import migrations, models
from django.db.models import OuterRef, Subquery

import disclosure.models.suggestions

BATCH = 500


def _fresh_key(taken):
    key = disclosure.models.suggestions.new_key()
    while key in taken:
        key = disclosure.models.suggestions.new_key()
    taken.add(key)
    return key


def give_every_suggestion_a_key(apps, schema_editor):
    alias = schema_editor.connection.alias
    Suggestion = apps.get_model("disclosure", "Suggestion")
    HistoricalSuggestion = apps.get_model("disclosure", "HistoricalSuggestion")
    taken = set()
    changed = []
    for suggestion in Suggestion._base_manager.using(alias).filter(key__isnull=True).only("pk").iterator(BATCH):
        suggestion.key = _fresh_key(taken)
        changed.append(suggestion)
    Suggestion._base_manager.using(alias).bulk_update(changed, ["key"], batch_size=BATCH)
    # History rows carry the key of their suggestion, as if it had always had one; those
    # of a suggestion no longer there, a key of their own.
    HistoricalSuggestion._base_manager.using(alias).update(
        key=Subquery(Suggestion._base_manager.filter(pk=OuterRef("id")).values("key")[:1])
    )
    orphans = HistoricalSuggestion._base_manager.using(alias).filter(key__isnull=True)
    for suggestion_id in orphans.values_list("id", flat=True).distinct():
        orphans.filter(id=suggestion_id).update(key=_fresh_key(taken))


class Migration(migrations.Migration):
    dependencies = [
        ("disclosure", "0003_historicalholidaycalendarday_holidaycalendarday"),
    ]

    operations = [
        migrations.AddField(
            model_name="suggestion",
            name="key",
            field=models.CharField(editable=False, max_length=10, null=True, verbose_name="number"),
        ),
        migrations.AddField(
            model_name="historicalsuggestion",
            name="key",
            field=models.CharField(db_index=True, editable=False, max_length=10, null=True, verbose_name="number"),
        ),
        migrations.RunPython(give_every_suggestion_a_key, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="suggestion",
            name="key",
            field=models.CharField(
                default=disclosure.models.suggestions.new_key,
                editable=False,
                max_length=10,
                unique=True,
                verbose_name="number",
            ),
        ),
        migrations.AlterField(
            model_name="historicalsuggestion",
            name="key",
            field=models.CharField(
                db_index=True,
                default=disclosure.models.suggestions.new_key,
                editable=False,
                max_length=10,
                verbose_name="number",
            ),
        ),
        migrations.AlterModelOptions(
            name="suggestion",
            options={
                "ordering": ["-written_on", "key"],
                "verbose_name": "suggestion",
                "verbose_name_plural": "suggestions",
            },
        ),
    ]
