"""The whole app in one archive, and back: ``manage.py backup`` and ``manage.py restore``.

An archive (.tar.gz) holds the database as its own tools dump it — SQLite's online backup
API, PostgreSQL's ``pg_dump`` — every uploaded file under ``MEDIA_ROOT``, and
``manifest.json``: when and from which database vendor it was made, the migrations applied,
each table's row count and each file's SHA-256. Dumping below the ORM needs no active
django-scopes scope (``dumpdata`` would) and brings the history tables back exactly as they
were, since no model signal runs.

A backup is consistent while the app serves: SQLite copies one read snapshot (WAL readers do
not wait for writers); PostgreSQL counts the rows in a repeatable-read transaction whose
snapshot ``pg_dump`` shares. The database is dumped before the files are read, so a file
uploaded meanwhile is at worst kept without its row, never a row without its file.

A restore goes into an empty database and an empty media folder of the same vendor (a SQLite
archive into SQLite, a PostgreSQL one into PostgreSQL). Every checksum is verified before
anything is written; the row counts and the files' checksums are verified again once
restored.
"""

import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

import django
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from unionhub.figures_cache import EVERY_SCHOOL, change_stamps
from unionhub.models import AccessLogEntry, District, School, SensitiveAct, User
from unionhub.services import record_sensitive_act

logger = logging.getLogger(__name__)

