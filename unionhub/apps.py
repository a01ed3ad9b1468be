from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnionhubConfig(AppConfig):
    name = "unionhub"
    verbose_name = _("UnionHub")

    def ready(self):
        from django.db.backends.signals import connection_created
        from django.utils.module_loading import autodiscover_modules

        from . import login_delay  # noqa: F401  (connects its signal receivers)
        from .figures_cache import watch_writes

        connection_created.connect(watch_writes, dispatch_uid="unionhub.figures_cache")
        # Each app's kinds of background work (``<app>/tasks.py``) are registered here, in
        # the app servers and in a queue worker alike.
        autodiscover_modules("tasks")
