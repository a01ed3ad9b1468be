"""Visits and greetings recorded with 0.00 yuan gave no money: their amount becomes empty."""

from django.db import migrations


def zero_to_none(apps, schema_editor):
    alias = schema_editor.connection.alias
    for model_name, field in (("Visit", "amount"), ("GreetingBatch", "amount_each"), ("GreetingRecipient", "amount")):
        model = apps.get_model("activities", model_name)
        model._base_manager.using(alias).filter(**{field: 0}).update(**{field: None})


class Migration(migrations.Migration):
    dependencies = [("activities", "0005_historicalvisit_age_visit_age_and_more")]

    operations = [migrations.RunPython(zero_to_none, migrations.RunPython.noop)]
