"""Pledge drives with per-member signatures, and the ethics assessment (师德考核)."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member
from unionhub.models import RecordModel
from unionhub.years import validate_record_date

from ..choices import AssessmentPeriodKind, EthicsGrade
from ..validators import check_date_range, validate_not_in_future


class PledgeDrive(RecordModel):
    """A promise members sign for a year: 拒绝有偿补课公开承诺, 师德承诺, 个人补课事项报告…"""

    title = models.CharField(_("title"), max_length=80)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    text = models.TextField(_("text of the pledge"), blank=True)
    opened_on = models.DateField(_("opened on"), validators=[validate_record_date])
    members = models.ManyToManyField(
        Member, through="PledgeSignature", related_name="pledge_drives", verbose_name=_("members bound")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "-opened_on", "pk"]
        verbose_name = _("pledge drive")
        verbose_name_plural = _("pledge drives")

    def __str__(self):
        return "{}（{}年）".format(self.title, self.year)

    def get_absolute_url(self):
        return reverse("activities:pledge_detail", args=[self.pk])


class PledgeSignature(models.Model):
    """One member bound by a drive; ``signed_on`` is empty until they sign."""

    drive = models.ForeignKey(
        PledgeDrive, on_delete=models.CASCADE, related_name="signatures", verbose_name=_("pledge")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="pledge_signatures", verbose_name=_("member")
    )
    signed_on = models.DateField(
        _("signed on"), null=True, blank=True, validators=[validate_record_date, validate_not_in_future]
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["member__name_pinyin", "pk"]
        verbose_name = _("pledge signature")
        verbose_name_plural = _("pledge signatures")
        constraints = [
            models.UniqueConstraint(
                fields=["drive", "member"],
                name="pledge_signature_unique_member",
                violation_error_message=_("The member is already bound by this pledge."),
            )
        ]

    def __str__(self):
        return "{} · {}".format(self.drive, self.member)


class EthicsPeriod(RecordModel):
    """A month or term of the ethics assessment, graded in one grid."""

    title = models.CharField(_("title"), max_length=80, help_text=_("For example 2025年9月 or 2025—2026学年第一学期."))
    kind = models.CharField(_("kind"), max_length=10, choices=AssessmentPeriodKind.choices)
    starts_on = models.DateField(_("start date"), validators=[validate_record_date])
    ends_on = models.DateField(_("end date"), validators=[validate_record_date])

    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("ethics assessment period")
        verbose_name_plural = _("ethics assessment periods")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:ethics_grid", args=[self.pk])

    def clean(self):
        check_date_range(self.starts_on, self.ends_on)


class EthicsAssessment(models.Model):
    """One teacher's score or grade for a period; a recorded violation vetoes it (一票否决)."""

    period = models.ForeignKey(
        EthicsPeriod, on_delete=models.CASCADE, related_name="assessments", verbose_name=_("period")
    )
    member = models.ForeignKey(
        Member, on_delete=models.CASCADE, related_name="ethics_assessments", verbose_name=_("member")
    )
    score = models.DecimalField(
        _("score"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    grade = models.CharField(_("grade"), max_length=10, choices=EthicsGrade.choices, blank=True)
    vetoed = models.BooleanField(_("vetoed"), default=False)
    veto_reason = models.CharField(_("violation recorded"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["member__name_pinyin", "pk"]
        verbose_name = _("ethics assessment")
        verbose_name_plural = _("ethics assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "member"],
                name="ethics_assessment_unique_member",
                violation_error_message=_("The member is already assessed in this period."),
            ),
            models.CheckConstraint(
                condition=Q(vetoed=False) | (~Q(veto_reason="") & Q(grade=EthicsGrade.FAIL)),
                name="ethics_assessment_veto_has_reason",
                violation_error_message=_("A veto needs the violation it is for, and makes the grade 不合格."),
            ),
        ]

    def __str__(self):
        return "{} · {}".format(self.period, self.member)

    def clean(self):
        if self.vetoed:
            if not self.veto_reason.strip():
                raise ValidationError(
                    {"veto_reason": _("Write down the violation the veto is for.")}, code="veto_without_reason"
                )
            self.grade = EthicsGrade.FAIL
        elif self.veto_reason:
            raise ValidationError({"vetoed": _("A violation is written down: tick the veto, or clear the reason.")})
