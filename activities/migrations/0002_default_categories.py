from django.db import migrations

from activities.models.log import DEFAULT_CATEGORIES


def create_default_categories(apps, schema_editor):
    School = apps.get_model("unionhub", "School")
    Category = apps.get_model("activities", "Category")
    for school in School.objects.all():
        existing = set(Category.objects.filter(school=school).values_list("name", flat=True))
        Category.objects.bulk_create(
            Category(school=school, name=name, section=section, position=position)
            for position, (name, section) in enumerate(DEFAULT_CATEGORIES, start=1)
            if name not in existing
        )


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(create_default_categories, migrations.RunPython.noop)]
