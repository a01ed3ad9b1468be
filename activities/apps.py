from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def give_new_school_default_categories(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        from .models import Category

        Category.create_defaults(instance)


class ActivitiesConfig(AppConfig):
    name = "activities"
    verbose_name = _("Activities")

    def ready(self):
        from members import demo, timeline
        from unionhub.models import School

        from .demo import seed_school_year
        from .timeline import PROVIDERS

        for provider in PROVIDERS:
            timeline.register(provider)
        demo.register(seed_school_year)
        post_save.connect(give_new_school_default_categories, sender=School, dispatch_uid="default_categories")
