"""Query pieces every app's lists use."""

from django.db.models import Count, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce


def correlated_count(queryset, field):
    """How many rows of ``queryset`` point at the outer row through ``field`` (0 for none).

    A correlated subquery rather than ``Count()`` over a join: the join would make the
    database group by every selected column of the outer row, long texts included.
    """
    counted = queryset.filter(**{field: OuterRef("pk")}).order_by().values(field).annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)
