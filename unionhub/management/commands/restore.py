"""``manage.py restore``: a backup archive back into an empty database and media folder."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from unionhub.backup import BackupError, restore_backup


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Restore a backup archive into an empty database and an empty media folder of the same kind "
            "(SQLite into SQLite, PostgreSQL into PostgreSQL), verifying its checksums and row counts."
        )

    def add_arguments(self, parser):
        parser.add_argument("path", help=_("the backup archive (.tar.gz)"))
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help=_("the database to restore into"))

    def handle(self, *args, path, database=DEFAULT_DB_ALIAS, **options):
        started = time.perf_counter()
        try:
            outcome = restore_backup(path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        manifest = outcome.manifest
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored the backup made at %(created_at)s: %(tables)s tables with %(rows)s rows and "
                    "%(files)s files, checksums and row counts verified, in %(seconds).1f seconds."
                )
                % {
                    "created_at": date_format(
                        timezone.localtime(parse_datetime(manifest["created_at"])), "DATETIME_FORMAT"
                    ),
                    "tables": len(manifest["tables"]),
                    "rows": sum(manifest["tables"].values()),
                    "files": len(manifest["files"]),
                    "seconds": time.perf_counter() - started,
                }
            )
        )
        if outcome.unapplied_migrations:
            self.stdout.write(
                self.style.WARNING(
                    _("This code has %(count)s migrations the backup had not run: run manage.py migrate next.")
                    % {"count": len(outcome.unapplied_migrations)}
                )
            )
