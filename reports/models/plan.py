"""The annual plan (工作计划): sections of planned items, each linked to the activities and
campaigns that carried it out, so that the summary can show plan versus done."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from activities.models import Activity, Campaign
from unionhub.models import SchoolOwnedModel

from ..periods import CALENDAR_YEAR, Period
from .summary import PERIOD_KINDS


class AnnualPlan(SchoolOwnedModel):
    """A school's plan for a period, with its guiding paragraph (指导思想)."""

    kind = models.CharField(_("period"), max_length=20, choices=PERIOD_KINDS, default=CALENDAR_YEAR)
    year = models.PositiveSmallIntegerField(_("year"))
    guidance = models.TextField(_("guiding ideas"), blank=True)
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("annual plan")
        verbose_name_plural = _("annual plans")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "kind", "year"],
                name="annual_plan_one_per_period",
                violation_error_message=_("The school already has a plan for this period."),
            )
        ]

    def __str__(self):
        return str(_("Work plan of %(period)s") % {"period": self.period.label})

    @property
    def period(self):
        return Period(self.kind, self.year)


class PlanSection(SchoolOwnedModel):
    """A part of the plan: 加强队伍建设, 民主建设工程…"""

    plan = models.ForeignKey(AnnualPlan, on_delete=models.CASCADE, related_name="sections", verbose_name=_("plan"))
    title = models.CharField(_("title"), max_length=120)
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("plan section")
        verbose_name_plural = _("plan sections")

    def __str__(self):
        return self.title


class PlanItem(SchoolOwnedModel):
    """A planned piece of work and the records that carried it out."""

    section = models.ForeignKey(PlanSection, on_delete=models.CASCADE, related_name="items", verbose_name=_("section"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    activities = models.ManyToManyField(Activity, related_name="+", blank=True, verbose_name=_("activities"))
    campaigns = models.ManyToManyField(Campaign, related_name="+", blank=True, verbose_name=_("campaigns"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("planned item")
        verbose_name_plural = _("planned items")

    def __str__(self):
        return self.title


def plan_versus_done(plan):
    """Each planned item of ``plan`` with the live activities and campaigns of its period
    linked to it; an empty list means nothing was done for it. A fixed number of queries."""
    if plan.pk is None:
        return []
    period = plan.period
    activities = Activity.objects.filter(
        school=plan.school, starts_on__gte=period.start, starts_on__lte=period.end
    ).order_by("starts_on", "pk")
    campaigns = Campaign.objects.filter(school=plan.school).order_by("launched_on", "pk")
    sections = plan.sections.prefetch_related(
        models.Prefetch(
            "items",
            queryset=PlanItem.objects.filter(school=plan.school).prefetch_related(
                models.Prefetch("activities", queryset=activities),
                models.Prefetch("campaigns", queryset=campaigns),
            ),
        )
    )
    result = []
    for section in sections:
        rows = []
        for item in section.items.all():
            done = [*item.campaigns.all(), *item.activities.all()]
            rows.append(
                {
                    "item": item,
                    "campaigns": item.campaigns.all(),
                    "activities": item.activities.all(),
                    "done": bool(done),
                }
            )
        result.append({"section": section, "items": rows})
    return result
