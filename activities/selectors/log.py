"""Reads of the activity log: the list and calendar, a record's page and history, and the
figures the annual summary and the dashboard share.

Figure functions take ``(school, start, end)`` (dates, both included) and return plain
numbers and dicts. Activities count by their first day; deleted activities and deleted
members never count.
"""

import calendar
import datetime
from collections import Counter, OrderedDict

from django.db.models import Count, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from members.models import Member
from unionhub.history import history_entries, m2m_snapshots, name_lister
from unionhub.queries import correlated_count

from ..models import Activity, ActivityAttachment, ActivityPhoto, Award, Category

Participation = Activity.participants.through


def _live_participations():
    """The rows of who took part in what, leaving out deleted members."""
    return Participation.objects.filter(member__deleted_at__isnull=True)


def activity_log(school):
    """The school's live activities as the list shows them, in one query per page.

    Participants and photos are counted by subqueries (a filter on a member cannot skew
    them) and the first photo's id comes along for the thumbnail.
    """
    first_photo = ActivityPhoto.objects.filter(activity=OuterRef("pk")).order_by("uploaded_at", "pk").values("pk")[:1]
    return (
        Activity.objects.filter(school=school)
        .select_related("category", "campaign")
        .annotate(
            participant_count=correlated_count(_live_participations(), "activity"),
            photo_count=correlated_count(ActivityPhoto.objects.all(), "activity"),
            first_photo_id=Subquery(first_photo),
        )
    )


def programme_names(school):
    """The named programmes (一师一优课, 五四微课…) the school's activities and awards already
    carry, sorted, for the forms' suggestions. One query."""
    activity_names = Activity.objects.filter(school=school).exclude(programme="").order_by().values_list("programme")
    award_names = Award.objects.filter(school=school).exclude(programme="").order_by().values_list("programme")
    return sorted({name for (name,) in activity_names.union(award_names)})


def activity_years(school):
    """The years that have activities, newest first (the year filter's choices)."""
    return [day.year for day in Activity.objects.filter(school=school).dates("starts_on", "year", order="DESC")]


def month_bounds(year, month):
    last = calendar.monthrange(year, month)[1]
    return datetime.date(year, month, 1), datetime.date(year, month, last)


def month_calendar(school, year, month, category=None):
    """The weeks (Monday first) of a month, each day with the activities happening on it.

    An activity of several days appears on each of its days. One query.
    """
    first, last = month_bounds(year, month)
    activities = (
        Activity.objects.filter(school=school, starts_on__lte=last)
        .filter(Q(starts_on__gte=first) | Q(ends_on__gte=first))
        .select_related("category")
        .order_by("starts_on", "pk")
    )
    if category is not None:
        activities = activities.filter(category=category)
    by_day = {}
    for activity in activities:
        day = max(activity.starts_on, first)
        end = min(activity.ends_on or activity.starts_on, last)
        while day <= end:
            by_day.setdefault(day, []).append(activity)
            day += datetime.timedelta(days=1)
    weeks = []
    for week in calendar.Calendar(firstweekday=0).monthdatescalendar(year, month):
        weeks.append([{"date": day, "in_month": day.month == month, "activities": by_day.get(day, [])} for day in week])
    return weeks


def activity_detail(school):
    return Activity.objects.filter(school=school).select_related("category", "campaign", "club")


def participants_by_department(activity):
    """The activity's (live) participants with their departments, department by department."""
    return activity.participants.select_related("department").order_by(
        "department__position", "department__name", "name_pinyin", "pk"
    )


def activity_history(activity):
    """The activity's history, newest first: one entry per saved version, with the fields
    that changed and who joined or left the participants; then photos and attachments
    added or removed.

    django-simple-history writes a record for the save and one for each change of the
    participants; records of one save share a version and are merged here.
    """
    entries = list(reversed(history_entries(activity)))  # oldest first
    groups = []
    for entry in entries:
        if groups and entry["version"] is not None and groups[-1]["version"] == entry["version"]:
            group = groups[-1]
            group["changes"].extend(entry["changes"])
            group["last"] = entry["record"]
            group["when"] = entry["when"]
        else:
            groups.append({**entry, "changes": list(entry["changes"]), "last": entry["record"]})

    snapshots = m2m_snapshots(Activity, "participants", [group["last"].pk for group in groups])
    named = name_lister(Member, snapshots, unknown="#{}", school=activity.school_id)

    previous = set()
    for group in groups:
        current = snapshots.get(group["last"].pk, set())
        joined, left = current - previous, previous - current
        if joined:
            group["changes"].append({"field": _("participants added"), "old": "", "new": named(joined)})
        if left:
            group["changes"].append({"field": _("participants removed"), "old": "", "new": named(left)})
        previous = current
    groups = [g for i, g in enumerate(groups) if i == 0 or g["changes"] or g["record"].history_type != "~"]
    return list(reversed(_with_file_entries(activity, groups)))


