"""A member's timeline: dated events gathered from every app that knows the member.

``members`` cannot import the apps built on it, so they register a provider here (in
their ``AppConfig.ready``): a function ``member -> iterable of TimelineEvent``.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from .choices import MemberStatus

_providers = []


@dataclass
class TimelineEvent:
    date: datetime.date
    kind: str
    title: str
    url: str = ""


def register(provider):
    if provider not in _providers:
        _providers.append(provider)
    return provider


def own_events(member):
    if member.joined_school_on:
        yield TimelineEvent(member.joined_school_on, _("Membership"), _("Joined the school"))
    if member.joined_union_on:
        yield TimelineEvent(member.joined_union_on, _("Membership"), _("Joined the union"))
    if member.status != MemberStatus.ACTIVE and member.status_changed_on:
        yield TimelineEvent(member.status_changed_on, _("Membership"), member.get_status_display())


register(own_events)


def timeline_for(member):
    """Every registered provider's events for ``member``, newest first."""
    events = [event for provider in _providers for event in provider(member)]
    events.sort(key=lambda event: event.date, reverse=True)
    return events
