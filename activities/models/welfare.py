"""Welfare (关爱与维权): visits, holiday greetings, hardship files and mutual-aid grants.

Welfare records are personal: a teacher sees only their own.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from members.choices import MemberStatus
from members.models import Member
from unionhub.models import RecordModel

from ..choices import Audience, Festival, FundingSource, HardshipStatus, VisitedPerson, VisitReason
from ..validators import check_date_range, chinese_number, validate_amount, validate_not_in_future

MONEY = {"max_digits": 10, "decimal_places": 2, "validators": [validate_amount]}
# Money that may not have been given at all: a gift in kind only leaves it empty, never 0.00.
OPTIONAL_MONEY = {**MONEY, "null": True, "blank": True}


# Looked up once per visit of a list: building the enum's values anew each time cost more.
VISIT_REASON_LABELS = dict(VisitReason.choices)


def occasion_label(reason, age):
    """A visit's reason as the union says it: 七十寿诞 for a seventieth birthday."""
    if reason == VisitReason.MILESTONE_BIRTHDAY and age:
        return "{}寿诞".format(chinese_number(age))
    label = VISIT_REASON_LABELS.get(reason)
    return reason if label is None else str(label)


def visited_a_retiree(status, status_changed_on, visited_on):
    """Whether the member had retired by the visit (a retiree without a recorded date counts):
    such a visit is reported under 离退休, not 关爱."""
    return status == MemberStatus.RETIRED and (status_changed_on is None or status_changed_on <= visited_on)


