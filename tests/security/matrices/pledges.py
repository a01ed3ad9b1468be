"""Permission-matrix entries of pledge drives and the ethics assessment: see the package docstring.

Chair and staff read and edit them; only the chair deletes and restores. Teachers and the
district get 403 before any object is looked up, except on ``ethics_list``, where a teacher
sees their own assessments (and never the grid).
"""

import datetime

from django_scopes import scopes_disabled

from activities.models import EthicsPeriod, PledgeDrive

from ...activity_factories import EthicsAssessmentFactory, EthicsPeriodFactory, PledgeDriveFactory
from ...factories import MemberFactory
from ..test_permission_matrix_constants import LOGIN

READ = (LOGIN, 200, 200, 403, 403)
READ_OTHER = (LOGIN, 404, 404, 403, 403)
SAVED = (LOGIN, 302, 302, 403, 403)
CHAIR_ONLY = (LOGIN, 200, 403, 403, 403)
CHAIR_ONLY_DONE = (LOGIN, 302, 403, 403, 403)
CHAIR_ONLY_OTHER = (LOGIN, 404, 403, 403, 403)


def _record_urls(prefix, detail):
    return {
        "activities:{}_create".format(prefix): {"GET": {"own": READ}, "POST": {"own": SAVED}},
        "activities:{}".format(detail): {"GET": {"own": READ, "other": READ_OTHER}},
        "activities:{}_update".format(prefix): {
            "GET": {"own": READ, "other": READ_OTHER},
            "POST": {"own": SAVED, "other": READ_OTHER},
        },
        "activities:{}_delete".format(prefix): {
            "GET": {"own": CHAIR_ONLY, "other": CHAIR_ONLY_OTHER},
            "POST": {"own": CHAIR_ONLY_DONE, "other": CHAIR_ONLY_OTHER},
        },
        "activities:{}_restore".format(prefix): {
            "POST": {"own": CHAIR_ONLY_DONE, "other": CHAIR_ONLY_OTHER},
        },
    }


MATRIX = {
    "activities:pledge_list": {"GET": {"own": READ}},
    **_record_urls("pledge", "pledge_detail"),
    "activities:pledge_signatures": {"POST": {"own": SAVED, "other": READ_OTHER}},
    "activities:pledge_members": {
        "GET": {"own": READ, "other": READ_OTHER},
        "POST": {"own": SAVED, "other": READ_OTHER},
    },
    "activities:pledge_export": {"GET": {"own": READ, "other": READ_OTHER}},
    # A teacher sees their own assessments here (none, for the matrix's teacher).
    "activities:ethics_list": {"GET": {"own": (LOGIN, 200, 200, 200, 403)}},
    **_record_urls("ethics", "ethics_grid"),
}
# The grid saves with a POST too; a teacher never reaches it.
MATRIX["activities:ethics_grid"]["POST"] = {"own": SAVED, "other": READ_OTHER}

OBJECT_KINDS = {
    "activities:pledge_detail": "pledge_drive",
    "activities:pledge_update": "pledge_drive",
    "activities:pledge_delete": "pledge_drive",
    "activities:pledge_restore": "deleted_pledge_drive",
    "activities:pledge_signatures": "pledge_drive",
    "activities:pledge_members": "pledge_drive",
    "activities:pledge_export": "pledge_drive",
    "activities:ethics_grid": "ethics_period",
    "activities:ethics_update": "ethics_period",
    "activities:ethics_delete": "ethics_period",
    "activities:ethics_restore": "deleted_ethics_period",
}


def _pledge_drive(school):
    """A drive binding two members, one of whom signed."""
    drive = PledgeDriveFactory(school=school)
    first, second = MemberFactory(school=school), MemberFactory(school=school)
    drive.signatures.create(member=first, signed_on=datetime.date(2025, 9, 12))
    drive.signatures.create(member=second)
    return drive


def _ethics_period(school):
    """A past month with one teacher assessed and one not yet."""
    period = EthicsPeriodFactory(school=school)
    EthicsAssessmentFactory(period=period, member=MemberFactory(school=school))
    MemberFactory(school=school)
    return period


def _deleted(make):
    def deleted(school):
        record = make(school)
        record.soft_delete()
        return record

    return deleted


OBJECT_MAKERS = {
    "pledge_drive": _pledge_drive,
    "deleted_pledge_drive": _deleted(_pledge_drive),
    "ethics_period": _ethics_period,
    "deleted_ethics_period": _deleted(_ethics_period),
}


def _version(model, obj):
    with scopes_disabled():
        return model.all_objects.get(pk=obj.pk).version if obj is not None else 1


def _bound_member_ids(obj):
    """The drive's members, unsigned first (no new rows: the matrix snapshots before this)."""
    if obj is None:
        return []
    with scopes_disabled():
        return list(obj.signatures.order_by("-signed_on", "pk").values_list("member_id", flat=True))


def _pledge_data(obj, school):
    return {
        "title": "师德承诺",
        "year": "2025",
        "opened_on": "2025-09-01",
        "text": "依法执教，爱岗敬业。",
        "audience": "active",
        "loaded_version": _version(PledgeDrive, obj),
    }


def _signature_data(obj, school):
    return {"member": _bound_member_ids(obj), "signed_on": "2025-09-15", "show": "all"}


def _members_data(obj, school):
    return {"audience": "chosen", "members": _bound_member_ids(obj)[:1]}


def _grid_data(obj, school):
    data = {"loaded_version": _version(EthicsPeriod, obj)}
    if obj is None:
        return data
    with scopes_disabled():
        member_ids = list(obj.assessments.values_list("member_id", flat=True))
    for number, member_id in enumerate(member_ids):
        data["m{}-row".format(member_id)] = "1"
        data["m{}-score".format(member_id)] = "88.5"
        if number == 0:
            data["m{}-vetoed".format(member_id)] = "on"
            data["m{}-veto_reason".format(member_id)] = "组织有偿补课"
    return data


def _period_data(obj, school):
    return {
        "title": "2025年11月",
        "kind": "month",
        "starts_on": "2025-11-01",
        "ends_on": "2025-11-30",
        "loaded_version": _version(EthicsPeriod, obj),
    }


POST_DATA = {
    "activities:pledge_create": _pledge_data,
    "activities:pledge_update": _pledge_data,
    "activities:pledge_signatures": _signature_data,
    "activities:pledge_members": _members_data,
    "activities:ethics_create": _period_data,
    "activities:ethics_update": _period_data,
    "activities:ethics_grid": _grid_data,
}
