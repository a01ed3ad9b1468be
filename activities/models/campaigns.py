"""When and where a club or team meets every week (社团活动时间)."""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..choices import Weekday
from .log import Club

WEEKDAY_LABELS = dict(Weekday.choices)


def weekdays_label(days):
    """``"35"`` → ``"周三、周五"``: the stored weekdays as people write them."""
    return "、".join(str(WEEKDAY_LABELS[int(day)]) for day in days)


class ClubSchedule(models.Model):
    """A club's weekly meeting: the weekdays, the time and the place (每周三下午 羽毛球馆)."""

    club = models.OneToOneField(Club, on_delete=models.CASCADE, related_name="weekly", verbose_name=_("club or team"))
    weekdays = models.CharField(
        _("weekdays"),
        max_length=7,
        validators=[RegexValidator(r"^[1-7]{1,7}$", _("Choose the weekdays the club meets on."))],
    )
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("until"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=80, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("weekly schedule")
        verbose_name_plural = _("weekly schedules")

    def __str__(self):
        return self.summary

    @property
    def day_list(self):
        return [int(day) for day in self.weekdays]

    @property
    def days_label(self):
        return gettext("every %(days)s") % {"days": weekdays_label(self.weekdays)}

    @property
    def time_label(self):
        if self.starts_at and self.ends_at:
            return "{:%H:%M}—{:%H:%M}".format(self.starts_at, self.ends_at)
        if self.starts_at:
            return gettext("from %(time)s") % {"time": "{:%H:%M}".format(self.starts_at)}
        return ""

    @property
    def summary(self):
        """``每周三、周五 15:30—17:00 体育馆``."""
        return " ".join(part for part in (self.days_label, self.time_label, self.place) if part)

    def clean(self):
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The club cannot stop before it starts.")}, code="end_before_start")
