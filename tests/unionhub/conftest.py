import pytest
from django.db import connections
from django.db.utils import load_backend

from tests.databases import postgres_server


@pytest.fixture
def new_database(tmp_path):
    """Makes new empty databases of the suite's vendor, each under an alias of its own, and
    removes them after the test: a file for SQLite, ``<test database>_<label>`` for PostgreSQL."""
    made = []

    def make(label):
        default = connections["default"].settings_dict
        if connections["default"].vendor == "sqlite":
            name = str(tmp_path / "{}.sqlite3".format(label))
        else:
            name = "{}_{}".format(default["NAME"], label)
            postgres_server(f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
        alias = "test_" + label
        # Made here rather than in settings.DATABASES, which the test case fences off.
        connections[alias] = load_backend(default["ENGINE"]).DatabaseWrapper({**default, "NAME": name}, alias)
        made.append((alias, name))
        return connections[alias]

    yield make
    for alias, name in made:
        connections[alias].close()
        del connections[alias]
        if not name.endswith(".sqlite3"):
            postgres_server(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
