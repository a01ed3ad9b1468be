"""Delete import files whose preview was never confirmed or cancelled: ``manage.py clean_imports``."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from unionhub.pending_imports import clean_stale


class Command(BaseCommand):
    @property
    def help(self):
        return _(
            "Delete the uploaded files of import previews that were never confirmed or cancelled, "
            "once they are older than the given age."
        )

    def add_arguments(self, parser):
        parser.add_argument(
            "--older-than",
            type=int,
            default=None,
            metavar="SECONDS",
            help=_("age in seconds; by default the setting IMPORT_PREVIEW_MAX_AGE (%(default)s)")
            % {"default": settings.UNIONHUB["IMPORT_PREVIEW_MAX_AGE"]},
        )

    def handle(self, *args, older_than=None, **options):
        removed = clean_stale(older_than)
        self.stdout.write(_("%(count)s unconfirmed import files deleted.") % {"count": removed})
