"""``manage.py backup`` and ``manage.py restore``: the demo database and its uploaded files go
into one archive and come back, table by table (history tables included) and byte for byte,
into a new empty database of the suite's own vendor (SQLite, or PostgreSQL with
DATABASE_URL) and an empty media folder; a database or media folder in use, or a damaged
archive, is refused with nothing written; a backup taken while another connection writes
restores to a consistent state."""

import contextlib
import io
import json
import shutil
import sqlite3
import tarfile
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connections
from django.test.utils import override_settings

from unionhub.backup import DUMP_NAMES, MANIFEST_NAME, create_backup, postgres_conninfo

from ..databases import every_row
from ..demo_data import committed_demo

# Each test reads the committed demo data; what it restores goes to databases of its own.
pytestmark = pytest.mark.django_db

INSERT_DISTRICT = "INSERT INTO unionhub_district (name) VALUES ('{}')"


@pytest.fixture(scope="module")
def demo_media(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo data, committed (a backup reads it from connections of its own)."""
    media = tmp_path_factory.mktemp("demo_media")
    with committed_demo(django_db_blocker, media):
        yield media


@pytest.fixture(scope="module")
def archive(demo_media, django_db_blocker, tmp_path_factory):
    path = tmp_path_factory.mktemp("archive") / "backup.tar.gz"
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=demo_media):
        call_command("backup", output=str(path), stdout=StringIO())
    return path


ACCESS_LOG = "unionhub_accesslogentry"


def every_file(root):
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in Path(root).rglob("*") if path.is_file()}


def restore(archive, connection, media):
    with override_settings(MEDIA_ROOT=media):
        out = StringIO()
        call_command("restore", str(archive), database=connection.alias, stdout=out)
    return out.getvalue()


def test_the_demo_database_and_its_files_come_back_unchanged(archive, demo_media, new_database, tmp_path):
    target = new_database("restore")
    media = tmp_path / "restored_media"

    output = restore(archive, target, media)

    assert "已恢复" in output
    source_rows, restored_rows = every_row(connections["default"]), every_row(target)
    # The restore itself is written in every restored school's access log, and only it.
    source_log, restored_log = source_rows.pop(ACCESS_LOG), restored_rows.pop(ACCESS_LOG)
    assert len(restored_log) == len(source_log) + len(source_rows["unionhub_school"])
    assert all("restore" in row for row in set(restored_log) - set(source_log))
    assert restored_rows == source_rows
    # The history tables came back as they were, not doubled by signals.
    assert len(restored_rows["members_historicalmember"]) == len(source_rows["members_historicalmember"]) > 0
    assert sum(len(rows) for rows in restored_rows.values()) > 10_000
    files = every_file(demo_media)
    assert files and every_file(media) == files


def test_the_archive_holds_the_dump_the_files_and_a_manifest(archive, demo_media):
    with tarfile.open(archive) as opened:
        names = set(opened.getnames())
        manifest = json.load(opened.extractfile(MANIFEST_NAME))
    assert manifest["vendor"] == connections["default"].vendor
    assert manifest["database"]["name"] in names
    assert {"media/" + name for name in manifest["files"]} == {n for n in names if n.startswith("media/")}
    assert set(manifest["files"]) == set(every_file(demo_media))
    assert manifest["tables"]["unionhub_school"] == 2
    assert ["members", "0001_initial"] in manifest["migrations"]
    assert manifest["created_at"] and manifest["app"]["django"]


def test_a_database_with_schools_is_refused(archive, new_database, tmp_path):
    target = new_database("in_use")
    restore(archive, target, tmp_path / "media_one")
    before = every_row(target)

    with pytest.raises(CommandError, match="数据库不是空的"):
        restore(archive, target, tmp_path / "media_two")

    assert every_row(target) == before
    assert not (tmp_path / "media_two").exists() or not every_file(tmp_path / "media_two")


def test_a_media_folder_with_files_is_refused(archive, new_database, tmp_path):
    target = new_database("media_in_use")
    media = tmp_path / "media"
    (media / "photos").mkdir(parents=True)
    (media / "photos" / "kept.jpg").write_bytes(b"not ours")

    with pytest.raises(CommandError, match="已有文件"):
        restore(archive, target, media)

    assert target.introspection.table_names() == []
    assert every_file(media) == {"photos/kept.jpg": b"not ours"}


def test_a_migrated_but_empty_database_takes_the_backup(archive, new_database, tmp_path):
    target = new_database("migrated")
    call_command("migrate", database=target.alias, verbosity=0)
    expected = every_row(connections["default"])

    restore(archive, target, tmp_path / "media")

    restored = every_row(target)
    assert len(restored.pop(ACCESS_LOG)) == len(expected.pop(ACCESS_LOG)) + len(expected["unionhub_school"])
    assert restored == expected


def tampered_copy(archive, path, member_name=None):
    """The archive with one byte of a file changed (the first uploaded file by default)."""
    with tarfile.open(archive) as source, tarfile.open(path, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if (member_name is None and member.name.startswith("media/")) or member.name == member_name:
                data, member_name = bytes([data[0] ^ 1]) + data[1:], member.name
            copy.addfile(member, io.BytesIO(data))
    return path


@pytest.mark.parametrize("part", ["media", "database"])
def test_a_tampered_archive_is_refused_and_nothing_is_written(archive, new_database, tmp_path, part):
    dump_name = DUMP_NAMES[connections["default"].vendor]
    damaged = tampered_copy(archive, tmp_path / "damaged.tar.gz", None if part == "media" else dump_name)
    target = new_database("tampered")
    media = tmp_path / "media"

    with pytest.raises(CommandError, match="校验和"):
        restore(damaged, target, media)

    assert target.introspection.table_names() == []
    assert not every_file(media)


def test_an_archive_of_another_vendor_is_refused(archive, new_database, tmp_path):
    with tarfile.open(archive) as source:
        manifest = json.load(source.extractfile(MANIFEST_NAME))
    manifest["vendor"] = "postgresql" if manifest["vendor"] == "sqlite" else "sqlite"
    changed = tmp_path / "other.tar.gz"
    with tarfile.open(archive) as source, tarfile.open(changed, "w:gz") as copy:
        for member in source.getmembers():
            data = source.extractfile(member).read()
            if member.name == MANIFEST_NAME:
                data = json.dumps(manifest).encode()
                member.size = len(data)
            copy.addfile(member, io.BytesIO(data))
    target = new_database("other_vendor")

    with pytest.raises(CommandError, match="同类数据库"):
        restore(changed, target, tmp_path / "media")

    assert target.introspection.table_names() == []


@contextlib.contextmanager
def live_source(archive, new_database, tmp_path):
    """The database a backup is taken from while others write: on SQLite a file in WAL mode,
    as deployed (the suite's own is in memory); on PostgreSQL the suite's database."""
    if connections["default"].vendor != "sqlite":
        yield connections["default"], connections["default"].settings_dict["NAME"]
        return
    source = new_database("live")
    restore(archive, source, tmp_path / "live_media")
    yield source, source.settings_dict["NAME"]


def writer_connection(connection, name):
    if connection.vendor == "sqlite":
        writer = sqlite3.connect(name, isolation_level=None, timeout=20, check_same_thread=False)
        writer.execute("PRAGMA journal_mode=WAL")
        return writer
    import psycopg

    conninfo, env = postgres_conninfo(connection.settings_dict)
    return psycopg.connect(conninfo, password=env.get("PGPASSWORD"), autocommit=True)


def test_a_backup_under_an_open_write_transaction_succeeds_and_restores(archive, new_database, tmp_path, settings):
    with live_source(archive, new_database, tmp_path) as (source, name):
        settings.MEDIA_ROOT = tmp_path / "live_media"
        writer = writer_connection(source, name)
        try:
            writer.execute("BEGIN IMMEDIATE" if source.vendor == "sqlite" else "BEGIN")
            writer.execute(INSERT_DISTRICT.format("未提交的区"))
            outcome = create_backup(tmp_path / "during.tar.gz", using=source.alias)
        finally:
            writer.execute("ROLLBACK")
            writer.close()
        expected = every_row(source)
    target = new_database("after_write")

    restore(outcome.path, target, tmp_path / "restored_media")

    restored = every_row(target)
    assert len(restored.pop(ACCESS_LOG)) == len(expected.pop(ACCESS_LOG)) + len(expected["unionhub_school"])
    assert restored == expected
    assert "未提交的区" not in repr(expected["unionhub_district"])


def test_a_backup_while_rows_are_committed_restores_with_matching_counts(archive, new_database, tmp_path, settings):
    with live_source(archive, new_database, tmp_path) as (source, name):
        settings.MEDIA_ROOT = tmp_path / "live_media"
        writer = writer_connection(source, name)
        stop, written = threading.Event(), []

        def write():
            while not stop.is_set() or len(written) < 20:
                writer.execute(INSERT_DISTRICT.format("写入中的区{}".format(len(written))))
                written.append(1)

        thread = threading.Thread(target=write)
        thread.start()
        try:
            outcome = create_backup(tmp_path / "during.tar.gz", using=source.alias)
        finally:
            stop.set()
            thread.join()
            writer.execute("DELETE FROM unionhub_district WHERE name LIKE '写入中的区%'")
            writer.close()
    target = new_database("after_commits")

    # The restore checks every table's count against the manifest: the dump and the counts
    # were read from one snapshot.
    restore(outcome.path, target, tmp_path / "restored_media")

    districts = outcome.manifest["tables"]["unionhub_district"]
    assert len(every_row(target)["unionhub_district"]) == districts


def test_backup_refuses_to_overwrite_a_file(archive, tmp_path):
    existing = tmp_path / "exists.tar.gz"
    shutil.copy(archive, existing)

    with pytest.raises(CommandError, match="已存在"):
        call_command("backup", output=str(existing), stdout=StringIO())
