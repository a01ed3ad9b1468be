from django.db import migrations

DEFAULT_CATEGORIES = ["招生", "财务", "基建", "维修", "采购", "职评", "评先评优", "考核", "绩效", "收费", "人事", "其他"]


def create_defaults(apps, schema_editor):
    alias = schema_editor.connection.alias
    School = apps.get_model("unionhub", "School")
    NoticeCategory = apps.get_model("disclosure", "NoticeCategory")
    for school in School.objects.using(alias):
        existing = set(NoticeCategory._base_manager.using(alias).filter(school=school).values_list("name", flat=True))
        NoticeCategory._base_manager.using(alias).bulk_create(
            [
                NoticeCategory(school=school, name=name, position=position)
                for position, name in enumerate(DEFAULT_CATEGORIES)
                if name not in existing
            ]
        )


class Migration(migrations.Migration):
    dependencies = [("disclosure", "0001_initial"), ("unionhub", "__first__")]

    operations = [migrations.RunPython(create_defaults, migrations.RunPython.noop)]
