"""Databases of a test's own beside the suite's: made empty, compared table by table."""

from django.db import connections

from unionhub.backup import postgres_conninfo


def every_row(connection):
    """Every table's rows, in an order that does not depend on how they were stored."""
    rows = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            cursor.execute("SELECT * FROM {}".format(connection.ops.quote_name(table)))
            rows[table] = sorted(repr(row) for row in cursor.fetchall())
    return rows


def postgres_server(*statements):
    import psycopg

    conninfo, env = postgres_conninfo({**connections["default"].settings_dict, "NAME": "postgres"})
    with psycopg.connect(conninfo, password=env.get("PGPASSWORD"), autocommit=True) as server:
        for statement in statements:
            server.execute(statement)
