"""``manage.py restore``: a backup archive back into an empty database and media folder."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
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
        try:
            outcome = restore_backup(path, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Restored the backup made at %(created_at)s: %(tables)s tables with %(rows)s rows and "
                    "%(files)s files, checksums and row counts verified, in %(seconds).1f seconds."
                )
                % outcome.figures()
            )
        )
        if outcome.unapplied_migrations:
            self.stdout.write(
                self.style.WARNING(
                    _("This code has %(count)s migrations the backup had not run: run manage.py migrate next.")
                    % {"count": len(outcome.unapplied_migrations)}
                )
            )
