"""The summary's default Word template again from its definitions: ``manage.py summary_template``."""

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from reports.exports.word_template import TEMPLATE_PATH, build_template


class Command(BaseCommand):
    @property
    def help(self):
        return _("Write the default Word template of the annual summary (reports/exports/summary_template.docx).")

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help=_("only check that the file matches its definitions"))

    def handle(self, *args, check=False, **options):
        content = build_template()
        if check:
            if not TEMPLATE_PATH.exists() or TEMPLATE_PATH.read_bytes() != content:
                raise CommandError(_("The template is out of date: run manage.py summary_template."))
            return
        TEMPLATE_PATH.write_bytes(content)
        self.stdout.write(_("Written: %(path)s") % {"path": TEMPLATE_PATH})
