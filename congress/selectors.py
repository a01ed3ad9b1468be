"""Figures of the congress for the annual summary: ``(school, start, end)`` functions
returning plain numbers, strings and dicts (end inclusive)."""

from collections import Counter

from django.db.models import Count, Prefetch, Q

from .choices import ProposalState
from .models import DemocraticEvaluation, Motion, Proposal, Session, Suggestion, SuggestionDrive, Vote
from .services import motion_sentence

HANDLED = {
    ProposalState.OPINION,
    ProposalState.NOT_ACCEPTED,
    ProposalState.REPLIED,
    ProposalState.SATISFIED,
    ProposalState.UNSATISFIED,
}


def congress_figures(school, start, end):
    """Sessions with their 届次 labels, proposals received and handled by state, motions
    with their approval rates, democratic evaluations and suggestion drives."""
    sessions = list(
        Session.objects.filter(school=school, held_on__range=(start, end))
        .select_related("term")
        .order_by("held_on", "pk")
    )
    motions = list(
        Motion.objects.filter(school=school, agenda_item__session__in=sessions)
        .select_related("agenda_item__session__term")
        .prefetch_related(Prefetch("votes", queryset=Vote.objects.select_related("clause")))
        .order_by("agenda_item__session__held_on", "agenda_item__order", "pk")
    )
    # The period's proposals, counted by state here: one query for the ids and the counts.
    proposal_states = list(
        Proposal.objects.filter(school=school, submitted_on__range=(start, end)).values_list("pk", "state")
    )
    by_state = Counter(state for _, state in proposal_states)
    proposals = {state.value: by_state.get(state.value, 0) for state in ProposalState}
    proposal_pks = [pk for pk, _ in proposal_states]
    evaluations = DemocraticEvaluation.objects.filter(school=school, evaluated_on__range=(start, end)).order_by(
        "evaluated_on", "pk"
    )
    drives = SuggestionDrive.objects.filter(school=school, opens_on__range=(start, end)).order_by("opens_on", "pk")
    drive_list = list(drives.values("pk", "title", "opens_on"))
    suggestions = Suggestion.objects.filter(school=school, drive__in=[drive["pk"] for drive in drive_list])
    # Aliases apart from the field names: an aggregate may not shadow a field it filters on.
    received = suggestions.aggregate(n=Count("pk"), adopted_n=Count("pk", filter=Q(adopted=True)))
    return {
        "sessions": [
            {
                "label": str(s),
                "date": s.held_on,
                "kind": s.kind,
                "body": s.body,
                "body_label": s.get_body_display(),
                "theme": s.theme,
                "report_topics": s.topics,
            }
            for s in sessions
        ],
        "proposals": {
            "received": sum(proposals.values()),
            "handled": sum(count for state, count in proposals.items() if state in HANDLED),
            "by_state": proposals,
        },
        "proposal_pks": proposal_pks,
        "motions": [_motion_figures(motion) for motion in motions],
        "evaluations": [
            {
                "subject": e.subject,
                "date": e.evaluated_on,
                "excellent": e.excellent,
                "competent": e.competent,
                "basically_competent": e.basically_competent,
                "incompetent": e.incompetent,
                "satisfaction_rate": e.satisfaction_rate,
                "result": e.result,
            }
            for e in evaluations
        ],
        "suggestions": {
            "drive_list": drive_list,
            "drives": len(drive_list),
            "received": received["n"],
            "adopted": received["adopted_n"],
        },
    }


def _motion_figures(motion):
    votes = list(motion.votes.all())
    rates = [vote.approval_rate for vote in votes if vote.approval_rate is not None]
    return {
        "id": motion.pk,
        "session_id": motion.agenda_item.session_id,
        "session": str(motion.agenda_item.session),
        "title": motion.title,
        "votes": len(votes),
        "passed": bool(votes) and all(vote.passed for vote in votes),
        "lowest_approval_rate": min(rates) if rates else None,
        "sentence": motion_sentence(motion, votes),
    }


def sessions_between(school, start, end):
    """The live sessions held in [start, end], oldest first, with their terms (one query)."""
    return (
        Session.objects.filter(school=school, held_on__range=(start, end))
        .select_related("term")
        .order_by("held_on", "pk")
    )


def evaluations_between(school, start, end):
    """The live democratic evaluations of [start, end], oldest first (one query)."""
    return DemocraticEvaluation.objects.filter(school=school, evaluated_on__range=(start, end)).order_by(
        "evaluated_on", "pk"
    )
