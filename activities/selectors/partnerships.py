"""Reads of partnerships (村校共建, 结对共建): their pages and what the annual summary tells.

A deleted activity belongs to no partnership; a deleted partnership counts nowhere.
"""

from django.db.models import Prefetch, Q
from django.utils import formats
from django_scopes import scope

from unionhub.queries import correlated_count

from ..models import Activity, Partnership

Link = Partnership.activities.through


def partnerships_with_counts(school):
    """The school's live partnerships, active ones first and newest first, each with
    ``activity_count`` (live activities; one query)."""
    activity_count = correlated_count(Link.objects.filter(activity__deleted_at__isnull=True), "partnership")
    return (
        Partnership.objects.filter(school=school)
        .annotate(activity_count=activity_count)
        .order_by("-is_active", "-started_on", "pk")
    )


def partnership_activities(partnership):
    """The partnership's live activities in date order, with their categories."""
    return (
        Activity.objects.filter(school=partnership.school_id, partnerships=partnership)
        .select_related("category")
        .order_by("starts_on", "pk")
    )


def partnerships_between(school, start, end):
    """The partnerships active at some time between ``start`` and ``end`` (both included),
    each with the activities done together that began in the period (two queries).

    Returns, by start date, ``[{"partnership", "partner", "kind", "kind_label",
    "programme", "started_on", "ended_on", "is_active", "agreement_signed_on",
    "has_agreement", "activities": [{"pk", "title", "starts_on", "location"}]}]``.
    """
    with scope(school=[school.pk]):
        in_period = (
            Activity.objects.filter(school=school, starts_on__gte=start, starts_on__lte=end)
            .order_by("starts_on", "pk")
            .only("pk", "title", "starts_on", "location")
        )
        partnerships = list(
            Partnership.objects.filter(school=school, started_on__lte=end)
            .filter(Q(ended_on__isnull=True) | Q(ended_on__gte=start))
            .prefetch_related(Prefetch("activities", queryset=in_period, to_attr="period_activities"))
            .order_by("started_on", "pk")
        )
    return [
        {
            "partnership": partnership,
            "partner": partnership.partner,
            "kind": partnership.kind,
            "kind_label": partnership.get_kind_display(),
            "programme": partnership.programme,
            "started_on": partnership.started_on,
            "ended_on": partnership.ended_on,
            "is_active": partnership.is_active,
            "agreement_signed_on": partnership.agreement_signed_on,
            "has_agreement": bool(partnership.agreement),
            "activities": [
                {"pk": a.pk, "title": a.title, "starts_on": a.starts_on, "location": a.location}
                for a in partnership.period_activities
            ],
        }
        for partnership in partnerships
    ]


def activity_lister(snapshots):
    """Lists activities of history snapshots as "2025-05-04 清溪村助学活动、…" (one query,
    deleted activities too)."""
    ids = set().union(*snapshots.values()) if snapshots else set()
    rows = Activity._base_manager.filter(pk__in=ids).values_list("pk", "starts_on", "title")
    labels = {pk: "{} {}".format(formats.date_format(day, "Y-m-d"), title) for pk, day, title in rows}

    def listed(pks):
        return "、".join(sorted(labels.get(pk, str(pk)) for pk in pks))

    return listed