def _with_file_entries(activity, entries):
    """``entries`` (oldest first) with the photos and attachments added or removed, merged
    by who did it, when (within a minute) and what, in date order."""
    kinds = {"+": _("added"), "-": _("removed")}
    events = []
    for record in ActivityPhoto.history.filter(activity_id=activity.pk).select_related("history_user"):
        if record.history_type in kinds:
            events.append((record, _("photos"), None))
    for record in ActivityAttachment.history.filter(activity_id=activity.pk).select_related("history_user"):
        if record.history_type in kinds:
            events.append((record, _("attachments"), record.original_name))
    events.sort(key=lambda event: (event[0].history_date, event[0].history_id))
    merged = []
    for record, label, name in events:
        last = merged[-1] if merged else None
        if (
            last
            and last["label"] == label
            and last["record"].history_type == record.history_type
            and last["record"].history_user_id == record.history_user_id
            and (record.history_date - last["when"]).total_seconds() < 60
        ):
            last["count"] += 1
            if name:
                last["names"].append(name)
            continue
        merged.append(
            {
                "when": record.history_date,
                "who": record.history_user,
                "type": kinds[record.history_type],
                "version": None,
                "record": record,
                "label": label,
                "count": 1,
                "names": [name] if name else [],
            }
        )
    for event in merged:
        if event["names"]:
            text = "、".join(event["names"])
        else:
            text = _("%(count)s photo(s)") % {"count": event["count"]}
        event["changes"] = [{"field": "{}（{}）".format(event["label"], event["type"]), "old": "", "new": text}]
    return sorted(entries + merged, key=lambda entry: entry["when"])


# ---------------------------------------------------------------------------------------
# Figures for the annual summary
# ---------------------------------------------------------------------------------------


def activities_between(school, start, end):
    """The school's activities that began between ``start`` and ``end`` (both included),
    in date order, with their category and campaign."""
    return (
        Activity.objects.filter(school=school, starts_on__range=(start, end))
        .select_related("category", "campaign")
        .order_by("starts_on", "pk")
    )


def activity_figures(school, start, end):
    """How much the union did between ``start`` and ``end``.

    Returns::

        {
            "activities": 12,               # activities held
            "participations": 340,          # 人次: each member counted once per activity
            "participants": 81,             # different members who took part
            "outside_participations": 25,   # people from outside, summed over activities
            "by_section": {"culture": {"activities": 3, "participations": 120}, ...},
            "by_category": [{"category": "文体活动", "section": "culture",
                             "activities": 3, "participations": 120}, ...],
            "by_month": {datetime.date(2025, 9, 1): {"activities": 4, "participations": 90}, ...},
        }

    ``by_section`` holds every summary section that has activities (keys are
    ``SummarySection`` values); ``by_category`` follows the school's category order;
    ``by_month`` runs over every month of the period, empty months included.
    """
    activities = Activity.objects.filter(school=school, starts_on__range=(start, end))
    # The period's activities and the live members as subqueries rather than joins: the
    # database then reads only the (activity, member) index for twenty thousand rows, which
    # halves the time of both counts below on a busy year.
    participations = Participation.objects.filter(
        activity_id__in=activities.values("pk"),
        member_id__in=Member.objects.filter(school=school).values("pk"),
    )
    # Person-times counted per activity in one grouped query, then summed by category and
    # month here: a busy year has a thousand activities and twenty thousand participations,
    # and truncating each participation's date to its month in SQL costs more than the rest.
    people = dict(participations.order_by().values_list("activity").annotate(n=Count("pk")))
    per_category, per_month = Counter(), Counter()
    people_per_category, people_per_month = Counter(), Counter()
    outside = 0
    for pk, category, day, outside_participants in activities.order_by().values_list(
        "pk", "category", "starts_on", "outside_participants"
    ):
        month = day.replace(day=1)
        per_category[category] += 1
        per_month[month] += 1
        people_per_category[category] += people.get(pk, 0)
        people_per_month[month] += people.get(pk, 0)
        outside += outside_participants
    figures = {
        "activities": sum(per_category.values()),
        "participations": sum(people_per_category.values()),
        "participants": participations.values("member").distinct().count(),
        "outside_participations": outside,
        # Live members per activity id, for whoever lists the activities with their people.
        "people_by_activity": people,
    }

    by_category = []
    by_section = {}
    for category in Category.objects.filter(school=school, pk__in=list(per_category)).order_by("position", "pk"):
        row = {
            "category": category.name,
            "section": category.section,
            "activities": per_category[category.pk],
            "participations": people_per_category.get(category.pk, 0),
        }
        by_category.append(row)
        section = by_section.setdefault(category.section, {"activities": 0, "participations": 0})
        section["activities"] += row["activities"]
        section["participations"] += row["participations"]
    figures["by_category"] = by_category
    figures["by_section"] = by_section

    by_month = OrderedDict()
    month = datetime.date(start.year, start.month, 1)
    while month <= end:
        by_month[month] = {
            "activities": per_month.get(month, 0),
            "participations": people_per_month.get(month, 0),
        }
        month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    figures["by_month"] = dict(by_month)
    return figures


def activity_programmes(school, start, end):
    """The activities between ``start`` and ``end`` that belong to a named programme, grouped
    by it: ``[{"programme": "一师一优课", "activities": 2, "titles": ["…", "…"]}, …]``, by
    name, titles in date order. One query."""
    grouped = {}
    rows = (
        Activity.objects.filter(school=school, starts_on__range=(start, end))
        .exclude(programme="")
        .order_by("programme", "starts_on", "pk")
        .values_list("programme", "title")
    )
    for programme, title in rows:
        grouped.setdefault(programme, []).append(title)
    return [
        {"programme": programme, "activities": len(titles), "titles": titles} for programme, titles in grouped.items()
    ]
