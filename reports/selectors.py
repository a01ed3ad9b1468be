"""The reads the annual summary makes: every other app's figures for a school and a
period, gathered in one pass at a fixed number of queries.

Nothing here writes; every read goes through the owning app's selectors, which leave
deleted records out.
"""

import dataclasses
import datetime

from django.db.models import Count, Sum
from django.utils import timezone
from django_scopes import scope

from activities.choices import PENDING_AWARD_STATUSES, AwardKind, AwardRecipientKind, RuleKind
from activities.models import Activity, Category
from activities.selectors import awards as award_selectors
from activities.selectors import campaigns as campaign_selectors
from activities.selectors import log as log_selectors
from activities.selectors import partnerships as partnership_selectors
from activities.selectors import pledges as pledge_selectors
from activities.selectors import provisions as provision_selectors
from activities.selectors import welfare as welfare_selectors
from congress import selectors as congress_selectors
from disclosure import selectors as disclosure_selectors
from disclosure.models import Notice
from members import selectors as member_selectors
from members.models import Member
from unionhub.selectors import school_profile

Participation = Activity.participants.through


@dataclasses.dataclass
class YearRecords:
    """What a school recorded in a period, as the other apps' selectors return it."""

    categories: list
    activities: list
    campaigns: list
    clubs: dict
    pledges: list
    awards: dict
    promotions: dict
    mentoring: dict
    visits: dict
    greetings: dict
    hardship: dict
    mutual_aid: dict
    care_action: dict
    congress: dict
    sessions: list
    evaluations: list
    notices: dict
    suggestions: dict
    award_list: list = dataclasses.field(default_factory=list)
    visit_list: list = dataclasses.field(default_factory=list)
    grant_list: list = dataclasses.field(default_factory=list)
    promotion_list: list = dataclasses.field(default_factory=list)
    notice_list: list = dataclasses.field(default_factory=list)
    ethics: dict = dataclasses.field(default_factory=dict)
    roster: dict = dataclasses.field(default_factory=dict)
    partnerships: list = dataclasses.field(default_factory=list)
    posts: dict = dataclasses.field(default_factory=dict)
    earlier_titles: set = dataclasses.field(default_factory=set)
    standing_honours: list = dataclasses.field(default_factory=list)
    recent_grants: dict = dataclasses.field(default_factory=dict)
    participant_names: dict = dataclasses.field(default_factory=dict)
    facilities: list = dataclasses.field(default_factory=list)
    rules: list = dataclasses.field(default_factory=list)
    profile: object = None


def activities_with_counts(school, start, end, counts):
    """The period's live activities in date order as plain rows (``pk``, ``title``,
    ``starts_on``, ``description``, ``category_id``, ``campaign_id``, ``club_id``,
    ``location``, ``programme``, ``outside_participants``, ``yearly``) with
    ``participant_count``, the live members ``counts`` gives per activity id (the period's
    figures hold it); one query.

    Rows rather than models: a busy year has a thousand activities.
    """
    rows = list(
        log_selectors.activities_between(school, start, end).values(
            "pk",
            "title",
            "starts_on",
            "description",
            "category_id",
            "campaign_id",
            "club_id",
            "location",
            "programme",
            "outside_participants",
            "yearly",
        )
    )
    for row in rows:
        row["participant_count"] = counts.get(row["pk"], 0)
    return rows


