"""Reads of categories, campaigns and clubs: their pages' lists and the annual summary's figures.

Figures count live records only: a deleted activity, campaign, club or award counts nowhere,
and neither does a deleted member's participation.

* ``activities`` – the number of activities;
* ``participations`` – members' person-times (one member at three activities: 3);
* ``outside`` – participants from outside the school, summed over the activities;
* ``person_times`` – ``participations + outside`` (参与人次);
* ``members`` – distinct members who took part at least once;
* ``first`` / ``last`` – the first day and the last day of those activities (an activity
  lasting days counts up to its end date); ``None`` without activities.

Every function costs a fixed number of queries, however many campaigns, clubs,
activities or participants there are.
"""

from django.db.models import Count, F, IntegerField, Max, Min, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django_scopes import scope

from members.models import Member
from unionhub.history import HISTORY_TYPES, history_entries, m2m_snapshots, name_lister

from ..models import Activity, Award, Campaign, Category, Club, ClubSchedule
from ..models.campaigns import weekdays_label
from ..services.campaigns import schedule_of

EMPTY_FIGURES = {
    "activities": 0,
    "participations": 0,
    "outside": 0,
    "person_times": 0,
    "members": 0,
    "first": None,
    "last": None,
}

Participation = Activity.participants.through


def _live_activities(school):
    return Activity.objects.filter(school=school, deleted_at__isnull=True)


def _live_participations(school):
    return Participation.objects.filter(
        activity__school=school, activity__deleted_at__isnull=True, member__deleted_at__isnull=True
    )


def _in_period(queryset, start, end, prefix=""):
    if start is not None:
        queryset = queryset.filter(**{prefix + "starts_on__gte": start})
    if end is not None:
        queryset = queryset.filter(**{prefix + "starts_on__lte": end})
    return queryset


def figures_by(school, group_field, ids=None, start=None, end=None):
    """``{id: figures}`` for activities grouped by ``group_field`` ("campaign" or "club").

    Two queries: the activities grouped, and their participations grouped. Only activities
    that began between ``start`` and ``end`` (both included, either may be None) count.
    """
    activities = _in_period(_live_activities(school).filter(**{group_field + "__isnull": False}), start, end)
    participations = _in_period(
        _live_participations(school).filter(**{"activity__" + group_field + "__isnull": False}),
        start,
        end,
        prefix="activity__",
    )
    if ids is not None:
        activities = activities.filter(**{group_field + "__in": ids})
        participations = participations.filter(**{"activity__" + group_field + "__in": ids})

    figures = {}
    rows = (
        activities.order_by()
        .values(group_field)
        .annotate(
            n=Count("pk"),
            outside_sum=Sum("outside_participants"),
            first_day=Min("starts_on"),
            last_day=Max(Coalesce("ends_on", "starts_on")),
        )
    )
    for row in rows:
        figures[row[group_field]] = {
            **EMPTY_FIGURES,
            "activities": row["n"],
            "outside": row["outside_sum"] or 0,
            "first": row["first_day"],
            "last": row["last_day"],
        }
    rows = (
        participations.order_by()
        .values(key=F("activity__" + group_field))
        .annotate(n=Count("pk"), distinct_members=Count("member", distinct=True))
    )
    for row in rows:
        entry = figures.setdefault(row["key"], dict(EMPTY_FIGURES))
        entry["participations"] = row["n"]
        entry["members"] = row["distinct_members"]
    for entry in figures.values():
        entry["person_times"] = entry["participations"] + entry["outside"]
    return figures


# ---------------------------------------------------------------------------------------
# Campaigns
# ---------------------------------------------------------------------------------------


def campaign_figures(campaign):
    """The figures of one campaign over all its live activities (two queries)."""
    with scope(school=[campaign.school_id]):
        figures = figures_by(campaign.school_id, "campaign", ids=[campaign.pk])
    return figures.get(campaign.pk, dict(EMPTY_FIGURES))


def campaign_years(school):
    """The years in which the school launched a live campaign, newest first (one query)."""
    with scope(school=[school.pk]):
        return [d.year for d in Campaign.objects.filter(school=school).dates("launched_on", "year", order="DESC")]


def campaigns_of_year(school, year):
    """The school's live campaigns launched in ``year``, in launch order, each with
    ``figures`` over all its activities (three queries)."""
    with scope(school=[school.pk]):
        campaigns = list(
            Campaign.objects.filter(school=school, launched_on__year=year)
            .select_related("category")
            .order_by("launched_on", "pk")
        )
        figures = figures_by(school, "campaign", ids=[c.pk for c in campaigns])
    for campaign in campaigns:
        campaign.figures = figures.get(campaign.pk, dict(EMPTY_FIGURES))
    return campaigns


