"""Writes of the disclosure app that touch several rows, each in one transaction."""

import datetime

from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from .choices import DEFAULT_CATEGORIES, NoticeStatus, ObjectionStatus, SuggestionStatus
from .models import NoticeAttachment, NoticeCategory, NoticeRead, Objection


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


def publish(notice):
    with transaction.atomic():
        notice.status = NoticeStatus.PUBLISHED
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
    suggestion.answer = answer
    suggestion.status = SuggestionStatus.ANSWERED
    suggestion.answered_by = user
    suggestion.answered_on = timezone.localdate()
    suggestion.version += 1
    suggestion.save()
