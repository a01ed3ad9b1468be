"""Shared by the welfare tests: Chinese messages, the teacher's own member, form data."""

import datetime

from django.utils import translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from activities.choices import Audience, Festival, FundingSource, HardshipStatus, VisitedPerson, VisitReason

from ..factories import MemberFactory

PAST = datetime.date(2025, 10, 15)


def zh(message, **params):
    """``message`` as the zh-hans pages show it."""
    with translation.override("zh-hans"):
        text = gettext(message)
    return text % params if params else text


def make_member(school, **fields):
    with scopes_disabled():
        return MemberFactory(school=school, **fields)


def visit_data(member, **changes):
    data = {
        "member": member.pk,
        "visited_person": VisitedPerson.MEMBER,
        "relative": "",
        "reason": VisitReason.ILLNESS,
        "reason_detail": "",
        "visited_on": PAST.isoformat(),
        "gifts": "水果、营养品",
        "amount": "500.00",
        "funding_source": FundingSource.UNION_FUNDS,
    }
    data.update(changes)
    return data


def greeting_data(**changes):
    data = {
        "festival": Festival.MID_AUTUMN,
        "year": 2025,
        "given_on": "2025-10-03",
        "audience": Audience.EVERYONE,
        "amount_each": "300.00",
        "gifts": "月饼",
        "funding_source": FundingSource.UNION_FUNDS,
    }
    data.update(changes)
    return data


def hardship_data(member, **changes):
    data = {
        "member": member.pk,
        "hardship": "配偶重病，家庭负担重。",
        "status": HardshipStatus.OPEN,
        "opened_on": "2025-03-01",
        "closed_on": "",
    }
    data.update(changes)
    return data


def grant_data(member, **changes):
    data = {"member": member.pk, "amount": "2000.00", "granted_on": PAST.isoformat(), "reason": "住院治疗"}
    data.update(changes)
    return data