def year_records(school, period, today=None):
    """Everything the summary of ``school`` for ``period`` is built from.

    A fixed number of queries however many records the period holds.
    """
    from .overview import period_figures

    today = today or timezone.localdate()
    start, end = period.start, period.end
    with scope(school=[school.pk]):
        # The figures the dashboard and the charts read too: one computation for all three.
        figures = period_figures(school, period, today)
        activities = activities_with_counts(school, start, end, figures["activities"]["people_by_activity"])
        roster = member_selectors.roster_year_figures(school, start, end)
        return YearRecords(
            categories=list(Category.objects.filter(school=school).order_by("position", "pk")),
            activities=activities,
            campaigns=campaign_selectors.campaigns_between(school, start, end),
            clubs=campaign_selectors.club_figures(school, start, end),
            pledges=figures["pledges"],
            awards=figures["awards"],
            promotions=award_selectors.promotion_figures(school, start, end),
            # Every pair of the school years the period overlaps, a continued pair once.
            mentoring=award_selectors.mentor_pair_figures(school, start, end),
            visits=figures["visits"],
            greetings=figures["greetings"],
            hardship=figures["hardship"],
            mutual_aid=figures["mutual_aid"],
            care_action=figures["care"],
            congress=figures["congress"],
            sessions=list(congress_selectors.sessions_between(school, start, end)),
            evaluations=list(congress_selectors.evaluations_between(school, start, end)),
            notices=figures["notices"],
            suggestions=disclosure_selectors.suggestion_figures(school, start, end),
            award_list=award_selectors.award_entries(school, start, end),
            visit_list=welfare_selectors.visits_of_period(school, start, end),
            grant_list=list(
                welfare_selectors.mutual_aid_grants(school)
                .filter(granted_on__range=(start, end))
                .order_by("granted_on", "pk")
                .values("pk", "member__name", "amount", "granted_on", "reason")
            ),
            promotion_list=list(
                award_selectors.promotions(school)
                .filter(promoted_on__range=(start, end))
                .order_by("promoted_on", "pk")
                .values("pk", "member__name", "title", "promoted_on")
            ),
            notice_list=notice_rows(school, start, end),
            ethics=pledge_selectors.ethics_figures(school, start, end),
            roster=roster,
            participant_names=small_group_names(activities),
            partnerships=partnership_selectors.partnerships_between(school, start, end),
            posts=dict(Member.objects.filter(school=school).exclude(post="").values_list("name", "post")),
            earlier_titles=earlier_activity_titles(school, start),
            standing_honours=standing_school_honours(school, start),
            recent_grants=recent_mutual_aid(school, end),
            facilities=provision_selectors.facilities_for(school, start, end),
            rules=[{**rule, **RULE_PLACES[rule["kind"]]} for rule in provision_selectors.rules_for(school, start, end)],
            profile=school_profile(school),
        )


# Where the summary tells each kind of rule: disclosure channels and rules of democratic
# management with 校务公开, rights and care rules under 维权, the rest with the union itself.
RULE_PLACES = {
    RuleKind.DISCLOSURE: {"is_channel": True, "section": "democracy"},
    RuleKind.DEMOCRACY: {"is_channel": True, "section": "democracy"},
    RuleKind.RIGHTS: {"is_channel": False, "section": "care"},
    RuleKind.CARE: {"is_channel": False, "section": "care"},
    RuleKind.OTHER: {"is_channel": False, "section": "union"},
}
# Up to this many participants an activity's people are named (选派潘腊平等五名队员).
NAMED_PARTICIPANTS = 5


def small_group_names(activities):
    """The names of the participants of the activities with a few, by activity, in roster order.

    One query whatever the activities: with none small, the query still runs (for id 0,
    which no row has), so that a quiet year and a busy one cost the same."""
    small = [row["pk"] for row in activities if 0 < row["participant_count"] <= NAMED_PARTICIPANTS] or [0]
    rows = (
        Participation.objects.filter(activity_id__in=small, member__deleted_at__isnull=True)
        .order_by("activity_id", "member_id")
        .values_list("activity_id", "member__name")
    )
    names = {}
    for activity_id, name in rows:
        names.setdefault(activity_id, []).append(name)
    return names


def notice_rows(school, start, end):
    """The notices published in the period, by date, with their category's name (one query)."""
    notices = disclosure_selectors.notices_published_between(Notice.objects.filter(school=school), start, end)
    return list(notices.order_by("starts_on", "pk").values("pk", "title", "category__name", "starts_on"))


def earlier_activity_titles(school, start, years=3):
    """Titles of the activities of the few years before ``start``: what recurs is told as the
    union's habit (一年一度的…). One query."""
    since = start.replace(year=start.year - years)
    return set(
        log_selectors.activities_between(school, since, start - datetime.timedelta(days=1))
        .values_list("title", flat=True)
        .distinct()
    )


def recent_mutual_aid(school, end, years=3):
    """Mutual-aid grants of the last ``years`` years up to ``end``: a union tells what its
    members received over its term (三年中二人次享受互济金4000余元). One query."""
    since = datetime.date(end.year - years + 1, 1, 1)
    totals = (
        welfare_selectors.mutual_aid_grants(school)
        .filter(granted_on__range=(since, end))
        .aggregate(count=Count("pk"), amount=Sum("amount"))
    )
    return {"years": years, "since": since, "count": totals["count"], "amount": totals["amount"]}


def standing_school_honours(school, start, years=3):
    """Honours the school itself won in the few years before ``start`` and still holds
    (保持着…称号). One query."""
    since = start.replace(year=start.year - years)
    return list(
        award_selectors.awards(school)
        .filter(
            recipient_kind=AwardRecipientKind.SCHOOL,
            kind=AwardKind.HONOUR,
            awarded_on__gte=since,
            awarded_on__lt=start,
        )
        .exclude(status__in=PENDING_AWARD_STATUSES)
        .order_by("awarded_on", "pk")
        .values("pk", "title", "level", "awarded_on")
    )
