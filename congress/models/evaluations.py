"""Democratic evaluation (民主评议) of a leader or of cadres, from the paper ballots."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from unionhub.models import RecordModel


class DemocraticEvaluation(RecordModel):
    subject = models.CharField(_("evaluated"), max_length=120, help_text=_("A leader, or the cadres of a level."))
    evaluated_on = models.DateField(_("date"))
    excellent = models.PositiveIntegerField(_("excellent"), default=0)
    competent = models.PositiveIntegerField(_("competent"), default=0)
    basically_competent = models.PositiveIntegerField(_("basically competent"), default=0)
    incompetent = models.PositiveIntegerField(_("incompetent"), default=0)
    result = models.TextField(_("result"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-evaluated_on", "-pk"]
        verbose_name = _("democratic evaluation")
        verbose_name_plural = _("democratic evaluations")

    def __str__(self):
        return self.subject

    def get_absolute_url(self):
        return reverse("congress:evaluation_detail", args=[self.pk])

    @property
    def ballots(self):
        return self.excellent + self.competent + self.basically_competent + self.incompetent

    @property
    def satisfaction_rate(self):
        """优秀 + 称职 over all ballots, in percent, one decimal."""
        if not self.ballots:
            return None
        return round((self.excellent + self.competent) * 100 / self.ballots, 1)
