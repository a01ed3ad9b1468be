"""The suggestion box (意见箱): to the union or the principal, signed or anonymous.

An anonymous suggestion keeps nothing that leads to its writer: no user, no member, no
IP address, no session, and its history rows carry no user either (see services). Nor
does it say when it came in, beyond the day: staff know a letter by its random key, not
by its id (which counts up), and a day's letters are listed in the order of their keys.
"""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member
from unionhub.models import RecordModel

from ..choices import Recipient, SuggestionStatus

# No 0/o, 1/l/i: the key may be read out or copied by hand.
KEY_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
KEY_LENGTH = 10


def new_key():
    """A suggestion's public key: random, so it tells nothing about when it was written."""
    return "".join(secrets.choice(KEY_ALPHABET) for _ in range(KEY_LENGTH))


class Suggestion(RecordModel):
    key = models.CharField(_("number"), max_length=KEY_LENGTH, unique=True, default=new_key, editable=False)
    recipient = models.CharField(_("to"), max_length=10, choices=Recipient.choices, default=Recipient.UNION)
    anonymous = models.BooleanField(_("anonymous"), default=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("written by"),
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="suggestions",
        verbose_name=_("member"),
    )
    subject = models.CharField(_("subject"), max_length=120)
    text = models.TextField(_("suggestion"))
    # A day, not a time: a time would help guess who wrote an anonymous one.
    written_on = models.DateField(_("written on"))
    status = models.CharField(
        _("status"), max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.OPEN
    )
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_on = models.DateField(_("answered on"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        # Within a day by the random key: the order they came in would help guess who
        # wrote an anonymous one.
        ordering = ["-written_on", "key"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        constraints = [
            models.CheckConstraint(
                condition=Q(anonymous=False) | Q(author__isnull=True, member__isnull=True),
                name="suggestion_anonymous_has_no_writer",
                violation_error_message=_("An anonymous suggestion cannot name its writer."),
            )
        ]

    def __str__(self):
        return self.subject

    def mark_answered(self, user):
        """Answered by ``user`` today; the caller has set the answer and saves."""
        self.status = SuggestionStatus.ANSWERED
        self.answered_by = user
        self.answered_on = timezone.localdate()

    def get_absolute_url(self):
        return reverse("disclosure:suggestion_list") + "#suggestion-{}".format(self.key)