ARCHIVE_FORMAT = 1
MANIFEST_NAME = "manifest.json"
MEDIA_PREFIX = "media"
DUMP_NAMES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
VENDOR_NAMES = {"sqlite": "SQLite", "postgresql": "PostgreSQL"}
MANIFEST_PARTS = {"database": dict, "tables": dict, "files": dict, "migrations": list, "created_at": str}
CHUNK = 1024 * 1024
# Rows here mean the database is in use: a restore refuses to overwrite it.
IN_USE_MODELS = (School, District, User)
# libpq settings a DATABASES entry's OPTIONS may carry, passed on to pg_dump and pg_restore.
LIBPQ_OPTIONS = ("sslmode", "sslrootcert", "sslcert", "sslkey", "connect_timeout", "options")


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, for the operator."""


@dataclass
class Outcome:
    path: Path
    manifest: dict
    started: float
    unapplied_migrations: list

    def figures(self):
        """What a command reports: the archive, when it was made, its size, how long it took."""
        return {
            "path": self.path,
            "created_at": date_format(
                timezone.localtime(parse_datetime(self.manifest["created_at"])), "DATETIME_FORMAT"
            ),
            "tables": len(self.manifest["tables"]),
            "rows": sum(self.manifest["tables"].values()),
            "files": len(self.manifest["files"]),
            "seconds": time.perf_counter() - self.started,
        }


# Backing up ----------------------------------------------------------------------------


def default_archive_name(now=None):
    now = timezone.localtime(now)
    return "unionhub-backup-{:%Y%m%d-%H%M%S}.tar.gz".format(now)


def create_backup(output=None, using=DEFAULT_DB_ALIAS):
    """Writes the archive to ``output`` (a file, or a folder to put it in) and returns it."""
    started = time.perf_counter()
    connection = connections[using]
    vendor = connection.vendor
    if vendor not in DUMP_NAMES:
        raise BackupError(_("Backups support SQLite and PostgreSQL, not %(vendor)s.") % {"vendor": vendor})
    if not output:
        output = Path(default_archive_name())
    elif str(output).endswith(("/", os.sep)) or Path(output).is_dir():
        output = Path(output) / default_archive_name()
    output = Path(output)
    if output.exists():
        raise BackupError(_("%(path)s already exists; choose another file name.") % {"path": output})
    output.parent.mkdir(parents=True, exist_ok=True)
    created_at = timezone.now()
    with tempfile.TemporaryDirectory(prefix=".unionhub-backup-", dir=output.parent) as work:
        dump_path = Path(work) / DUMP_NAMES[vendor]
        if vendor == "sqlite":
            tables, migrations = dump_sqlite(connection, dump_path)
        else:
            tables, migrations = dump_postgresql(connection, dump_path)
        partial = Path(work) / output.name
        with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
            database = add_file(archive, dump_path, DUMP_NAMES[vendor])
            files = add_media(archive, Path(settings.MEDIA_ROOT))
            manifest = {
                "format": ARCHIVE_FORMAT,
                "created_at": created_at.isoformat(),
                "app": app_version(),
                "vendor": vendor,
                "migrations": migrations,
                "database": database,
                "tables": tables,
                "files": files,
            }
            add_bytes(archive, MANIFEST_NAME, json.dumps(manifest, ensure_ascii=False, indent=1).encode())
        # Only a complete archive ever carries the name asked for.
        os.replace(partial, output)
    return Outcome(output, manifest, started, [])


def dump_sqlite(connection, dump_path):
    params = connection.get_connection_params()
    source = sqlite3.connect(params["database"], uri=params.get("uri", False), timeout=params.get("timeout", 5))
    target = sqlite3.connect(dump_path)
    try:
        # One step (pages=-1): the copy is a single read snapshot of the live database.
        source.backup(target)
        target.execute("PRAGMA journal_mode=DELETE")
        return sqlite_tables(target), sqlite_migrations(target)
    finally:
        target.close()
        source.close()


def sqlite_tables(db):
    names = [
        row[0]
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
            "ORDER BY name"
        )
    ]
    return row_counts(db, names)


def row_counts(db, tables):
    """Each table's row count, through a DB-API connection's ``execute`` (sqlite3, psycopg)."""
    counts = {}
    for table in tables:
        counts[table] = db.execute('SELECT COUNT(*) FROM "{}"'.format(table.replace('"', '""'))).fetchone()[0]
    return counts


def sqlite_migrations(db):
    try:
        return [list(row) for row in db.execute("SELECT app, name FROM django_migrations ORDER BY id")]
    except sqlite3.OperationalError:
        return []


def dump_postgresql(connection, dump_path):
    import psycopg

    pg_dump = postgres_tool("pg_dump")
    conninfo, env = postgres_conninfo(connection.settings_dict)
    with psycopg.connect(conninfo, password=env.get("PGPASSWORD")) as snapshot_holder:
        check_tool_version(pg_dump, snapshot_holder.info.server_version)
        snapshot_holder.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        snapshot_holder.read_only = True
        # The counts and pg_dump read the same snapshot, exported by this open transaction.
        snapshot = snapshot_holder.execute("SELECT pg_export_snapshot()").fetchone()[0]
        tables = postgres_tables(snapshot_holder)
        migrations = postgres_migrations(snapshot_holder, tables)
        run_tool(
            [
                pg_dump,
                "--format=custom",
                "--compress=0",  # the archive is compressed once, as a whole
                "--snapshot=" + snapshot,
                "--file=" + str(dump_path),
                "--dbname=" + conninfo,
            ],
            env,
        )
        snapshot_holder.rollback()
    return tables, migrations


def postgres_tables(db):
    names = [
        row[0]
        for row in db.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
        ).fetchall()
    ]
    return row_counts(db, names)


def postgres_migrations(db, tables):
    if "django_migrations" not in tables:
        return []
    return [list(row) for row in db.execute("SELECT app, name FROM django_migrations ORDER BY id").fetchall()]


def postgres_tool(name):
    path = shutil.which(name)
    if not path:
        raise BackupError(_("%(tool)s was not found on PATH; install the PostgreSQL client tools.") % {"tool": name})
    return path


def check_tool_version(tool, server_version):
    """pg_dump and pg_restore refuse a newer server; say so before they do, in Chinese."""
    output = subprocess.run([tool, "--version"], capture_output=True, text=True, check=False).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    tool_major, server_major = (int(match.group(1)) if match else 0), server_version // 10000
    if tool_major < server_major:
        raise BackupError(
            _("%(tool)s is version %(tool_version)s but the database server is version %(server_version)s.")
            % {"tool": Path(tool).name, "tool_version": tool_major, "server_version": server_major}
        )


def postgres_conninfo(settings_dict):
    """A libpq connection string for pg_dump/pg_restore/psycopg, and the password apart in
    the environment (``PGPASSWORD``), never on a command line."""
    from psycopg.conninfo import make_conninfo

    params = {
        "dbname": settings_dict["NAME"],
        "user": settings_dict.get("USER"),
        "host": settings_dict.get("HOST"),
        "port": settings_dict.get("PORT"),
    }
    options = settings_dict.get("OPTIONS", {})
    params.update({key: options[key] for key in LIBPQ_OPTIONS if key in options})
    conninfo = make_conninfo(**{key: str(value) for key, value in params.items() if value})
    env = dict(os.environ)
    if settings_dict.get("PASSWORD"):
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return conninfo, env


def run_tool(command, env):
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(
            _("%(tool)s failed: %(error)s")
            % {"tool": Path(command[0]).name, "error": result.stderr.strip()[-2000:] or result.returncode}
        )


class HashingReader:
    """A file read once, for the archive and for its checksum at the same time."""

    def __init__(self, file):
        self.file = file
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def add_file(archive, path, name):
    with open(path, "rb") as file:
        info = archive.gettarinfo(fileobj=file, arcname=name)
        info.uid = info.gid = 0
        info.uname = info.gname = ""
        reader = HashingReader(file)
        archive.addfile(info, reader)
    return {"name": name, "size": info.size, "sha256": reader.sha256.hexdigest()}


def add_bytes(archive, name, data):
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    with tempfile.SpooledTemporaryFile() as file:
        file.write(data)
        file.seek(0)
        archive.addfile(info, file)


def media_files(root):
    """Every regular file under ``root``, by its path relative to it (POSIX form)."""
    if not root.is_dir():
        return []
    found = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            path = Path(folder) / name
            if path.is_file() and not path.is_symlink():
                found.append(path.relative_to(root).as_posix())
    return sorted(found)


def add_media(archive, root):
    files = {}
    for relative in media_files(root):
        entry = add_file(archive, root / relative, "{}/{}".format(MEDIA_PREFIX, relative))
        files[relative] = {"size": entry["size"], "sha256": entry["sha256"]}
    return files


def app_version():
    """Django's version and, in a git checkout, the commit the code was at."""
    version = {"django": django.get_version(), "commit": None}
    try:
        result = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=settings.BASE_DIR, capture_output=True, text=True, check=False, timeout=5
        )
    except (OSError, subprocess.SubprocessError):
        return version
    if result.returncode == 0:
        version["commit"] = result.stdout.strip()
    return version


