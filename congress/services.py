"""The congress's rules: quorum, votes, and the proposal state machine."""

import datetime
import math
import uuid

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from members.models import Member

from .choices import PROPOSAL_TRANSITIONS, ProposalState
from .models import (
    AgendaItem,
    Attendance,
    CongressSettings,
    Delegate,
    Motion,
    MotionClause,
    Proposal,
    Seconding,
    SessionDocument,
    Vote,
)


def voters(term):
    """The members who vote: the term's delegates, or every active member at an assembly."""
    if term.is_assembly:
        return Member.objects.filter(school_id=term.school_id).active()
    return Member.objects.filter(school_id=term.school_id, delegacies__term=term)


def electorate_size(term):
    return voters(term).count()


def quorum(session):
    """Present, voters in all, the two-thirds needed, and whether it is reached."""
    electorate = electorate_size(session.term)
    # Only current voters count: a delegate removed from the term (or a member gone inactive
    # at an assembly) keeps an old attendance row, which must not fill the quorum.
    present = Attendance.objects.filter(
        session=session, present=True, member__in=voters(session.term).values("pk")
    ).count()
    needed = math.ceil(electorate * 2 / 3)
    return {
        "present": present,
        "electorate": electorate,
        "needed": needed,
        "reached": electorate > 0 and present >= needed,
    }


@transaction.atomic
def record_attendance(session, present_member_ids):
    """Every voter of the session's term is marked present or absent (kept in history)."""
    present_ids = {int(pk) for pk in present_member_ids}
    existing = {a.member_id: a for a in Attendance.objects.filter(session=session)}
    new = []
    for pk in voters(session.term).values_list("pk", flat=True):
        attendance = existing.get(pk)
        if attendance is None:
            new.append(
                Attendance(school_id=session.school_id, session=session, member_id=pk, present=pk in present_ids)
            )
        elif attendance.present != (pk in present_ids):
            attendance.present = pk in present_ids
            attendance.save(update_fields=["present"])
    bulk_create_with_history(new, Attendance)


@transaction.atomic
def record_vote(motion, votes_for, votes_against, abstentions, clause=None):
    """Record the ballots of a motion or one of its clauses; refused below quorum or with
    more ballots than voters present."""
    session = motion.agenda_item.session
    status = quorum(session)
    if not status["reached"]:
        raise ValidationError(
            _(
                "Quorum not reached: %(present)s of %(electorate)s present, %(needed)s needed. "
                "No binding vote can be recorded."
            )
            % status,
            code="no_quorum",
        )
    if clause is not None and clause.motion_id != motion.pk:
        raise ValidationError(_("This clause belongs to another motion."), code="wrong_clause")
    ballots = votes_for + votes_against + abstentions
    if ballots > status["present"]:
        raise ValidationError(
            _("%(ballots)s ballots, but only %(present)s voters are present.") % {"ballots": ballots, **status},
            code="too_many_ballots",
        )
    vote, _created = Vote.objects.update_or_create(
        motion=motion,
        clause=clause,
        defaults={
            "school_id": motion.school_id,
            "votes_for": votes_for,
            "votes_against": votes_against,
            "abstentions": abstentions,
            "present": status["present"],
            "electorate": status["electorate"],
        },
    )
    return vote


