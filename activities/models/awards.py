"""Awards, promotions in professional title, and mentor pairs (青蓝工程)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.choices import ProfessionalTitle
from members.models import Member
from unionhub.models import RecordModel
from unionhub.years import validate_record_date

from ..choices import (
    PENDING_AWARD_STATUSES,
    AwardKind,
    AwardLevel,
    AwardRecipientKind,
    AwardStatus,
    award_statuses_of,
)
from ..periods import school_year_label
from ..validators import validate_not_in_future
from .log import Club


class Award(RecordModel):
    """A prize, honour, paper, research project or open lesson, at a level.

    Won, or still applied for (申报) or nominated (推荐); a research project (课题) is one
    kind of it, approved (立项) and concluded (结题) in turn: it is listed, counted and
    exported beside the awards, as a union's table of 教科研成果 keeps it.
    """

    title = models.CharField(_("title"), max_length=120, help_text=_("The competition, honour or work, as named."))
    kind = models.CharField(_("kind"), max_length=20, choices=AwardKind.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=AwardStatus.choices, default=AwardStatus.AWARDED, db_index=True
    )
    level = models.PositiveSmallIntegerField(_("level"), choices=AwardLevel.choices)
    programme = models.CharField(
        _("programme"), max_length=60, blank=True, help_text=_("The named programme, for example 一师一优课.")
    )
    journal = models.CharField(
        _("journal"), max_length=80, blank=True, help_text=_("Where a paper was published, for example 江苏教育.")
    )
    rank = models.CharField(_("rank or prize"), max_length=40, blank=True, help_text=_("For example 一等奖."))
    awarded_on = models.DateField(_("date"), validators=[validate_record_date, validate_not_in_future])
    issuer = models.CharField(_("issued by"), max_length=80, blank=True)
    recipient_kind = models.CharField(
        _("awarded to"), max_length=10, choices=AwardRecipientKind.choices, default=AwardRecipientKind.MEMBERS
    )
    members = models.ManyToManyField(Member, related_name="awards", blank=True, verbose_name=_("members"))
    group_name = models.CharField(_("group"), max_length=60, blank=True, help_text=_("For example 高年级语文组."))
    club = models.ForeignKey(
        Club,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="awards",
        verbose_name=_("club or team"),
    )

    history = HistoricalRecords(m2m_fields=[members])

    class Meta:
        ordering = ["-awarded_on", "-pk"]
        verbose_name = _("award")
        verbose_name_plural = _("awards")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:award_detail", args=[self.pk])

    @property
    def is_pending(self):
        return self.status in PENDING_AWARD_STATUSES

    def clean(self):
        errors = {}
        if self.recipient_kind == AwardRecipientKind.GROUP and not self.group_name.strip():
            errors["group_name"] = ValidationError(
                _("Group: name the group that won it, for example 高年级语文组."), code="group_required"
            )
        if self.kind and self.status and self.status not in award_statuses_of(self.kind):
            errors["status"] = ValidationError(
                _("Status: %(kind)s cannot be “%(status)s”; choose one of: %(choices)s.")
                % {
                    "kind": AwardKind(self.kind).label,
                    "status": AwardStatus(self.status).label,
                    "choices": "、".join(str(AwardStatus(status).label) for status in award_statuses_of(self.kind)),
                },
                code="status_of_kind",
            )
        if self.kind == AwardKind.PAPER_PUBLISHED and not self.journal.strip():
            errors["journal"] = ValidationError(
                _("Journal: name the journal the paper was published in."), code="journal_required"
            )
        if errors:
            raise ValidationError(errors)


class Promotion(RecordModel):
    """A member's promotion in professional title (职称晋升)."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="promotions", verbose_name=_("member"))
    title = models.CharField(_("new professional title"), max_length=20, choices=ProfessionalTitle.choices)
    promoted_on = models.DateField(_("date"), validators=[validate_record_date, validate_not_in_future])
    note = models.CharField(_("note"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-promoted_on", "-pk"]
        verbose_name = _("promotion")
        verbose_name_plural = _("promotions")

    def __str__(self):
        return "{} · {}".format(self.member, self.get_title_display())

    def get_absolute_url(self):
        return reverse("activities:promotion_update", args=[self.pk])


class MentorPair(RecordModel):
    """A mentor and a young teacher paired for a school year (青蓝工程师徒结对)."""

    mentor = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="mentees_paired", verbose_name=_("mentor")
    )
    mentee = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="mentors_paired", verbose_name=_("mentee")
    )
    subject = models.CharField(_("subject"), max_length=40, blank=True)
    school_year = models.PositiveSmallIntegerField(
        _("school year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year it starts: 2025 for 2025—2026."),
    )
    goals = models.TextField(_("goals"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-school_year", "pk"]
        verbose_name = _("mentor pair")
        verbose_name_plural = _("mentor pairs")
        constraints = [
            models.CheckConstraint(
                condition=~Q(mentor=F("mentee")),
                name="mentor_pair_two_people",
                violation_error_message=_("A teacher cannot mentor themselves."),
            )
        ]

    def __str__(self):
        return "{} → {}".format(self.mentor, self.mentee)

    @property
    def school_year_label(self):
        return school_year_label(self.school_year)

    def get_absolute_url(self):
        return reverse("activities:mentor_detail", args=[self.pk])


class MentorMeeting(models.Model):
    pair = models.ForeignKey(MentorPair, on_delete=models.CASCADE, related_name="meetings", verbose_name=_("pair"))
    met_on = models.DateField(_("date"), validators=[validate_record_date, validate_not_in_future])
    topic = models.CharField(_("topic"), max_length=120)
    notes = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["met_on", "pk"]
        verbose_name = _("mentoring meeting")
        verbose_name_plural = _("mentoring meetings")

    def __str__(self):
        return self.topic