def campaigns_between(school, start, end):
    """The campaigns of a report period with what they did in it (three queries).

    A campaign belongs to the period when it was launched in it or when one of its
    activities began in it. Its figures count only the activities that began in the period,
    so that a drive spanning two report periods is split between them, never counted twice.

    Returns a list in launch order of ``{"campaign", "title", "theme", "launched_on",
    "ends_on", "category", "section", **figures}``.
    """
    with scope(school=[school.pk]):
        figures = figures_by(school, "campaign", start=start, end=end)
        campaigns = list(
            Campaign.objects.filter(school=school)
            .filter(Q(launched_on__gte=start, launched_on__lte=end) | Q(pk__in=list(figures)))
            .select_related("category")
            .order_by("launched_on", "pk")
        )
    return [
        {
            "campaign": campaign,
            "title": campaign.full_title,
            "theme": campaign.theme,
            "launched_on": campaign.launched_on,
            "ends_on": campaign.ends_on,
            "category": campaign.category.name,
            "section": campaign.category.section,
            **figures.get(campaign.pk, EMPTY_FIGURES),
        }
        for campaign in campaigns
    ]


def campaign_activities(campaign):
    """The campaign's live activities in date order, each with ``participant_count``."""
    return _dated_activities(Activity.objects.filter(school=campaign.school_id, campaign=campaign))


def _dated_activities(queryset):
    live_members = Q(participants__deleted_at__isnull=True)
    return (
        queryset.select_related("category")
        .annotate(participant_count=Count("participants", filter=live_members))
        .order_by("starts_on", "pk")
    )


# ---------------------------------------------------------------------------------------
# Clubs
# ---------------------------------------------------------------------------------------


