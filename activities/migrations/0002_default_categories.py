from django.db import migrations

from activities.models.log import DEFAULT_CATEGORIES


def create_default_categories(apps, schema_editor):
    alias = schema_editor.connection.alias
    School = apps.get_model("unionhub", "School")
    Category = apps.get_model("activities", "Category")
    for school in School.objects.using(alias):
        existing = set(Category.objects.using(alias).filter(school=school).values_list("name", flat=True))
        Category.objects.using(alias).bulk_create(
            Category(school=school, name=name, section=section, position=position)
            for position, (name, section) in enumerate(DEFAULT_CATEGORIES, start=1)
            if name not in existing
        )


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(create_default_categories, migrations.RunPython.noop)]
