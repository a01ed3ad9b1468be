"""Notices of school-affairs disclosure (校务公开), their attachments, read receipts and objections."""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from members.models import Member
from unionhub.models import RecordModel, SchoolOwnedModel

from ..choices import NoticeStatus, ObjectionStatus
from ..workdays import OFFICIAL, working_days_left


class NoticeCategory(SchoolOwnedModel):
    """A kind of notice (招生, 财务…); each school has the defaults and may add its own."""

    name = models.CharField(pgettext_lazy("category", "name"), max_length=30)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("notice category")
        verbose_name_plural = _("notice categories")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "name"],
                name="notice_category_unique_name",
                violation_error_message=_("This school already has a category of that name."),
            )
        ]

    def __str__(self):
        return self.name


class Notice(RecordModel):
    """A notice published on the board for a window (公示期) of working days or to an end date."""

    title = models.CharField(_("title"), max_length=120)
    category = models.ForeignKey(
        NoticeCategory, on_delete=models.PROTECT, related_name="notices", verbose_name=_("category")
    )
    body = models.TextField(
        _("text"), blank=True, help_text=_("Markdown or simple HTML; scripts and styles are removed.")
    )
    starts_on = models.DateField(_("window starts on"))
    working_days = models.PositiveSmallIntegerField(_("window length in working days"), null=True, blank=True)
    ends_on = models.DateField(_("window ends on"))
    status = models.CharField(_("status"), max_length=10, choices=NoticeStatus.choices, default=NoticeStatus.DRAFT)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True, editable=False)
    withdrawal_reason = models.TextField(_("reason for withdrawal"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")),
                name="notice_window_ends_after_start",
                violation_error_message=_("The window cannot end before it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status=NoticeStatus.WITHDRAWN) | ~Q(withdrawal_reason=""),
                name="notice_withdrawal_has_reason",
                violation_error_message=_("A withdrawal needs a reason."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("disclosure:notice_detail", args=[self.pk])

    def state(self, today=None):
        """Draft, published (window open or not started), closed (window over) or withdrawn."""
        today = today or timezone.localdate()
        if self.status == NoticeStatus.PUBLISHED and self.ends_on < today:
            return NoticeStatus.CLOSED
        return self.status

    def state_label(self):
        return NoticeStatus(self.state()).label

    def in_window(self, today=None):
        today = today or timezone.localdate()
        return self.status == NoticeStatus.PUBLISHED and self.starts_on <= today <= self.ends_on

    def days_left(self, today=None, calendar=OFFICIAL):
        """Working days left in the window, today included (0 once it is over)."""
        today = today or timezone.localdate()
        return working_days_left(self.ends_on, max(today, self.starts_on), calendar)

    def settle_status(self, today=None):
        """A published notice whose window is already over is recorded as closed (archived),
        and a closed one whose window was moved into the future as published again."""
        today = today or timezone.localdate()
        if self.status in (NoticeStatus.PUBLISHED, NoticeStatus.CLOSED):
            self.status = NoticeStatus.CLOSED if self.ends_on < today else NoticeStatus.PUBLISHED

    @property
    def is_visible_to_members(self):
        return self.status != NoticeStatus.DRAFT


def notice_upload_to(instance, filename):
    today = datetime.date.today()
    return "disclosure/{}/{:02d}/{}".format(today.year, today.month, filename)


class NoticeAttachment(models.Model):
    """A PDF, Word or Excel file published with a notice (checked by its bytes)."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("notice"))
    file = models.FileField(_("file"), upload_to=notice_upload_to)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("notice attachment")
        verbose_name_plural = _("notice attachments")

    def __str__(self):
        return self.original_name


class NoticeRead(models.Model):
    """A read receipt: this user opened this notice."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reads", verbose_name=_("notice"))
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_reads", verbose_name=_("user")
    )
    read_at = models.DateTimeField(_("read at"), default=timezone.now)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-read_at", "pk"]
        verbose_name = _("read receipt")
        verbose_name_plural = _("read receipts")
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="notice_read_unique_user")]

    def __str__(self):
        return "{} · {}".format(self.notice, self.user)


class Objection(SchoolOwnedModel):
    """An objection (异议) raised during a notice's window, and the staff's answer."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="objections", verbose_name=_("notice"))
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="notice_objections",
        verbose_name=_("raised by"),
    )
    member = models.ForeignKey(
        Member,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notice_objections",
        verbose_name=_("member"),
    )
    text = models.TextField(_("objection"))
    raised_at = models.DateTimeField(_("raised at"), default=timezone.now, editable=False)
    status = models.CharField(_("status"), max_length=10, choices=ObjectionStatus.choices, default=ObjectionStatus.OPEN)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["raised_at", "pk"]
        verbose_name = _("objection")
        verbose_name_plural = _("objections")

    def __str__(self):
        return "{} · {}".format(self.notice, self.raised_by)

    def get_absolute_url(self):
        return reverse("disclosure:notice_detail", args=[self.notice_id]) + "#objection-{}".format(self.pk)
