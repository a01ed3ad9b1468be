"""Moving the test database to a migration of one app, for tests of a migration's data step."""

from django.db import connection
from django.db.migrations.executor import MigrationExecutor


def migrate(app_label=None, migration=None):
    """Every app at its latest migration but ``app_label``, which is at ``migration`` (or
    its latest too); returns the models as they are there."""
    executor = MigrationExecutor(connection)
    targets = [
        (app, migration) if app == app_label and migration else (app, name)
        for app, name in executor.loader.graph.leaf_nodes()
    ]
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps
