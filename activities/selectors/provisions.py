"""Reads of the places the union keeps for the staff and of its standing rules and disclosure
channels, as the annual summary and the records workbook tell them.

A place or a rule with no date is one the school has long had: it counts in every period.
One dated after the period had not come yet; a deleted one counts nowhere.
"""

from django.db.models import Q
from django_scopes import scope

from ..models import Facility, StandingRule


def _within(day, start, end):
    return day is not None and start <= day <= end


def _kept_by(model, school, dated, end):
    """The school's live ``model`` rows with no ``dated`` day or one on or before ``end``,
    in the model's order (one query)."""
    undated_or_by_end = Q(**{dated + "__isnull": True}) | Q(**{dated + "__lte": end})
    with scope(school=[school.pk]):
        return list(model.objects.filter(school=school).filter(undated_or_by_end))


def facilities_for(school, start, end):
    """The live places the school had by ``end``, long-standing ones first, then in the order
    they opened (one query).

    Returns ``[{"pk", "name", "place", "kind", "kind_label", "equipment", "equipment_items",
    "opened_on", "description", "new"}]``; ``new`` when it opened between ``start`` and
    ``end`` (both included); ``equipment`` is the list joined with 、.
    """
    return [
        {
            "pk": facility.pk,
            "name": facility.name,
            "place": facility.place,
            "kind": facility.kind,
            "kind_label": facility.get_kind_display(),
            "equipment": "、".join(facility.equipment_items),
            "equipment_items": facility.equipment_items,
            "opened_on": facility.opened_on,
            "description": facility.description,
            "new": _within(facility.opened_on, start, end),
        }
        for facility in _kept_by(Facility, school, "opened_on", end)
    ]


def rules_for(school, start, end):
    """The live rules and disclosure channels the union kept by ``end``, long-standing ones
    first, then in the order they were adopted (one query).

    Returns ``[{"pk", "title", "kind", "kind_label", "what_it_does", "adopted_on",
    "revised_on", "new", "revised"}]``; ``new`` when adopted between ``start`` and ``end``,
    ``revised`` when revised between them (both included).
    """
    return [
        {
            "pk": rule.pk,
            "title": rule.title,
            "kind": rule.kind,
            "kind_label": rule.get_kind_display(),
            "what_it_does": rule.what_it_does,
            "adopted_on": rule.adopted_on,
            "revised_on": rule.revised_on,
            "new": _within(rule.adopted_on, start, end),
            "revised": _within(rule.revised_on, start, end),
        }
        for rule in _kept_by(StandingRule, school, "adopted_on", end)
    ]
