"""What a refused submission must leave alone, and what a user must be able to read."""

import re

from django.apps import apps
from django.db import connection
from django_scopes import scopes_disabled

# The tables whose rows a refused submission must leave as they were.
RECORD_APPS = ("unionhub", "members", "activities", "congress", "disclosure", "reports")
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def row_counts():
    """Rows per table of the apps (deleted rows and history included), in one query."""
    tables = sorted({model._meta.db_table for model in apps.get_models() if model._meta.app_label in RECORD_APPS})
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT {}".format(", ".join("(SELECT COUNT(*) FROM {})".format(quote(table)) for table in tables))
        )
        return dict(zip(tables, cursor.fetchone(), strict=True))


def row_of(obj):
    if obj is None:
        return None
    with scopes_disabled():
        return type(obj)._base_manager.filter(pk=obj.pk).values().first()
