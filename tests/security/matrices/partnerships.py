"""Permission-matrix entries of partnerships (村校共建, 结对共建): see the package docstring.

Like campaigns and clubs: chair and staff read and edit them and download the agreement;
only the chair deletes and restores; teachers and the district get 403 before any object
is looked up.
"""

import datetime

from django.core.files.base import ContentFile
from django_scopes import scopes_disabled

from activities.choices import PartnerKind
from activities.models import Partnership

from ...activities.factories_partnerships import PDF, PartnershipFactory
from .campaigns import READ, READ_OTHER, _deleted, _record_urls

MATRIX = {
    "activities:partnership_list": {"GET": {"own": READ}},
    "activities:partnership_agreement": {"GET": {"own": READ, "other": READ_OTHER}},
    **_record_urls("partnership"),
}

OBJECT_KINDS = {
    "activities:partnership_detail": "partnership",
    "activities:partnership_update": "partnership",
    "activities:partnership_delete": "partnership",
    "activities:partnership_agreement": "partnership",
    "activities:partnership_restore": "deleted_partnership",
}


def _partnership(school):
    partnership = PartnershipFactory(school=school, partner="清溪村村委会")
    partnership.agreement.save("agreement.pdf", ContentFile(PDF), save=False)
    partnership.agreement_name = "共建协议.pdf"
    partnership.agreement_content_type = "application/pdf"
    partnership.save()
    return partnership


OBJECT_MAKERS = {
    "partnership": _partnership,
    "deleted_partnership": _deleted(_partnership),
}


def _partnership_data(obj, school):
    with scopes_disabled():
        version = Partnership.all_objects.get(pk=obj.pk).version if obj is not None else 1
    return {
        "partner": "阳光社区",
        "kind": PartnerKind.COMMUNITY,
        "programme": "结对共建",
        "started_on": datetime.date(2025, 3, 1).isoformat(),
        "is_active": "on",
        "ended_on": "",
        "agreement_signed_on": "",
        "description": "",
        "loaded_version": version,
    }


POST_DATA = {
    "activities:partnership_create": _partnership_data,
    "activities:partnership_update": _partnership_data,
}
