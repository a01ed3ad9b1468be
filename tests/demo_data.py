"""The demo data (``manage.py demo``) committed for a module's tests, flushed after them."""

import contextlib
from io import StringIO

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.test.utils import override_settings


@contextlib.contextmanager
def committed_demo(django_db_blocker, media):
    """Loads the demo, its uploaded files under ``media``; empties the database afterwards."""
    with django_db_blocker.unblock():
        with override_settings(DEBUG=True, MEDIA_ROOT=media):
            call_command("demo", stdout=StringIO())
        try:
            yield
        finally:
            call_command("flush", interactive=False, verbosity=0)
            ContentType.objects.clear_cache()