# Restoring -----------------------------------------------------------------------------


def restore_backup(path, using=DEFAULT_DB_ALIAS):
    """Restores the archive at ``path`` into the empty database ``using`` and the empty
    ``MEDIA_ROOT``; raises ``BackupError`` and writes nothing when it cannot."""
    started = time.perf_counter()
    path = Path(path)
    connection = connections[using]
    media_root = Path(settings.MEDIA_ROOT)
    check_empty(connection, media_root)
    media_root.mkdir(parents=True, exist_ok=True)
    # Unpacked beside the media folder, so that its files are moved into place, not copied.
    with tempfile.TemporaryDirectory(prefix=".unionhub-restore-", dir=media_root.parent) as work:
        work = Path(work)
        manifest = unpack(path, work)
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                _(
                    "This backup is of a %(archive)s database and cannot be restored into %(target)s: "
                    "restore it into a database of the same kind."
                )
                % {
                    "archive": VENDOR_NAMES[manifest["vendor"]],
                    "target": VENDOR_NAMES.get(connection.vendor, connection.vendor),
                }
            )
        unknown = unknown_migrations(manifest["migrations"])
        if unknown:
            raise BackupError(
                _("This backup was made by a newer version of UnionHub (migrations unknown here: %(names)s).")
                % {"names": ", ".join("{}.{}".format(*name) for name in unknown[:5])}
            )
        verify_files(work, manifest)
        dump_path = work / manifest["database"]["name"]
        if connection.vendor == "sqlite":
            compare_counts(manifest["tables"], sqlite_counts_of(dump_path))
            restore_sqlite(connection, dump_path)
        else:
            restore_postgresql(connection, dump_path)
        connection.close()
        compare_counts(manifest["tables"], database_counts(connection))
        for relative in manifest["files"]:
            target = media_root / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(work / MEDIA_PREFIX / relative, target)
    verify_media(media_root, manifest["files"])
    # The restored schools' figures are computed afresh, not taken from a shared cache.
    change_stamps([EVERY_SCHOOL])
    record_restore(path, manifest, using)
    return Outcome(path, manifest, started, unapplied_migrations(connection))


def record_restore(path, manifest, using):
    """The one place a restore is recorded: in the server's log, and in every restored
    school's access log, where its chair reads which archive came back."""
    logger.info(
        "Restored %s (made %s, %s) into the database %r",
        path,
        manifest["created_at"],
        manifest["vendor"],
        using,
    )
    # An archive older than the access log restores without its table, until `migrate`.
    if AccessLogEntry._meta.db_table in connections[using].introspection.table_names():
        target = "{}（{}）".format(Path(path).name, manifest["created_at"])
        record_sensitive_act(SensitiveAct.RESTORE, school=None, target=target, using=using)


def check_empty(connection, media_root):
    tables = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model in IN_USE_MODELS:
            table = model._meta.db_table
            if table in tables:
                cursor.execute("SELECT 1 FROM {} LIMIT 1".format(connection.ops.quote_name(table)))
                if cursor.fetchone():
                    raise BackupError(
                        _(
                            "The database is not empty (it already holds schools, districts or accounts): "
                            "a backup is restored only into a new, empty database. Nothing was changed."
                        )
                    )
    if media_files(media_root):
        raise BackupError(
            _(
                "The media folder %(path)s already holds files: a backup is restored only into an empty "
                "media folder. Nothing was changed."
            )
            % {"path": media_root}
        )


