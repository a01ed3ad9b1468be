"""The chair's draft of a period's summary, and the versions frozen from it (定稿)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from unionhub.models import SchoolOwnedModel
from unionhub.years import validate_record_date

from ..document import SummaryDocument
from ..periods import CALENDAR_YEAR, SCHOOL_YEAR, Period

PERIOD_KINDS = [(CALENDAR_YEAR, _("calendar year")), (SCHOOL_YEAR, _("school year"))]


class SummaryDraft(SchoolOwnedModel):
    """What the chair wrote around the assembled figures, and how items are shown.

    Choices name sections and items by their stable keys, so they follow the record when
    the year's records change; a key whose record is gone is left unused. ``version``
    refuses a save made over someone else's.
    """

    TITLE_LENGTH = 100

    kind = models.CharField(_("period"), max_length=20, choices=PERIOD_KINDS, default=CALENDAR_YEAR)
    year = models.PositiveSmallIntegerField(_("year"))
    opening = models.TextField(_("opening paragraph"), blank=True)
    leads = models.JSONField(_("lead paragraphs"), default=dict, blank=True)
    experience = models.TextField(_("what the work taught us"), blank=True)
    shortcomings = models.TextField(_("shortcomings"), blank=True)
    plans = models.TextField(_("plans for the coming year"), blank=True)
    section_order = models.JSONField(_("order of the sections"), default=list, blank=True)
    hidden_items = models.JSONField(_("hidden items"), default=list, blank=True)
    item_order = models.JSONField(_("order of the items"), default=dict, blank=True)
    show_plan = models.BooleanField(_("show plan versus done"), default=False)
    # Section key → the chair's heading; item key → the chair's sub-point title, the section
    # it was moved to, the item it was merged into, the chair's sentences printed after it.
    headings = models.JSONField(_("section headings"), default=dict, blank=True)
    item_titles = models.JSONField(_("sub-point titles"), default=dict, blank=True)
    item_sections = models.JSONField(_("items moved to another section"), default=dict, blank=True)
    merges = models.JSONField(_("merged items"), default=dict, blank=True)
    additions = models.JSONField(_("added sentences"), default=dict, blank=True)
    # Blank or empty: the assembled title and signing date.
    title = models.CharField(_("title"), max_length=TITLE_LENGTH, blank=True)
    signed_on = models.DateField(_("signing date"), null=True, blank=True, validators=[validate_record_date])
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("summary draft")
        verbose_name_plural = _("summary drafts")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "kind", "year"],
                name="summary_draft_one_per_period",
                violation_error_message=_("The school already has a draft for this period."),
            )
        ]

    def __str__(self):
        return str(_("Summary draft of %(period)s") % {"period": self.period.label})

    @property
    def period(self):
        return Period(self.kind, self.year)


class SummaryVersion(SchoolOwnedModel):
    """A summary as it was frozen (定稿), numbered per draft; its document never changes."""

    draft = models.ForeignKey(SummaryDraft, on_delete=models.CASCADE, related_name="versions", verbose_name=_("draft"))
    number = models.PositiveIntegerField(_("number"))
    document = models.JSONField(_("document"))
    created_at = models.DateTimeField(_("frozen at"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("frozen by"),
    )

    class Meta:
        ordering = ["draft", "-number"]
        verbose_name = _("summary version")
        verbose_name_plural = _("summary versions")
        constraints = [
            models.UniqueConstraint(
                fields=["draft", "number"],
                name="summary_version_number_per_draft",
                violation_error_message=_("This draft already has a version of that number."),
            )
        ]

    def __str__(self):
        return str(_("Version %(number)d") % {"number": self.number})

    def summary_document(self):
        return SummaryDocument.from_json(self.document)
