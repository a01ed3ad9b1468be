"""The reads the annual summary makes: every other app's figures for a school and a
period, gathered in one pass at a fixed number of queries.

Nothing here writes; every read goes through the owning app's selectors, which leave
deleted records out.
"""

import dataclasses

from django.db.models import Count
from django.utils import timezone
from django_scopes import scope

from activities.models import Activity, Category
from activities.selectors import awards as award_selectors
from activities.selectors import campaigns as campaign_selectors
from activities.selectors import care as care_selectors
from activities.selectors import log as log_selectors
from activities.selectors import pledges as pledge_selectors
from activities.selectors import welfare as welfare_selectors
from congress import selectors as congress_selectors
from disclosure import selectors as disclosure_selectors

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


def activities_with_counts(school, start, end):
    """The period's live activities in date order as plain rows (``pk``, ``title``,
    ``starts_on``, ``description``, ``category_id``, ``campaign_id``,
    ``outside_participants`` and ``participant_count`` of live members); two queries.

    Rows rather than models, and the participants counted in one grouped query rather than
    a subquery per row: a busy year has a thousand activities.
    """
    rows = list(
        log_selectors.activities_between(school, start, end).values(
            "pk", "title", "starts_on", "description", "category_id", "campaign_id", "outside_participants"
        )
    )
    counts = dict(
        Participation.objects.filter(
            activity__school=school,
            activity__deleted_at__isnull=True,
            activity__starts_on__range=(start, end),
            member__deleted_at__isnull=True,
        )
        .order_by()
        .values_list("activity")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        row["participant_count"] = counts.get(row["pk"], 0)
    return rows


def year_records(school, period, today=None):
    """Everything the summary of ``school`` for ``period`` is built from.

    A fixed number of queries however many records the period holds.
    """
    today = today or timezone.localdate()
    start, end = period.start, period.end
    with scope(school=[school.pk]):
        return YearRecords(
            categories=list(Category.objects.filter(school=school).order_by("position", "pk")),
            activities=activities_with_counts(school, start, end),
            campaigns=campaign_selectors.campaigns_between(school, start, end),
            clubs=campaign_selectors.club_figures(school, start, end),
            pledges=pledge_selectors.pledge_figures(school, start, end),
            awards=award_selectors.award_figures(school, start, end),
            promotions=award_selectors.promotion_figures(school, start, end),
            # Every pair of the school years the period overlaps, a continued pair once.
            mentoring=award_selectors.mentor_pair_figures(school, start, end),
            visits=welfare_selectors.visit_totals(school, start, end),
            greetings=welfare_selectors.greeting_figures(school, start, end),
            hardship=welfare_selectors.hardship_figures(school, start, end),
            mutual_aid=welfare_selectors.mutual_aid_figures(school, start, end),
            care_action=care_selectors.care_figures(school, start, end, today=today),
            congress=congress_selectors.congress_figures(school, start, end),
            sessions=list(congress_selectors.sessions_between(school, start, end)),
            evaluations=list(congress_selectors.evaluations_between(school, start, end)),
            notices=disclosure_selectors.notice_figures(school, start, end),
            suggestions=disclosure_selectors.suggestion_figures(school, start, end),
        )
