"""Sessions recorded before a session had its own kind take their term's."""

from django.db import migrations
from django.db.models import OuterRef, Subquery


def body_from_term(apps, schema_editor):
    alias = schema_editor.connection.alias
    Session = apps.get_model("congress", "Session")
    CongressTerm = apps.get_model("congress", "CongressTerm")
    Session._base_manager.using(alias).filter(body="").update(
        body=Subquery(CongressTerm._base_manager.filter(pk=OuterRef("term_id")).values("kind")[:1])
    )


class Migration(migrations.Migration):
    dependencies = [("congress", "0003_historicalsession_body_and_more")]

    operations = [migrations.RunPython(body_from_term, migrations.RunPython.noop)]
