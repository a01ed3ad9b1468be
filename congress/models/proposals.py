"""Proposals (提案) with their seconders (附议), and suggestion drives (合理化建议征集)."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.models import Department, Member
from unionhub.models import RecordModel, SchoolOwnedModel

from ..choices import ProposalState


class Proposal(RecordModel):
    title = models.CharField(_("title"), max_length=200)
    reasons = models.TextField(_("reasons"))
    measures = models.TextField(_("suggested measures"))
    proposer = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="proposals", verbose_name=_("proposer"))
    seconders = models.ManyToManyField(
        Member, through="Seconding", related_name="seconded_proposals", verbose_name=_("seconders")
    )
    state = models.CharField(
        _("state"), max_length=20, choices=ProposalState.choices, default=ProposalState.SUBMITTED, editable=False
    )
    submitted_on = models.DateField(_("submitted on"))
    decided_on = models.DateField(_("decided on"), null=True, blank=True, editable=False)
    decision_reason = models.TextField(_("reason of the decision"), blank=True, editable=False)
    department = models.ForeignKey(
        Department,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("department in charge"),
        editable=False,
    )
    assigned_on = models.DateField(_("assigned on"), null=True, blank=True, editable=False)
    reply = models.TextField(_("reply"), blank=True, editable=False)
    replied_on = models.DateField(_("replied on"), null=True, blank=True, editable=False)
    feedback_on = models.DateField(_("proposer's answer on"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-submitted_on", "-pk"]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("congress:proposal_detail", args=[self.pk])


class Seconding(SchoolOwnedModel):
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, related_name="secondings", verbose_name=_("proposal")
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="+", verbose_name=_("member"))
    seconded_on = models.DateField(_("seconded on"))

    history = HistoricalRecords()

    class Meta:
        ordering = ["seconded_on", "pk"]
        verbose_name = _("seconding")
        verbose_name_plural = _("secondings")
        constraints = [models.UniqueConstraint(fields=["proposal", "member"], name="second_once")]

    def __str__(self):
        return str(self.member)


class SuggestionDrive(RecordModel):
    """A titled collection window for ideas (合理化建议征集, 金点子征集)."""

    title = models.CharField(_("title"), max_length=120)
    opens_on = models.DateField(_("opens on"))
    closes_on = models.DateField(_("closes on"))
    description = models.TextField(_("description"), blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_on", "-pk"]
        verbose_name = _("suggestion drive")
        verbose_name_plural = _("suggestion drives")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_on__gte=models.F("opens_on")),
                name="suggestion_drive_window",
                violation_error_message=_("The window must close on or after the day it opens."),
            )
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("congress:drive_detail", args=[self.pk])


class Suggestion(SchoolOwnedModel):
    drive = models.ForeignKey(
        SuggestionDrive, on_delete=models.CASCADE, related_name="suggestions", verbose_name=_("drive")
    )
    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("member")
    )
    text = models.TextField(_("idea"))
    received_on = models.DateField(_("received on"))
    evaluation = models.TextField(_("evaluation"), blank=True)
    adopted = models.BooleanField(_("adopted"), default=False)

    history = HistoricalRecords()

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")

    def __str__(self):
        return self.text[:30]