def unpack(path, work):
    """Unpacks the archive into ``work`` and returns its manifest; only what the manifest
    lists may be in it."""
    try:
        with tarfile.open(path, "r:*") as archive:
            archive.extractall(work, filter="data")
    except FileNotFoundError:
        raise BackupError(_("%(path)s does not exist.") % {"path": path}) from None
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(
            _("%(path)s is not a readable backup archive: %(error)s") % {"path": path, "error": error}
        ) from None
    try:
        manifest = json.loads((work / MANIFEST_NAME).read_text(encoding="utf-8"))
        if manifest["format"] != ARCHIVE_FORMAT or manifest["vendor"] not in DUMP_NAMES:
            raise ValueError(manifest.get("format"))
        if not all(isinstance(manifest[key], kind) for key, kind in MANIFEST_PARTS.items()):
            raise ValueError(manifest)
        if manifest["database"].get("name") not in DUMP_NAMES.values():
            raise ValueError(manifest["database"])
    except (OSError, ValueError, KeyError, TypeError):
        raise BackupError(
            _("%(path)s is not a UnionHub backup (its manifest is missing or unreadable).") % {"path": path}
        ) from None
    return manifest


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        while chunk := file.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def verify_files(work, manifest):
    """Every file listed is there with its checksum, and nothing else is."""
    expected = {manifest["database"]["name"]: manifest["database"]["sha256"]}
    expected.update({"{}/{}".format(MEDIA_PREFIX, name): entry["sha256"] for name, entry in manifest["files"].items()})
    present = {name for name in media_files(work) if name != MANIFEST_NAME}
    strays = sorted(present - set(expected))
    if strays:
        raise BackupError(
            _("The archive holds files its manifest does not list (%(names)s); nothing was restored.")
            % {"names": ", ".join(strays[:5])}
        )
    for name, checksum in expected.items():
        if name not in present:
            raise BackupError(_("The archive lacks %(name)s; nothing was restored.") % {"name": name})
        if sha256_of(work / PurePosixPath(name)) != checksum:
            raise BackupError(
                _("The checksum of %(name)s does not match the manifest: the archive is damaged; nothing was restored.")
                % {"name": name}
            )


def verify_media(media_root, files):
    for name, entry in files.items():
        if sha256_of(media_root / PurePosixPath(name)) != entry["sha256"]:
            raise BackupError(
                _("After restoring, the checksum of the file %(name)s does not match the manifest.") % {"name": name}
            )


def sqlite_counts_of(path):
    db = sqlite3.connect(path)
    try:
        return sqlite_tables(db)
    finally:
        db.close()


def database_counts(connection):
    tables = sorted(connection.introspection.table_names())
    counts = {}
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute("SELECT COUNT(*) FROM {}".format(connection.ops.quote_name(table)))
            counts[table] = cursor.fetchone()[0]
    return counts


def compare_counts(expected, found):
    differing = sorted(name for name in set(expected) | set(found) if expected.get(name) != found.get(name))
    if differing:
        raise BackupError(
            _("The row counts of %(tables)s do not match the manifest.")
            % {
                "tables": ", ".join(
                    "{} ({} / {})".format(name, found.get(name, "-"), expected.get(name, "-")) for name in differing[:5]
                )
            }
        )


def restore_sqlite(connection, dump_path):
    connection.close()
    params = connection.get_connection_params()
    target = sqlite3.connect(params["database"], uri=params.get("uri", False), timeout=params.get("timeout", 5))
    source = sqlite3.connect(dump_path)
    try:
        # The backup API replaces the target's pages as one write, whatever tables it had.
        source.backup(target)
    finally:
        source.close()
        target.close()


def restore_postgresql(connection, dump_path):
    import psycopg

    pg_restore = postgres_tool("pg_restore")
    conninfo, env = postgres_conninfo(connection.settings_dict)
    with psycopg.connect(conninfo, password=env.get("PGPASSWORD")) as server:
        check_tool_version(pg_restore, server.info.server_version)
    connection.close()
    run_tool(
        [
            pg_restore,
            # Tables an earlier `migrate` made (empty, checked above) are replaced by the dump's.
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--dbname=" + conninfo,
            str(dump_path),
        ],
        env,
    )


def unknown_migrations(applied):
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    return [name for name in applied if tuple(name) not in known]


def unapplied_migrations(connection):
    """Migrations of this code the restored database has not run: ``migrate`` applies them."""
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [(migration.app_label, migration.name) for migration, _backwards in plan]
