"""What the union provides for the staff beyond single events: the places it keeps for them
(教工活动场所, the 职工之家) with their equipment, and the standing rules it keeps and the
channels the school discloses through (六必访制度, 劳动争议调解制度, 校长意见箱, 校务公开栏)."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from unionhub.models import RecordModel

from ..choices import FacilityKind, RuleKind
from ..validators import validate_not_in_future

# How people list things in one line: 跑步机、联合健身器械；象棋，围棋 (or one per line).
ITEM_SEPARATORS = re.compile(r"[、，,；;\n]+")


class Facility(RecordModel):
    """A place the union keeps for the staff to exercise, play or rest (教工活动室, 多功能球馆,
    教工阅览休闲区), where it is, what it holds, and since when."""

    name = models.CharField(
        _("name of the place"), max_length=80, help_text=_("For example 教工活动室, 多功能球馆 or 教工阅览休闲区.")
    )
    kind = models.CharField(_("kind of place"), max_length=20, choices=FacilityKind.choices)
    place = models.CharField(
        _("where it is"), max_length=100, blank=True, help_text=_("For example 东教学楼三楼办公室西 or 综合楼.")
    )
    equipment = models.TextField(
        _("equipment and furnishings"),
        blank=True,
        help_text=_("What it holds, separated by 、 or one per line: 跑步机、联合健身器械、两张休闲桌."),
    )
    opened_on = models.DateField(
        _("in use since"),
        null=True,
        blank=True,
        validators=[validate_not_in_future],
        help_text=_("When it was opened or added. Leave empty for a place the school has long had."),
    )
    description = models.TextField(pgettext_lazy("facility", "description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = [models.F("opened_on").asc(nulls_first=True), "pk"]
        verbose_name = _("staff facility")
        verbose_name_plural = _("staff facilities")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("activities:facility_detail", args=[self.pk])

    @property
    def equipment_items(self):
        """The equipment as a list, however it was separated when typed."""
        return [item.strip() for item in ITEM_SEPARATORS.split(self.equipment) if item.strip()]


class StandingRule(RecordModel):
    """A rule the union keeps (六必访制度, 劳动争议调解制度, 校务公开实施细则) or a channel the
    school discloses through and hears the staff by (校长意见箱, 校务公开栏, 网上公示)."""

    title = models.CharField(
        _("name of the rule or channel"),
        max_length=80,
        help_text=_("For example 六必访制度, 劳动争议调解制度, 校长意见箱 or 校务公开栏."),
    )
    kind = models.CharField(_("kind of rule"), max_length=20, choices=RuleKind.choices)
    what_it_does = models.TextField(
        _("what it does"),
        blank=True,
        help_text=_("For example 监督学校与教师签订劳动聘任合同, or the occasions on which a visit is always paid."),
    )
    adopted_on = models.DateField(
        _("adopted on"),
        null=True,
        blank=True,
        validators=[validate_not_in_future],
        help_text=_("Leave empty for a rule the union has long kept."),
    )
    revised_on = models.DateField(_("last revised on"), null=True, blank=True, validators=[validate_not_in_future])

    history = HistoricalRecords()

    class Meta:
        ordering = [models.F("adopted_on").asc(nulls_first=True), "pk"]
        verbose_name = _("rule or disclosure channel")
        verbose_name_plural = _("rules and disclosure channels")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("activities:rule_detail", args=[self.pk])

    def clean(self):
        if self.adopted_on and self.revised_on and self.revised_on < self.adopted_on:
            raise ValidationError(
                {"revised_on": _("The revision is dated before the rule was adopted.")}, code="revised_before_adopted"
            )
