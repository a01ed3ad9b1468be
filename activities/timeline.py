"""What the union's records add to a member's timeline (see ``members.timeline``)."""

import datetime

from django.utils.translation import gettext_lazy as _

from members.timeline import TimelineEvent

from .models import (
    Activity,
    Award,
    CarePair,
    GreetingRecipient,
    MentorPair,
    MutualAidGrant,
    PledgeSignature,
    Promotion,
    Visit,
)


def activity_events(member):
    for activity in Activity.objects.filter(school=member.school_id, participants=member).only(
        "pk", "title", "starts_on"
    ):
        yield TimelineEvent(activity.starts_on, _("Activity"), activity.title, activity.get_absolute_url())


def award_events(member):
    for award in Award.objects.filter(school=member.school_id, members=member):
        yield TimelineEvent(
            award.awarded_on,
            _("Award"),
            "{} {}{}".format(award.get_level_display(), award.title, award.rank),
            award.get_absolute_url(),
        )
    for promotion in Promotion.objects.filter(school=member.school_id, member=member):
        yield TimelineEvent(promotion.promoted_on, _("Promotion"), promotion.get_title_display())


def mentoring_events(member):
    pairs = MentorPair.objects.filter(school=member.school_id).select_related("mentor", "mentee")
    for pair in pairs.filter(mentor=member) | pairs.filter(mentee=member):
        title = _("Mentor of %(name)s") if pair.mentor_id == member.pk else _("Mentored by %(name)s")
        other = pair.mentee if pair.mentor_id == member.pk else pair.mentor
        yield TimelineEvent(
            datetime.date(pair.school_year, 9, 1), _("Mentoring"), title % {"name": other.name}, pair.get_absolute_url()
        )


def welfare_events(member):
    for visit in Visit.objects.filter(school=member.school_id, member=member):
        yield TimelineEvent(
            visit.visited_on,
            _("Visit"),
            "{}（{}元）".format(visit.get_reason_display(), visit.amount),
            visit.get_absolute_url(),
        )
    recipients = GreetingRecipient.objects.filter(member=member, batch__deleted_at__isnull=True).select_related("batch")
    for recipient in recipients:
        yield TimelineEvent(
            recipient.batch.given_on,
            _("Holiday greeting"),
            "{}（{}元）".format(recipient.batch, recipient.amount),
            recipient.batch.get_absolute_url(),
        )
    for grant in MutualAidGrant.objects.filter(school=member.school_id, member=member):
        yield TimelineEvent(grant.granted_on, _("Mutual aid"), "{}（{}元）".format(grant.reason, grant.amount))


def care_events(member):
    for pair in CarePair.objects.filter(school=member.school_id, teacher=member):
        yield TimelineEvent(
            datetime.date(pair.school_year, 9, 1),
            _("168 care action"),
            _("Paired with %(student)s") % {"student": pair.student_name},
            pair.get_absolute_url(),
        )


def pledge_events(member):
    signatures = PledgeSignature.objects.filter(
        member=member, signed_on__isnull=False, drive__deleted_at__isnull=True
    ).select_related("drive")
    for signature in signatures:
        yield TimelineEvent(signature.signed_on, _("Pledge"), str(signature.drive), signature.drive.get_absolute_url())


PROVIDERS = [pledge_events, activity_events, award_events, mentoring_events, welfare_events, care_events]
