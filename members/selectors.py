"""Reads about members that the dashboard, the report and other apps share."""

import datetime

from django.db.models import Count, Q

from .choices import Gender, MemberStatus
from .models import Member


def roster(school):
    """The school's live members with what the roster shows, in one query per page."""
    return Member.objects.filter(school=school).select_related("department")


def member_figures(school):
    """Headcounts for the dashboard: in service, women in service, retirees, all."""
    return Member.objects.filter(school=school).aggregate(
        total=Count("pk"),
        active=Count("pk", filter=Q(status=MemberStatus.ACTIVE)),
        women=Count("pk", filter=Q(status=MemberStatus.ACTIVE, gender=Gender.FEMALE)),
        retired=Count("pk", filter=Q(status=MemberStatus.RETIRED)),
    )


def upcoming_birthdays(school, today, days=14):
    """Members whose birthday falls within ``days`` from ``today``, soonest first."""
    members = (
        Member.objects.filter(school=school, birth_date__isnull=False)
        .exclude(status=MemberStatus.TRANSFERRED)
        .only("pk", "name", "birth_date", "school_id")
    )
    upcoming = []
    for member in members:
        birthday = _next_birthday(member.birth_date, today)
        if (birthday - today).days <= days:
            upcoming.append((birthday, member))
    upcoming.sort(key=lambda pair: pair[0])
    return upcoming


def _next_birthday(born, today):
    for year in (today.year, today.year + 1):
        try:
            birthday = born.replace(year=year)
        except ValueError:  # 29 February in a common year
            birthday = datetime.date(year, 3, 1)
        if birthday >= today:
            return birthday
    return birthday


def headcounts_by_school(school_ids):
    """Per school: members in service, women in service and retirees (district view)."""
    rows = (
        Member.objects.filter(school_id__in=school_ids)
        .values("school_id")
        .annotate(
            active=Count("pk", filter=Q(status=MemberStatus.ACTIVE)),
            women=Count("pk", filter=Q(status=MemberStatus.ACTIVE, gender=Gender.FEMALE)),
            retired=Count("pk", filter=Q(status=MemberStatus.RETIRED)),
        )
    )
    return {row["school_id"]: row for row in rows}


def roster_year_figures(school, start, end):
    """The roster's changes over a period (``start`` and ``end`` included), as the summary
    tells them: how many joined the school, left it and retired, and the new hires by name.

    Joining counts everyone who came (new hires and transfers in) by the day they joined
    the school; leaving and retiring count by the day the status changed. ``headcount`` is
    the members in post now. Deleted members are not counted.
    """
    members = Member.objects.filter(school=school)
    figures = members.aggregate(
        joined=Count("pk", filter=Q(joined_school_on__range=(start, end))),
        left=Count("pk", filter=Q(status=MemberStatus.TRANSFERRED, status_changed_on__range=(start, end))),
        retired=Count("pk", filter=Q(status=MemberStatus.RETIRED, status_changed_on__range=(start, end))),
        headcount=Count("pk", filter=Q(status=MemberStatus.ACTIVE)),
    )
    figures["new_hires"] = list(
        members.filter(hired_on__range=(start, end))
        .order_by("hired_on", "name_pinyin", "pk")
        .values_list("name", flat=True)
    )
    return figures
