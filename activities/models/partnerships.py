"""Partnerships (共建): a village, a community, a company or another school the union pairs
with (村校共建, 结对共建), with the agreement signed and the activities done together."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from unionhub.models import RecordModel

from ..choices import PartnerKind
from ..validators import check_date_range, validate_not_in_future
from .log import Activity


def agreement_path(instance, filename):
    return "partnerships/{}/{}".format(instance.school_id, filename)


class Partnership(RecordModel):
    """A standing partnership with a unit outside the school and what was done in it."""

    partner = models.CharField(_("partner"), max_length=80, help_text=_("For example 清溪村村委会 or 阳光小学."))
    kind = models.CharField(_("kind of partner"), max_length=20, choices=PartnerKind.choices)
    programme = models.CharField(
        _("name of the partnership"), max_length=80, blank=True, help_text=_("For example 村校共建 or 结对共建.")
    )
    started_on = models.DateField(_("start date"), validators=[validate_not_in_future])
    is_active = models.BooleanField(_("still active"), default=True)
    ended_on = models.DateField(
        _("end date"), null=True, blank=True, validators=[validate_not_in_future], help_text=_("Only when it ended.")
    )
    agreement_signed_on = models.DateField(
        _("agreement signed on"), null=True, blank=True, validators=[validate_not_in_future]
    )
    agreement = models.FileField(_("agreement"), upload_to=agreement_path, blank=True)
    agreement_name = models.CharField(_("agreement file name"), max_length=200, blank=True)
    agreement_content_type = models.CharField(_("agreement file type"), max_length=100, blank=True)
    description = models.TextField(_("description"), blank=True)
    activities = models.ManyToManyField(
        Activity, related_name="partnerships", blank=True, verbose_name=_("activities done together")
    )

    history = HistoricalRecords(m2m_fields=[activities])

    class Meta:
        ordering = ["-started_on", "pk"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")

    def __str__(self):
        if self.programme:
            return "{} · {}".format(self.partner, self.programme)
        return self.partner

    def get_absolute_url(self):
        return reverse("activities:partnership_detail", args=[self.pk])

    def clean(self):
        check_date_range(self.started_on, self.ended_on, end_field="ended_on")
        if self.is_active and self.ended_on:
            raise ValidationError(
                {"ended_on": _("A partnership still active has no end date: untick “still active” or clear the date.")},
                code="active_with_end",
            )
        if not self.is_active and not self.ended_on:
            raise ValidationError({"ended_on": _("Give the date the partnership ended.")}, code="end_required")
