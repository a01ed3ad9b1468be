import django_filters
from django.utils.translation import gettext_lazy as _

from .models import AccessLogEntry, SensitiveAct


class AccessLogFilter(django_filters.FilterSet):
    """The access log's one filter: the kind of act."""

    kind = django_filters.ChoiceFilter(label=_("act"), choices=SensitiveAct.choices, empty_label=_("All"))

    class Meta:
        model = AccessLogEntry
        fields = ["kind"]
