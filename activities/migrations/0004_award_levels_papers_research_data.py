"""Existing awards under the new levels, kinds and statuses.

The township level (街道/镇) now sits between school and district, so district and above
move up by one; a paper was "published or awarded": the ones recorded so far are awarded;
a research project recorded so far was approved (立项). History rows move with them, so a
record's history reads in the same terms.
"""

from django.db import migrations

OLD_TO_NEW_LEVEL = {5: 6, 4: 5, 3: 4, 2: 3}  # highest first: no level lands on one not yet moved


def forwards(apps, schema_editor):
    alias = schema_editor.connection.alias
    for model_name in ("Award", "HistoricalAward"):
        model = apps.get_model("activities", model_name)
        rows = model._base_manager.using(alias)
        for old, new in OLD_TO_NEW_LEVEL.items():
            rows.filter(level=old).update(level=new)
        rows.filter(kind="paper").update(kind="paper_awarded")
        rows.filter(kind="research", status="awarded").update(status="approved")


def backwards(apps, schema_editor):
    alias = schema_editor.connection.alias
    for model_name in ("Award", "HistoricalAward"):
        model = apps.get_model("activities", model_name)
        rows = model._base_manager.using(alias)
        rows.filter(level=2).update(level=3)  # township back to district, the nearest old level
        for old, new in sorted(OLD_TO_NEW_LEVEL.items()):
            rows.filter(level=new).update(level=old)
        rows.filter(kind__in=["paper_awarded", "paper_published"]).update(kind="paper")
        rows.filter(kind="research").update(status="awarded")


class Migration(migrations.Migration):
    dependencies = [("activities", "0003_award_status_programme")]

    operations = [migrations.RunPython(forwards, backwards)]
