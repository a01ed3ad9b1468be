"""``manage.py backup``: the database and every uploaded file in one archive, while the app serves."""

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS
from django.utils.translation import gettext as _

from unionhub.backup import BackupError, create_backup


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Write a backup archive (.tar.gz) of the database and of every uploaded file, with a manifest "
            "of row counts and checksums. The app may keep serving meanwhile."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            help=_("the archive to write, or a folder to write it in (default: unionhub-backup-DATE-TIME.tar.gz here)"),
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS, help=_("the database to back up"))

    def handle(self, *args, output=None, database=DEFAULT_DB_ALIAS, **options):
        try:
            outcome = create_backup(output, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            self.style.SUCCESS(
                _(
                    "Backed up to %(path)s: %(tables)s tables with %(rows)s rows and %(files)s files, "
                    "in %(seconds).1f seconds."
                )
                % outcome.figures()
            )
        )
