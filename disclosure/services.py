"""Writes of the disclosure app that touch several rows, each in one transaction."""

import datetime

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from unionhub.models import School

from .choices import DEFAULT_CATEGORIES, NoticeStatus, ObjectionStatus
from .models import Notice, NoticeAttachment, NoticeCategory, NoticeRead, Objection
from .selectors import calendar_for
from .workdays import MAX_WINDOW_DAYS


def ensure_default_categories(school):
    """Give ``school`` the default categories it does not have yet."""
    with scopes_disabled(), transaction.atomic():
        existing = set(NoticeCategory.objects.filter(school=school).values_list("name", flat=True))
        for position, name in enumerate(DEFAULT_CATEGORIES):
            if name not in existing:
                NoticeCategory.objects.create(school=school, name=name, position=position)


def save_notice(notice, attachments=()):
    """Save the notice and its new attachments together; files written are removed on failure."""
    written = []
    notice.settle_status()
    try:
        with transaction.atomic():
            notice.save()
            for upload in attachments:
                attachment = NoticeAttachment(
                    notice=notice,
                    original_name=upload["name"][:200],
                    content_type=upload["content_type"],
                    size=upload["size"],
                )
                attachment.file.save("{}.{}".format(_random(), upload["extension"]), upload["file"], save=False)
                written.append(attachment.file)
                attachment.save()
    except Exception:
        for stored in written:
            stored.delete(save=False)
        raise
    return notice


def _random():
    import uuid

    return uuid.uuid4().hex


def publish(notice, today=None):
    """Put the notice on the board; one whose window is already over by ``today`` (a notice
    of an earlier year entered now) goes straight to the archive as closed."""
    with transaction.atomic():
        notice.status = NoticeStatus.PUBLISHED
        notice.settle_status(today)
        notice.published_at = timezone.now()
        notice.version += 1
        notice.save()


def withdraw(notice, reason):
    with transaction.atomic():
        notice.status = NoticeStatus.WITHDRAWN
        notice.withdrawal_reason = reason
        notice.withdrawn_at = timezone.now()
        notice.version += 1
        notice.save()


def mark_read(notice, user):
    """Record that ``user`` opened the notice (once)."""
    if not NoticeRead.objects.filter(notice=notice, user=user).exists():
        NoticeRead.objects.get_or_create(notice=notice, user=user)


def raise_objection(notice, user, text):
    member = getattr(user, "member", None)
    return Objection.objects.create(school=notice.school, notice=notice, raised_by=user, member=member, text=text)


def answer_objection(objection, user, answer):
    objection.answer = answer
    objection.status = ObjectionStatus.ANSWERED
    objection.answered_by = user
    objection.answered_at = timezone.now()
    objection.save()


def submit_suggestion(suggestion, user):
    """Save a new suggestion. An anonymous one gets no writer, and its history row no user."""
    suggestion.written_on = timezone.localdate()
    if suggestion.anonymous:
        suggestion.author = None
        suggestion.member = None
        # django-simple-history would record the request's user on the history row, and the
        # moment of writing to the microsecond, which logs could match to a login: keep the day.
        suggestion._history_user = None
        suggestion._history_date = timezone.make_aware(
            datetime.datetime.combine(suggestion.written_on, datetime.time.min)
        )
    else:
        suggestion.author = user
        suggestion.member = getattr(user, "member", None)
    suggestion.save()
    return suggestion


def answer_suggestion(suggestion, user, answer):
    """Answer without the page's check for a concurrent answer (the demo data)."""
    suggestion.answer = answer
    suggestion.mark_answered(user)
    suggestion.version += 1
    suggestion.save()


def enter_calendar_day(form):
    """Save the holiday or make-up working day, and count again the windows it falls in: the
    school's, or every school's of the district for a district's day."""
    with transaction.atomic():
        day = form.save()
        _recount_where_it_applies(day)
    return day


def remove_calendar_day(day):
    with transaction.atomic():
        day.delete()
        _recount_where_it_applies(day)


def _recount_where_it_applies(day):
    schools = [day.school] if day.school_id else School.objects.filter(district_id=day.district_id).order_by("pk")
    for school in schools:
        recount_windows(school, day.date)


def recount_windows(school, date):
    """The notices of ``school`` counted in working days whose window holds ``date`` end
    where the school's calendar now says."""
    calendar = calendar_for(school)
    notices = Notice.objects.filter(
        school=school, working_days__isnull=False, starts_on__lte=date, ends_on__gte=date
    ).exclude(status=NoticeStatus.WITHDRAWN)
    for notice in notices.select_for_update():
        ends_on = calendar.window_end(notice.starts_on, min(notice.working_days, MAX_WINDOW_DAYS))
        if ends_on != notice.ends_on:
            notice.ends_on = ends_on
            notice.settle_status()
            notice.version += 1
            notice.save()