class Visit(RecordModel):
    """A visit (慰问) to a member, a member's relative or a retiree, with what was brought."""

    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="visits", verbose_name=_("member"))
    visited_person = models.CharField(
        _("who was visited"), max_length=10, choices=VisitedPerson.choices, default=VisitedPerson.MEMBER
    )
    relative = models.CharField(
        _("relative"), max_length=40, blank=True, help_text=_("Name and relation, for example 李梅（母亲）.")
    )
    reason = models.CharField(_("reason"), max_length=20, choices=VisitReason.choices)
    reason_detail = models.CharField(_("details"), max_length=200, blank=True)
    age = models.PositiveSmallIntegerField(
        _("age"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
        help_text=_("For a milestone birthday: 70 for a seventieth."),
    )
    visited_on = models.DateField(_("date"), validators=[validate_not_in_future])
    visitors = models.ManyToManyField(Member, related_name="visits_made", blank=True, verbose_name=_("visitors"))
    gifts = models.CharField(
        _("what was brought"), max_length=200, blank=True, help_text=_("Gifts in kind: 鲜花, 蛋糕, 纪念品, 慰问品…")
    )
    amount = models.DecimalField(
        _("amount (yuan)"), help_text=_("Leave empty when no money was given."), **OPTIONAL_MONEY
    )
    funding_source = models.CharField(
        _("paid from"), max_length=20, choices=FundingSource.choices, default=FundingSource.UNION_FUNDS
    )

    history = HistoricalRecords(m2m_fields=[visitors])

    class Meta:
        ordering = ["-visited_on", "-pk"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        indexes = [models.Index(fields=["school", "visited_on"], name="visit_school_date")]

    def __str__(self):
        return "{} · {}".format(self.member, self.get_reason_display())

    def get_absolute_url(self):
        return reverse("activities:visit_detail", args=[self.pk])

    @property
    def occasion(self):
        return occasion_label(self.reason, self.age)

    @property
    def is_to_retiree(self):
        return visited_a_retiree(self.member.status, self.member.status_changed_on, self.visited_on)

    def clean(self):
        if self.reason == VisitReason.MILESTONE_BIRTHDAY and not self.age:
            raise ValidationError(
                {"age": _("Give the age of the milestone birthday, for example 70.")}, code="age_required"
            )
        if self.visited_person == VisitedPerson.RELATIVE and not self.relative.strip():
            raise ValidationError({"relative": _("Name the relative who was visited.")}, code="relative_required")
        if self.reason == VisitReason.OTHER and not self.reason_detail.strip():
            raise ValidationError({"reason_detail": _("Say what the visit was for.")}, code="reason_required")


class GreetingBatch(RecordModel):
    """A holiday greeting (节日慰问) given to many members at once."""

    festival = models.CharField(_("festival"), max_length=20, choices=Festival.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    given_on = models.DateField(_("date given"), validators=[validate_not_in_future])
    audience = models.CharField(_("given to"), max_length=10, choices=Audience.choices, default=Audience.EVERYONE)
    amount_each = models.DecimalField(
        _("amount each (yuan)"), help_text=_("Leave empty when no money was given."), **OPTIONAL_MONEY
    )
    gifts = models.CharField(
        _("what was given"), max_length=200, blank=True, help_text=_("Gifts in kind: 月饼, 粽子, 鲜花, 纪念品…")
    )
    funding_source = models.CharField(
        _("paid from"), max_length=20, choices=FundingSource.choices, default=FundingSource.UNION_FUNDS
    )
    members = models.ManyToManyField(
        Member, through="GreetingRecipient", related_name="greeting_batches", verbose_name=_("recipients")
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("holiday greeting")
        verbose_name_plural = _("holiday greetings")

    def __str__(self):
        return "{}年{}".format(self.year, self.get_festival_display())

    def get_absolute_url(self):
        return reverse("activities:greeting_detail", args=[self.pk])


class GreetingRecipient(models.Model):
    batch = models.ForeignKey(
        GreetingBatch, on_delete=models.CASCADE, related_name="recipients", verbose_name=_("holiday greeting")
    )
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="greetings", verbose_name=_("member"))
    amount = models.DecimalField(_("amount (yuan)"), **OPTIONAL_MONEY)

    history = HistoricalRecords()

    class Meta:
        ordering = ["member__name_pinyin", "pk"]
        verbose_name = _("greeting recipient")
        verbose_name_plural = _("greeting recipients")
        constraints = [
            models.UniqueConstraint(
                fields=["batch", "member"],
                name="greeting_recipient_once_per_batch",
                violation_error_message=_("The member is already in this greeting."),
            )
        ]

    def __str__(self):
        return "{} · {}".format(self.batch, self.member)


class HardshipCase(RecordModel):
    """A file on a member in hardship (困难职工档案); chair and staff only."""

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="hardship_cases", verbose_name=_("member")
    )
    hardship = models.TextField(_("hardship"))
    status = models.CharField(_("status"), max_length=10, choices=HardshipStatus.choices, default=HardshipStatus.OPEN)
    opened_on = models.DateField(_("opened on"), validators=[validate_not_in_future])
    closed_on = models.DateField(_("closed on"), null=True, blank=True, validators=[validate_not_in_future])

    history = HistoricalRecords()

    class Meta:
        ordering = ["status", "-opened_on", "pk"]
        verbose_name = _("hardship case")
        verbose_name_plural = _("hardship cases")

    def __str__(self):
        return "{} · {}".format(self.member, self.get_status_display())

    def get_absolute_url(self):
        return reverse("activities:hardship_detail", args=[self.pk])

    def clean(self):
        check_date_range(self.opened_on, self.closed_on, end_field="closed_on")
        if self.status == HardshipStatus.CLOSED and not self.closed_on:
            raise ValidationError({"closed_on": _("Give the date the case was closed.")}, code="closed_on_required")


class HardshipAid(models.Model):
    """Help given to a hardship case, dated."""

    case = models.ForeignKey(HardshipCase, on_delete=models.CASCADE, related_name="aid", verbose_name=_("case"))
    given_on = models.DateField(_("date"), validators=[validate_not_in_future])
    description = models.CharField(_("help given"), max_length=200)
    amount = models.DecimalField(_("amount (yuan)"), default=0, **MONEY)
    funding_source = models.CharField(
        _("paid from"), max_length=20, choices=FundingSource.choices, default=FundingSource.UNION_FUNDS
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["given_on", "pk"]
        verbose_name = _("help given")
        verbose_name_plural = _("help given")

    def __str__(self):
        return self.description


class MutualAidGrant(RecordModel):
    """A grant from the mutual-aid fund (互济金)."""

    member = models.ForeignKey(
        Member, on_delete=models.PROTECT, related_name="mutual_aid_grants", verbose_name=_("member")
    )
    amount = models.DecimalField(_("amount (yuan)"), **MONEY)
    granted_on = models.DateField(_("date"), validators=[validate_not_in_future])
    reason = models.CharField(_("reason"), max_length=200)

    history = HistoricalRecords()

    class Meta:
        ordering = ["-granted_on", "-pk"]
        verbose_name = _("mutual-aid grant")
        verbose_name_plural = _("mutual-aid grants")

    def __str__(self):
        return "{} · {}".format(self.member, self.amount)

    def get_absolute_url(self):
        return reverse("activities:mutual_aid_update", args=[self.pk])
