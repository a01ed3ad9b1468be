"""What the union's records add to a member's timeline (see ``members.timeline``)."""

import datetime

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from members.timeline import TimelineEvent

from .choices import AwardStatus, VisitReason
from .models import (
    Activity,
    Award,
    CareLog,
    CarePair,
    EthicsAssessment,
    GreetingRecipient,
    MentorMeeting,
    MentorPair,
    MutualAidGrant,
    PledgeSignature,
    Promotion,
    Visit,
)


def activity_events(member):
    """The live activities the member took part in, each under its category, in one query."""
    activities = (
        Activity.objects.filter(school=member.school_id, participants=member)
        .select_related("category")
        .only("pk", "title", "starts_on", "category__name")
    )
    for activity in activities:
        yield TimelineEvent(
            activity.starts_on,
            "{}·{}".format(_("Activity"), activity.category.name),
            activity.title,
            activity.get_absolute_url(),
        )


def award_events(member):
    """The member's awards (as one of the members it went to) and promotions in title."""
    awards = Award.objects.filter(school=member.school_id, members=member).only(
        "pk", "title", "level", "rank", "status", "awarded_on"
    )
    for award in awards:
        # What was not simply won says so: 申报, 推荐, 发表, 立项, 结题.
        status = award.get_status_display() if award.status != AwardStatus.AWARDED else ""
        yield TimelineEvent(
            award.awarded_on,
            _("Award"),
            " ".join(part for part in (award.get_level_display(), award.title, award.rank, status) if part),
            award.get_absolute_url(),
        )
    promotions = Promotion.objects.filter(school=member.school_id, member=member).only("pk", "title", "promoted_on")
    for promotion in promotions:
        yield TimelineEvent(
            promotion.promoted_on,
            _("Promotion"),
            _("Promoted to %(title)s") % {"title": promotion.get_title_display()},
        )


def mentoring_events(member):
    """The pairs the member is mentor or mentee of (dated at the school year's start), and
    their meetings. Two queries."""

    def title(pair):
        if pair.mentor_id == member.pk:
            return _("Mentor of %(name)s") % {"name": pair.mentee.name}
        return _("Mentored by %(name)s") % {"name": pair.mentor.name}

    pairs = {
        pair.pk: pair
        for pair in MentorPair.objects.filter(school=member.school_id)
        .filter(Q(mentor=member) | Q(mentee=member))
        .select_related("mentor", "mentee")
    }
    for pair in pairs.values():
        yield TimelineEvent(
            datetime.date(pair.school_year, 9, 1),
            _("Mentoring"),
            title(pair) + " · " + pair.school_year_label,
            pair.get_absolute_url(),
        )
    if not pairs:
        return
    for meeting in MentorMeeting.objects.filter(pair__in=list(pairs)).only("pk", "pair_id", "met_on", "topic"):
        pair = pairs[meeting.pair_id]
        yield TimelineEvent(
            meeting.met_on,
            _("Mentoring meeting"),
            "{}：{}".format(title(pair), meeting.topic),
            pair.get_absolute_url() + "#meetings",
        )


def _with_given(title, amount, gifts):
    """``title（500.00元）``, or with gifts in kind only ``title（鲜花）``: never 0 or None yuan."""
    if amount is not None:
        return "{}（{}元）".format(title, amount)
    return "{}（{}）".format(title, gifts) if gifts else str(title)


def welfare_events(member):
    """Visits to the member (or their relative), holiday greetings and mutual-aid grants, each
    with its amount in yuan. Hardship files stay off the timeline: they are for chair and staff
    only, and a teacher reads their own timeline. Three queries."""
    visits = Visit.objects.filter(school=member.school_id, member=member).only(
        "pk", "visited_on", "reason", "age", "reason_detail", "relative", "gifts", "amount"
    )
    for visit in visits:
        what = visit.reason_detail if visit.reason == VisitReason.OTHER and visit.reason_detail else None
        title = what or visit.occasion
        if visit.relative:
            title = "{} · {}".format(title, visit.relative)
        yield TimelineEvent(
            visit.visited_on, _("Visit"), _with_given(title, visit.amount, visit.gifts), visit.get_absolute_url()
        )
    recipients = GreetingRecipient.objects.filter(
        member=member, batch__school=member.school_id, batch__deleted_at__isnull=True
    ).select_related("batch")
    for recipient in recipients:
        yield TimelineEvent(
            recipient.batch.given_on,
            _("Holiday greeting"),
            _with_given(recipient.batch, recipient.amount, recipient.batch.gifts),
            recipient.batch.get_absolute_url(),
        )
    grants = MutualAidGrant.objects.filter(school=member.school_id, member=member).only(
        "pk", "granted_on", "reason", "amount"
    )
    for grant in grants:
        yield TimelineEvent(grant.granted_on, _("Mutual aid"), "{}（{}元）".format(grant.reason, grant.amount))


def care_events(member):
    """A pair of the 168 care action, at the start of its school year, with the year's
    logged months. The timeline is shown to chair, staff and the member themself only, as
    the student's name may be. Two queries."""
    pairs = list(
        CarePair.objects.filter(school=member.school_id, teacher=member).only("pk", "school_year", "student_name")
    )
    logged = (
        dict(CareLog.objects.filter(pair__in=pairs).values_list("pair_id").annotate(count=Count("pk")).order_by())
        if pairs
        else {}
    )
    for pair in pairs:
        yield TimelineEvent(
            datetime.date(pair.school_year, 9, 1),
            _("168 care action"),
            _("%(school_year)s: paired with %(student)s, %(months)s months logged")
            % {"school_year": pair.school_year_label, "student": pair.student_name, "months": logged.get(pair.pk, 0)},
            pair.get_absolute_url(),
        )


def pledge_events(member):
    """The pledges the member signed (no link: a drive's page is the union's signing sheet)
    and their ethics assessments (dated at the period's start; the link goes to the
    assessment list, where a teacher sees their own). Two queries."""
    signatures = PledgeSignature.objects.filter(
        member=member, signed_on__isnull=False, drive__deleted_at__isnull=True
    ).select_related("drive")
    for signature in signatures:
        yield TimelineEvent(signature.signed_on, _("Pledge"), str(signature.drive))
    assessments = EthicsAssessment.objects.filter(member=member, period__deleted_at__isnull=True).select_related(
        "period"
    )
    for assessment in assessments:
        grade = assessment.get_grade_display() or str(assessment.score)
        if assessment.vetoed:
            grade = "{}（{}）".format(grade, _("Vetoed"))
        yield TimelineEvent(
            assessment.period.starts_on,
            _("Ethics assessment"),
            _("Ethics assessment of %(period)s: %(grade)s") % {"period": assessment.period.title, "grade": grade},
            reverse("activities:ethics_list"),
        )


PROVIDERS = [pledge_events, activity_events, award_events, mentoring_events, welfare_events, care_events]
