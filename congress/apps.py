from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CongressConfig(AppConfig):
    name = "congress"
    verbose_name = _("Staff representative congress")

    def ready(self):
        from members import demo

        from .demo import seed_congress

        demo.register(seed_congress)
