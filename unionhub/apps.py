from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class UnionhubConfig(AppConfig):
    name = "unionhub"
    verbose_name = _("UnionHub")
