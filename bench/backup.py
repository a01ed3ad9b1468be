"""Backup and restore benchmark: `.venv/bin/python bench/backup.py`.

Seeds (once) the district of ``bench/district.py`` into ``bench/bench.sqlite3`` (or
``$DATABASE_URL``), puts ``BACKUP_BENCH_FILES`` uploaded files (500 by default, 100 KB of
incompressible bytes each, as photos are) in a media folder of its own, then times
``unionhub.backup.create_backup`` and ``restore_backup`` into a new empty database (a
temporary SQLite file, or ``<database>_restore`` on the same PostgreSQL server, dropped
afterwards) and an empty media folder. Prints one JSON object.
"""

import json
import os
import random
import sys
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR))

import district  # noqa: E402  (sets Django up)
from django.core.management import call_command  # noqa: E402
from django.db import connection, connections, transaction  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402
from django_scopes import scopes_disabled  # noqa: E402

from unionhub.backup import create_backup, postgres_conninfo, restore_backup  # noqa: E402

FILES = int(os.environ.get("BACKUP_BENCH_FILES", 500))
FILE_BYTES = 100 * 1024


def seed():
    call_command("migrate", verbosity=0)
    year = district.bench_year(timezone.localdate())
    with scopes_disabled():
        if not district.seeded(district.DISTRICT_NAME, district.SCHOOLS, year):
            with transaction.atomic():
                district.seed(district.DISTRICT_NAME, district.SCHOOLS, district.USERNAME, year, random.Random(2018))


def fill_media(root):
    rng = random.Random(2018)
    for n in range(FILES):
        path = root / "activities" / "{:03d}".format(n % 100) / "photo-{:04d}.jpg".format(n)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(rng.randbytes(FILE_BYTES))


def postgres_admin(*statements):
    import psycopg

    conninfo, env = postgres_conninfo({**connection.settings_dict, "NAME": "postgres"})
    with psycopg.connect(conninfo, password=env.get("PGPASSWORD"), autocommit=True) as server:
        for statement in statements:
            server.execute(statement)


def restore_target(work):
    if connection.vendor == "sqlite":
        return str(work / "restored.sqlite3")
    name = connection.settings_dict["NAME"] + "_restore"
    postgres_admin(f"DROP DATABASE IF EXISTS {name}", f"CREATE DATABASE {name}")
    return name


def main():
    seed()
    with tempfile.TemporaryDirectory(prefix="unionhub-backup-bench-") as work:
        work = Path(work)
        media, restored_media = work / "media", work / "restored_media"
        fill_media(media)
        with override_settings(MEDIA_ROOT=media):
            started = time.perf_counter()
            backup = create_backup(work / "backup.tar.gz")
            backup_s = time.perf_counter() - started
        connections.settings["restore"] = {**connection.settings_dict, "NAME": restore_target(work)}
        try:
            with override_settings(MEDIA_ROOT=restored_media):
                started = time.perf_counter()
                restore_backup(backup.path, using="restore")
                restore_s = time.perf_counter() - started
        finally:
            connections["restore"].close()
            if connection.vendor != "sqlite":
                postgres_admin("DROP DATABASE IF EXISTS {}".format(connections["restore"].settings_dict["NAME"]))
        result = {
            "database": connection.vendor,
            "tables": len(backup.manifest["tables"]),
            "rows": sum(backup.manifest["tables"].values()),
            "files": len(backup.manifest["files"]),
            "files_mb": round(FILES * FILE_BYTES / 2**20, 1),
            "dump_mb": round(backup.manifest["database"]["size"] / 2**20, 1),
            "archive_mb": round(backup.path.stat().st_size / 2**20, 1),
            "backup_s": round(backup_s, 2),
            "restore_s": round(restore_s, 2),
        }
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
