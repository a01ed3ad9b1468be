"""Permission-matrix entries of the places kept for the staff and the union's standing rules
and disclosure channels: see the package docstring.

Teachers read them, as they read the congress's sessions (another school's: 404); chair
and staff write them; only the chair deletes and restores.
"""

import datetime

from django_scopes import scopes_disabled

from activities.choices import FacilityKind, RuleKind
from activities.models import Facility, StandingRule

from ...activities.factories_provisions import FacilityFactory, StandingRuleFactory
from ..test_permission_matrix_constants import RECORD_DELETE, RECORD_RESTORE, RECORD_UPDATE, STAFF_CREATE
from .campaigns import _deleted
from .congress import DETAIL_TEACHERS, LIST_TEACHERS


def _urls(prefix):
    return {
        "activities:{}_list".format(prefix): LIST_TEACHERS,
        "activities:{}_create".format(prefix): STAFF_CREATE,
        "activities:{}_detail".format(prefix): DETAIL_TEACHERS,
        "activities:{}_update".format(prefix): RECORD_UPDATE,
        "activities:{}_delete".format(prefix): RECORD_DELETE,
        "activities:{}_restore".format(prefix): RECORD_RESTORE,
    }


def _kinds(prefix):
    return {
        "activities:{}_detail".format(prefix): prefix,
        "activities:{}_update".format(prefix): prefix,
        "activities:{}_delete".format(prefix): prefix,
        "activities:{}_restore".format(prefix): "deleted_" + prefix,
    }


MATRIX = {**_urls("facility"), **_urls("rule")}
OBJECT_KINDS = {**_kinds("facility"), **_kinds("rule")}


def _facility(school):
    return FacilityFactory(school=school, name="教工活动室")


def _rule(school):
    return StandingRuleFactory(school=school, title="六必访制度")


OBJECT_MAKERS = {
    "facility": _facility,
    "deleted_facility": _deleted(_facility),
    "rule": _rule,
    "deleted_rule": _deleted(_rule),
}


def _version(model, obj):
    with scopes_disabled():
        return model.all_objects.get(pk=obj.pk).version if obj is not None else 1


def _facility_data(obj, school):
    return {
        "name": "多功能球馆",
        "kind": FacilityKind.SPORTS,
        "place": "综合楼",
        "equipment": "篮球架、排球网",
        "opened_on": datetime.date(2025, 3, 1).isoformat(),
        "description": "",
        "loaded_version": _version(Facility, obj),
    }


def _rule_data(obj, school):
    return {
        "title": "校长意见箱",
        "kind": RuleKind.DISCLOSURE,
        "what_it_does": "",
        "adopted_on": "",
        "revised_on": "",
        "loaded_version": _version(StandingRule, obj),
    }


POST_DATA = {
    "activities:facility_create": _facility_data,
    "activities:facility_update": _facility_data,
    "activities:rule_create": _rule_data,
    "activities:rule_update": _rule_data,
}
