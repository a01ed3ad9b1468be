"""The 168 care action (168爱生行动): a teacher paired with a student, logged monthly."""

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Member
from unionhub.models import RecordModel

from .awards import school_year_label

# Each month: at least 6 talks or home visits and at least 8 tutoring sessions.
TALKS_TARGET = 6
TUTORING_TARGET = 8


class CarePair(RecordModel):
    """A teacher and the one student in difficulty they look after for a school year.

    Student data is kept minimal (name, class, reason) and shown only to chair, staff and
    the pairing teacher.
    """

    teacher = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="care_pairs", verbose_name=_("teacher"))
    student_name = models.CharField(_("student's name"), max_length=30)
    student_class = models.CharField(_("class"), max_length=30, help_text=_("For example 初二（3）班."))
    reason = models.CharField(_("difficulty"), max_length=200)
    school_year = models.PositiveSmallIntegerField(
        _("school year"),
        validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year it starts: 2025 for 2025—2026."),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["teacher__name_pinyin", "pk"]
        verbose_name = _("168 pair")
        verbose_name_plural = _("168 pairs")

    def __str__(self):
        return "{} · {}".format(self.teacher, self.student_name)

    @property
    def school_year_label(self):
        return school_year_label(self.school_year)

    def get_absolute_url(self):
        return reverse("activities:care_pair_detail", args=[self.pk])


def month_start(day):
    return day.replace(day=1)


def validate_month_begun(value):
    if value and month_start(value) > month_start(timezone.localdate()):
        raise ValidationError(
            _("%(year)s年%(month)s月 has not begun yet; log a month once it has started.")
            % {"year": value.year, "month": value.month},
            code="month_not_begun",
        )


class CareLog(models.Model):
    """A pair's counts for one month: talks and home visits, and tutoring sessions."""

    pair = models.ForeignKey(CarePair, on_delete=models.CASCADE, related_name="logs", verbose_name=_("pair"))
    month = models.DateField(_("month"), validators=[validate_month_begun], help_text=_("The first day of the month."))
    talks = models.PositiveSmallIntegerField(_("talks and home visits"), default=0, validators=[MaxValueValidator(99)])
    tutoring = models.PositiveSmallIntegerField(_("tutoring sessions"), default=0, validators=[MaxValueValidator(99)])
    notes = models.CharField(_("notes"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["month", "pk"]
        verbose_name = _("168 monthly log")
        verbose_name_plural = _("168 monthly logs")
        constraints = [
            models.UniqueConstraint(
                fields=["pair", "month"],
                name="care_log_one_per_month",
                violation_error_message=_("This month is already logged for the pair."),
            )
        ]

    def __str__(self):
        return "{} · {:%Y-%m}".format(self.pair, self.month)

    def save(self, *args, **kwargs):
        self.month = month_start(self.month)
        super().save(*args, **kwargs)

    @property
    def talks_met(self):
        return self.talks >= TALKS_TARGET

    @property
    def tutoring_met(self):
        return self.tutoring >= TUTORING_TARGET

    @property
    def targets_met(self):
        return self.talks_met and self.tutoring_met


def school_year_months(start_year):
    """The twelve first-days of a school year, September to August."""
    return [datetime.date(start_year + (m < 9), m, 1) for m in (*range(9, 13), *range(1, 9))]