def motion_sentence(motion, votes=None):
    """What the minutes say of a motion's result, e.g. 20条修改条款均以90%以上的赞同率通过.
    Pass ``votes`` when they are prefetched, to spare a query per motion."""
    votes = list(Vote.objects.filter(motion=motion) if votes is None else votes)
    clause_votes = [vote for vote in votes if vote.clause_id]
    if clause_votes:
        passed = [vote for vote in clause_votes if vote.passed]
        lowest = min(vote.approval_rate or 0 for vote in clause_votes)
        if len(passed) == len(clause_votes):
            threshold = int(lowest // 10 * 10)
            if threshold >= 50:
                return "{}条修改条款均以{}%以上的赞同率通过".format(len(clause_votes), threshold)
            return "{}条修改条款均获通过".format(len(clause_votes))
        return "{}条修改条款中{}条通过，{}条未通过".format(
            len(clause_votes), len(passed), len(clause_votes) - len(passed)
        )
    if votes:
        vote = votes[0]
        verdict = "通过" if vote.passed else "未通过"
        return "以{}%的赞同率{}（赞成{}票，反对{}票，弃权{}票）".format(
            _rate_text(vote.approval_rate), verdict, vote.votes_for, vote.votes_against, vote.abstentions
        )
    return "尚未表决"


def _rate_text(rate):
    return "{:.1f}".format(rate) if rate is not None else "—"


def min_seconders(school_id):
    settings = CongressSettings.objects.filter(school_id=school_id).first()
    return settings.min_seconders if settings else 2


def check_proposal_window(school_id, day):
    """Refuse a proposal submitted outside the school's proposal window."""
    settings = CongressSettings.objects.filter(school_id=school_id).first()
    if settings is None or settings.accepts_proposals_on(day):
        return
    start = date_format(settings.proposals_open_from) if settings.proposals_open_from else "—"
    end = date_format(settings.proposals_open_until) if settings.proposals_open_until else "—"
    raise ValidationError(
        _("Proposals are accepted from %(start)s to %(end)s only.") % {"start": start, "end": end},
        code="outside_window",
    )


@transaction.atomic
def second(proposal, member, on=None):
    """``member`` seconds ``proposal`` (附议); the proposer cannot second their own."""
    if member.pk == proposal.proposer_id:
        raise ValidationError(_("The proposer cannot second their own proposal."), code="own_proposal")
    if member.school_id != proposal.school_id:
        raise ValidationError(_("Only members of the school can second a proposal."), code="other_school")
    if proposal.state != ProposalState.SUBMITTED:
        raise ValidationError(_("This proposal has already been decided."), code="decided")
    if Seconding.objects.filter(proposal=proposal, member=member).exists():
        raise ValidationError(_("You have already seconded this proposal."), code="already")
    return Seconding.objects.create(
        school_id=proposal.school_id, proposal=proposal, member=member, seconded_on=on or datetime.date.today()
    )


@transaction.atomic
def submit_proposal(proposal, seconders=(), on=None):
    """Save a new proposal with the seconders named at once, inside the proposal window."""
    check_proposal_window(proposal.school_id, proposal.submitted_on)
    if any(member.pk == proposal.proposer_id for member in seconders):
        raise ValidationError(_("The proposer cannot second their own proposal."), code="own_proposal")
    proposal.state = ProposalState.SUBMITTED
    proposal.save()
    for member in seconders:
        second(proposal, member, on=on or proposal.submitted_on)
    return proposal


@transaction.atomic
def transition(proposal, new_state, on=None, reason="", department=None, reply=""):
    """Move a proposal to ``new_state`` if its state machine allows it; every step is dated."""
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    new_state = ProposalState(new_state)
    current = ProposalState(proposal.state)
    if new_state not in PROPOSAL_TRANSITIONS[current]:
        raise ValidationError(
            _("A proposal that is “%(current)s” cannot become “%(new)s”.")
            % {"current": current.label, "new": new_state.label},
            code="bad_transition",
        )
    on = on or datetime.date.today()
    if new_state == ProposalState.ACCEPTED:
        needed = min_seconders(proposal.school_id)
        count = proposal.secondings.count()
        if count < needed:
            raise ValidationError(
                _("A proposal needs at least %(needed)s seconders; this one has %(count)s.")
                % {"needed": needed, "count": count},
                code="too_few_seconders",
            )
    if new_state in (ProposalState.ACCEPTED, ProposalState.OPINION, ProposalState.NOT_ACCEPTED):
        if new_state == ProposalState.NOT_ACCEPTED and not reason.strip():
            raise ValidationError(_("Give the reason for not accepting the proposal."), code="reason_required")
        proposal.decided_on = on
        proposal.decision_reason = reason
    elif new_state == ProposalState.ASSIGNED:
        if department is None or department.school_id != proposal.school_id:
            raise ValidationError(_("Choose the department that will reply."), code="department_required")
        proposal.department = department
        proposal.assigned_on = on
    elif new_state == ProposalState.REPLIED:
        if not reply.strip():
            raise ValidationError(_("Write the department's reply."), code="reply_required")
        proposal.reply = reply
        proposal.replied_on = on
    else:
        proposal.feedback_on = on
    proposal.state = new_state
    proposal.version += 1
    proposal.save()
    return proposal


@transaction.atomic
def set_delegates(term, members, group=""):
    """The term's delegates become ``members``; newcomers join ``group``."""
    wanted = {member.pk for member in members}
    for delegate in Delegate.objects.filter(term=term).exclude(member_id__in=wanted):
        delegate.delete()
    existing = set(Delegate.objects.filter(term=term).values_list("member_id", flat=True))
    bulk_create_with_history(
        [Delegate(school_id=term.school_id, term=term, member_id=pk, group=group) for pk in sorted(wanted - existing)],
        Delegate,
    )


@transaction.atomic
def set_delegate_groups(term, groups):
    """``groups`` maps delegate ids of ``term`` to their delegation group (代表团/组);
    ids of other terms are ignored, and only changed rows are saved (kept in history)."""
    for delegate in Delegate.objects.filter(term=term, pk__in=list(groups)):
        group = groups[delegate.pk].strip()[:40]
        if delegate.group != group:
            delegate.group = group
            delegate.save(update_fields=["group"])


@transaction.atomic
def add_agenda_item(session, title, motion_title="", clause_titles=()):
    """An agenda item at the end of the agenda, with its motion and clauses if any."""
    order = (session.agenda.aggregate(models.Max("order"))["order__max"] or 0) + 1
    item = AgendaItem.objects.create(school_id=session.school_id, session=session, order=order, title=title)
    if motion_title:
        motion = Motion.objects.create(school_id=session.school_id, agenda_item=item, title=motion_title)
        for position, clause_title in enumerate(clause_titles, start=1):
            MotionClause.objects.create(school_id=session.school_id, motion=motion, order=position, title=clause_title)
    return item


def save_session_document(session, upload):
    """Store a checked upload (see ``unionhub.uploads.check_document``) with the session;
    the file written is removed if the row cannot be saved."""
    document = SessionDocument(
        school_id=session.school_id,
        session=session,
        original_name=upload["name"][:200],
        content_type=upload["content_type"],
        size=upload["size"],
    )
    document.file.save("{}.{}".format(uuid.uuid4().hex, upload["extension"]), upload["file"], save=False)
    try:
        with transaction.atomic():
            document.save()
    except Exception:
        document.file.delete(save=False)
        raise
    return document
