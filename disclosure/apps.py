from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DisclosureConfig(AppConfig):
    name = "disclosure"
    verbose_name = _("School-affairs disclosure")

    def ready(self):
        from django.db.models.signals import post_save

        from members import demo
        from unionhub.models import School

        from .demo import seed_disclosure
        from .signals import create_default_categories

        post_save.connect(create_default_categories, sender=School, dispatch_uid="disclosure_default_categories")
        demo.register(seed_disclosure)
