"""Official holidays and make-up workdays entered for years the holiday package does not know."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from unionhub.models import District, School

from ..choices import CalendarDayKind


class HolidayCalendarDay(models.Model):
    """A day of the official calendar as a district, or one of its schools, entered it:
    a holiday (法定节假日) or a make-up working day (调休上班). A school's entry wins over
    its district's for the same date."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="+", verbose_name=_("district"))
    school = models.ForeignKey(
        School, on_delete=models.CASCADE, null=True, blank=True, related_name="+", verbose_name=_("school")
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind of day"), max_length=10, choices=CalendarDayKind.choices)
    name = models.CharField(pgettext_lazy("holiday", "name"), max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["date", "pk"]
        verbose_name = _("holiday calendar day")
        verbose_name_plural = _("holiday calendar days")
        constraints = [
            models.UniqueConstraint(
                fields=["district", "date"],
                condition=Q(school__isnull=True),
                name="holiday_day_once_per_district",
                violation_error_message=_("This date has already been entered."),
            ),
            models.UniqueConstraint(
                fields=["school", "date"],
                condition=Q(school__isnull=False),
                name="holiday_day_once_per_school",
                violation_error_message=_("This date has already been entered."),
            ),
        ]

    def __str__(self):
        return "{} {}".format(self.date.isoformat(), self.name or self.get_kind_display())

    @property
    def is_workday(self):
        return self.kind == CalendarDayKind.WORKDAY