def _live_member_count(through_filter):
    through = Club.members.through
    return Coalesce(
        Subquery(
            through.objects.filter(member__deleted_at__isnull=True, **through_filter)
            .order_by()
            .values("club")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )


def clubs_with_counts(school):
    """The school's live clubs with ``member_count`` and ``activity_count``, their leaders
    and weekly schedules (one query)."""
    activity_count = Coalesce(
        Subquery(
            Activity.objects.filter(club=OuterRef("pk"), deleted_at__isnull=True)
            .order_by()
            .values("club")
            .annotate(n=Count("pk"))
            .values("n")[:1],
            output_field=IntegerField(),
        ),
        Value(0),
    )
    return (
        Club.objects.filter(school=school)
        .select_related("leader", "weekly")
        .annotate(member_count=_live_member_count({"club": OuterRef("pk")}), activity_count=activity_count)
        .order_by("name", "pk")
    )


def weekly_schedule(club):
    """When and where the club meets: ``{"weekdays": [3, 5], "days", "starts_at", "ends_at",
    "place", "text", "notes"}`` where ``text`` is 每周三、周五 15:30—17:00 体育馆 and ``notes``
    the free words (单周…); ``weekdays`` empty without a fixed time. No query once
    ``clubs_with_counts`` has loaded the schedule."""
    weekly = schedule_of(club)
    if weekly is None:
        return {
            "weekdays": [],
            "days": "",
            "starts_at": None,
            "ends_at": None,
            "place": "",
            "text": "",
            "notes": club.schedule,
        }
    return {
        "weekdays": weekly.day_list,
        "days": weekly.days_label,
        "starts_at": weekly.starts_at,
        "ends_at": weekly.ends_at,
        "place": weekly.place,
        "text": weekly.summary,
        "notes": club.schedule,
    }


def club_history(club):
    """The club's history with who joined and left, and the changes of its weekly schedule,
    newest first (a fixed number of queries)."""
    entries = history_with_members(club)
    weekly_records = ClubSchedule.history.filter(club_id=club.pk).select_related("history_user")
    previous = None
    weekly_entries = []
    fields = [ClubSchedule._meta.get_field(name) for name in ("weekdays", "starts_at", "ends_at", "place")]
    for record in weekly_records.order_by("history_date", "history_id"):
        changes = []
        for field in fields:
            new = getattr(record, field.name) if record.history_type != "-" else None
            old = getattr(previous, field.name) if previous is not None and previous.history_type != "-" else None
            if old != new:
                changes.append({"field": field.verbose_name, "old": _shown(field, old), "new": _shown(field, new)})
        if changes:
            weekly_entries.append(
                {
                    "when": record.history_date,
                    "who": record.history_user,
                    "type": HISTORY_TYPES["~"],
                    "version": None,
                    "changes": changes,
                    "record": record,
                }
            )
        previous = record
    return sorted([*entries, *weekly_entries], key=lambda entry: entry["when"], reverse=True)


def _shown(field, value):
    if value in (None, ""):
        return "—"
    if field.name == "weekdays":
        return weekdays_label(value)
    if field.name in ("starts_at", "ends_at"):
        return "{:%H:%M}".format(value)
    return str(value)


def club_members(club):
    """The club's live members by pinyin, with their departments."""
    return club.members.filter(deleted_at__isnull=True).select_related("department").order_by("name_pinyin", "pk")


def club_activities(club):
    return _dated_activities(Activity.objects.filter(school=club.school_id, club=club))


def club_awards(club):
    """Results the club won outside the school, newest first."""
    return Award.objects.filter(school=club.school_id, club=club).order_by("-awarded_on", "-pk")


EMPTY_CLUB_FIGURES = {"clubs": 0, "members": 0, "activities": 0, "person_times": 0, "awards": 0}


def club_figures(school, start, end):
    """What the school's clubs and teams did between ``start`` and ``end`` (five queries; one
    for a school without clubs).

    Returns ``{"clubs", "members", "activities", "person_times", "awards",
    "awards_by_level", "per_club"}``: the number of live clubs, the distinct members in
    them (now), their activities begun in the period, person-times of those activities, the
    awards they won in the period (total and ``{level: count}``), and ``per_club``: for each
    club in name order ``{"club", "name", "leader", "member_count", "schedule", "awards",
    "award_list", **figures}`` where ``schedule`` is ``weekly_schedule(club)`` and
    ``award_list`` holds ``{"title", "level", "level_label", "rank", "awarded_on"}``.
    """
    with scope(school=[school.pk]):
        clubs = list(clubs_with_counts(school))
        if not clubs:
            # Most schools keep no clubs here: nothing more to count.
            return {**EMPTY_CLUB_FIGURES, "awards_by_level": {}, "per_club": []}
        figures = figures_by(school, "club", start=start, end=end)
        distinct_members = (
            Club.members.through.objects.filter(
                club__school=school, club__deleted_at__isnull=True, member__deleted_at__isnull=True
            )
            .values("member")
            .distinct()
            .count()
        )
        awards = list(
            Award.objects.filter(
                school=school,
                club__isnull=False,
                club__deleted_at__isnull=True,
                awarded_on__gte=start,
                awarded_on__lte=end,
            ).order_by("awarded_on", "pk")
        )
    awards_by_club = {}
    awards_by_level = {}
    for award in awards:
        awards_by_club.setdefault(award.club_id, []).append(
            {
                "title": award.title,
                "level": award.level,
                "level_label": award.get_level_display(),
                "rank": award.rank,
                "awarded_on": award.awarded_on,
            }
        )
        awards_by_level[award.level] = awards_by_level.get(award.level, 0) + 1
    per_club = [
        {
            "club": club,
            "name": club.name,
            "leader": club.leader.name if club.leader else "",
            "member_count": club.member_count,
            "schedule": weekly_schedule(club),
            **figures.get(club.pk, EMPTY_FIGURES),
            "awards": len(awards_by_club.get(club.pk, [])),
            "award_list": awards_by_club.get(club.pk, []),
        }
        for club in clubs
    ]
    return {
        "clubs": len(clubs),
        "members": distinct_members,
        "activities": sum(c["activities"] for c in per_club),
        "person_times": sum(c["person_times"] for c in per_club),
        "awards": len(awards),
        "awards_by_level": awards_by_level,
        "per_club": per_club,
    }


# ---------------------------------------------------------------------------------------
# Categories
# ---------------------------------------------------------------------------------------


def categories_with_counts(school):
    """All the school's categories, in use or not, with ``activity_count`` and
    ``campaign_count`` of live records (one query)."""

    def count_of(model, field):
        return Coalesce(
            Subquery(
                model.objects.filter(**{field: OuterRef("pk")}, deleted_at__isnull=True)
                .order_by()
                .values(field)
                .annotate(n=Count("pk"))
                .values("n")[:1],
                output_field=IntegerField(),
            ),
            Value(0),
        )

    return (
        Category.objects.filter(school=school)
        .annotate(activity_count=count_of(Activity, "category"), campaign_count=count_of(Campaign, "category"))
        .order_by("position", "pk")
    )


# ---------------------------------------------------------------------------------------
# History with membership
# ---------------------------------------------------------------------------------------


def history_with_members(obj, field_name="members", label=None, lister=None):
    """``history_entries(obj)`` plus, in each entry, who joined and who left ``field_name``.

    ``lister`` makes, from the snapshots, the function that names a set of pks (members by
    pinyin unless told otherwise).

    django-simple-history writes a record for every change of a tracked many-to-many field
    with the members it then had; this compares each record with the one before it. An
    edit that changed nothing a reader can see is left out. A fixed number of queries.
    """
    entries = history_entries(obj)
    if not entries:
        return entries
    label = label or type(obj)._meta.get_field(field_name).verbose_name
    sets = m2m_snapshots(type(obj), field_name, [e["record"].pk for e in entries])
    named = lister(sets) if lister is not None else name_lister(Member, sets)
    kept = []
    previous = set()
    for entry in reversed(entries):  # oldest first
        current = sets.get(entry["record"].pk, set())
        added, removed = current - previous, previous - current
        if added or removed:
            entry["changes"] = [
                *entry["changes"],
                {"field": label, "old": "", "new": "", "joined": named(added), "left": named(removed)},
            ]
        previous = current
        if entry["changes"] or entry["record"].history_type != "~":
            kept.append(entry)
    kept.reverse()
    return kept
