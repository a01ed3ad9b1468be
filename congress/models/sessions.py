"""Congress terms (届), delegates, sessions (次), attendance, agenda, motions and votes."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member
from unionhub.models import RecordModel, SchoolOwnedModel

from ..choices import SessionKind, TermKind
from ..numerals import chinese_number


class CongressSettings(SchoolOwnedModel):
    """A school's rules for proposals."""

    min_seconders = models.PositiveSmallIntegerField(
        _("minimum seconders"), default=2, help_text=_("How many members must second a proposal.")
    )
    proposals_open_from = models.DateField(
        _("proposals accepted from"),
        null=True,
        blank=True,
        help_text=_("Leave both dates empty to accept at any time."),
    )
    proposals_open_until = models.DateField(_("proposals accepted until"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("congress settings")
        verbose_name_plural = _("congress settings")
        constraints = [
            models.UniqueConstraint(fields=["school"], name="congress_settings_one_per_school"),
            models.CheckConstraint(
                condition=models.Q(proposals_open_from__isnull=True)
                | models.Q(proposals_open_until__isnull=True)
                | models.Q(proposals_open_until__gte=models.F("proposals_open_from")),
                name="congress_settings_proposal_window",
                violation_error_message=_("The proposal window cannot end before it starts."),
            ),
        ]

    def __str__(self):
        return str(_("Congress settings"))

    def accepts_proposals_on(self, day):
        """Whether ``day`` falls in the proposal window (open-ended on a side left empty)."""
        return (self.proposals_open_from is None or self.proposals_open_from <= day) and (
            self.proposals_open_until is None or day <= self.proposals_open_until
        )


class CongressTerm(RecordModel):
    """A term (届) of the congress, or of the all-staff assembly of a small school."""

    number = models.PositiveSmallIntegerField(_("term number"))
    start_year = models.PositiveSmallIntegerField(_("start year"))
    kind = models.CharField(_("kind"), max_length=20, choices=TermKind.choices, default=TermKind.CONGRESS)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("congress term")
        verbose_name_plural = _("congress terms")

    def __str__(self):
        return "第{}届{}".format(chinese_number(self.number), self.get_kind_display())

    def get_absolute_url(self):
        return reverse("congress:term_detail", args=[self.pk])

    @property
    def is_assembly(self):
        return self.kind != TermKind.CONGRESS


class Delegate(SchoolOwnedModel):
    """A member elected delegate (代表) for a term, in a delegation group (代表团/组)."""

    term = models.ForeignKey(CongressTerm, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("term"))
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="delegacies", verbose_name=_("member"))
    group = models.CharField(_("delegation group"), max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["group", "member__name_pinyin"]
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        constraints = [models.UniqueConstraint(fields=["term", "member"], name="delegate_once_per_term")]

    def __str__(self):
        return str(self.member)


class Session(RecordModel):
    """A session (次) of a term: 四届三次, of the delegates' congress (教代会) or of an
    assembly (教职工大会), which a school may hold besides its congress."""

    term = models.ForeignKey(CongressTerm, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("term"))
    number = models.PositiveSmallIntegerField(_("session number"))
    body = models.CharField(
        _("congress or assembly"),
        max_length=20,
        choices=TermKind.choices,
        blank=True,
        help_text=_("Leave empty to take the term's."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=SessionKind.choices, default=SessionKind.REGULAR)
    held_on = models.DateField(_("date"))
    place = models.CharField(_("place"), max_length=80, blank=True)
    theme = models.CharField(_("theme"), max_length=200, blank=True)
    report = models.TextField(_("the school's report"), blank=True)
    report_topics = models.TextField(
        _("topics of the principal's work report"),
        blank=True,
        help_text=_("One topic a line, e.g. 教育教学质量稳步提升."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("congress session")
        verbose_name_plural = _("congress sessions")

    def __str__(self):
        label = self.label
        if self.kind == SessionKind.EXTRAORDINARY:
            label += "（临时）"
        return label

    def get_absolute_url(self):
        return reverse("congress:session_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        if not self.body:
            self.body = self.term.kind
        super().save(*args, **kwargs)

    @property
    def is_assembly(self):
        return self.body != TermKind.CONGRESS

    @property
    def topics(self):
        """The report's topics, one a line, without empty lines."""
        return [line.strip() for line in self.report_topics.splitlines() if line.strip()]

    @property
    def label(self):
        """四届三次."""
        return "{}届{}次".format(chinese_number(self.term.number), chinese_number(self.number))


def session_document_upload_to(instance, filename):
    today = datetime.date.today()
    return "congress/{}/{:02d}/{}".format(today.year, today.month, filename)


class SessionDocument(SchoolOwnedModel):
    """A document of a session (the school's report, a draft put to the vote), checked by its bytes."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="documents", verbose_name=_("session"))
    file = models.FileField(_("file"), upload_to=session_document_upload_to)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("content type"), max_length=100)
    size = models.PositiveIntegerField(_("size"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("session document")
        verbose_name_plural = _("session documents")

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("congress:document_download", args=[self.pk])


class Attendance(SchoolOwnedModel):
    """Whether a voter (a delegate, or any active member at an assembly) was present."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="attendances", verbose_name=_("session")
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    present = models.BooleanField(_("present"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [models.UniqueConstraint(fields=["session", "member"], name="attendance_once_per_session")]

    def __str__(self):
        return str(self.member)


class AgendaItem(SchoolOwnedModel):
    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda", verbose_name=_("session"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title


class Motion(SchoolOwnedModel):
    """A text put to the vote, e.g. 奖励性绩效工资发放办法修改稿, optionally clause by clause."""

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="motions", verbose_name=_("agenda item")
    )
    title = models.CharField(_("title"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("motion")
        verbose_name_plural = _("motions")

    def __str__(self):
        return self.title


class MotionClause(SchoolOwnedModel):
    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="clauses", verbose_name=_("motion"))
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    title = models.CharField(_("title"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("clause")
        verbose_name_plural = _("clauses")

    def __str__(self):
        return self.title


class Vote(SchoolOwnedModel):
    """The ballots on a motion, or on one of its clauses."""

    motion = models.ForeignKey(Motion, on_delete=models.CASCADE, related_name="votes", verbose_name=_("motion"))
    clause = models.OneToOneField(
        MotionClause, on_delete=models.CASCADE, null=True, blank=True, related_name="vote", verbose_name=_("clause")
    )
    votes_for = models.PositiveIntegerField(_("for"))
    votes_against = models.PositiveIntegerField(_("against"))
    abstentions = models.PositiveIntegerField(_("abstaining"))
    present = models.PositiveIntegerField(_("present at the vote"))
    electorate = models.PositiveIntegerField(_("voters in all"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["clause__order", "pk"]
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["motion"], condition=models.Q(clause__isnull=True), name="vote_once_per_motion"
            )
        ]

    def __str__(self):
        return str(self.clause or self.motion)

    @property
    def ballots(self):
        return self.votes_for + self.votes_against + self.abstentions

    @property
    def passed(self):
        """More than half of all delegates (or all active members at an assembly) voted for."""
        return self.votes_for * 2 > self.electorate

    @property
    def approval_rate(self):
        """For / present, in percent, one decimal."""
        if not self.present:
            return None
        return round(self.votes_for * 100 / self.present, 1)
