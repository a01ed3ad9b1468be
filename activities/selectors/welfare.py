"""Reads of the welfare records (关爱与维权): the pages' lists and the annual summary's figures.

Every figure function takes ``(school, start, end)`` (both dates included) and returns plain
numbers and dicts; money is ``Decimal`` yuan with two places.
"""

from decimal import Decimal

from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractYear

from ..choices import FundingSource, HardshipStatus, VisitReason
from ..models import GreetingBatch, GreetingRecipient, HardshipAid, HardshipCase, MutualAidGrant, Visit

CENT = Decimal("0.01")
ZERO = Decimal("0.00")


def yuan(value):
    """``value`` (a Decimal, an int or None) as yuan with two places."""
    return Decimal(value or 0).quantize(CENT)


def _grouped(queryset, field, choices):
    """``{code: {"label", "count", "amount"}}`` in the order of ``choices``, only codes present."""
    rows = {
        row[field]: row for row in queryset.order_by().values(field).annotate(count=Count("pk"), amount=Sum("amount"))
    }
    return {
        code: {"label": str(label), "count": rows[code]["count"], "amount": yuan(rows[code]["amount"])}
        for code, label in choices
        if code in rows
    }


# ---------------------------------------------------------------------------------------
# Visits (慰问)
# ---------------------------------------------------------------------------------------


def visits(school):
    """The school's live visits, newest first, ready for a list (member and visitors loaded)."""
    return Visit.objects.filter(school=school).select_related("member").prefetch_related("visitors")


def visits_between(school, start=None, end=None):
    queryset = Visit.objects.filter(school=school)
    if start:
        queryset = queryset.filter(visited_on__gte=start)
    if end:
        queryset = queryset.filter(visited_on__lte=end)
    return queryset


def totals_of_visits(queryset):
    """Count and yuan of ``queryset`` by reason, by funding source and in all (two queries)."""
    by_reason = _grouped(queryset, "reason", VisitReason.choices)
    by_source = _grouped(queryset, "funding_source", FundingSource.choices)
    return {
        "count": sum(row["count"] for row in by_reason.values()),
        "amount": yuan(sum((row["amount"] for row in by_reason.values()), ZERO)),
        "by_reason": by_reason,
        "by_source": by_source,
    }


def visit_totals(school, start, end):
    """Visits of the period: ``{"count", "amount", "by_reason": {reason: {"label", "count",
    "amount"}}, "by_source": {source: {…}}}``."""
    return totals_of_visits(visits_between(school, start, end))


# ---------------------------------------------------------------------------------------
# Holiday greetings (节日慰问)
# ---------------------------------------------------------------------------------------


def greeting_batches(school):
    """The school's batches with their number of recipients and yuan given (one query)."""
    return (
        GreetingBatch.objects.filter(school=school)
        .annotate(recipient_count=Count("recipients"), total_amount=Sum("recipients__amount"))
        .order_by("-given_on", "-pk")
    )


def recipients_of(batch):
    return GreetingRecipient.objects.filter(batch=batch).select_related("member", "member__department")


def greetings_of_member(school, member):
    """A member's own greetings (their recipient rows of live batches), newest first."""
    return (
        GreetingRecipient.objects.filter(batch__school=school, batch__deleted_at__isnull=True, member=member)
        .select_related("batch")
        .order_by("-batch__given_on", "-pk")
    )


def greeting_figures(school, start, end):
    """Batches given in the period: ``{"count", "recipients", "amount", "batches": [{"pk",
    "festival", "festival_label", "year", "given_on", "recipients", "amount"}]}`` by date."""
    batches = [
        {
            "pk": batch.pk,
            "festival": batch.festival,
            "festival_label": batch.get_festival_display(),
            "year": batch.year,
            "given_on": batch.given_on,
            "recipients": batch.recipient_count,
            "amount": yuan(batch.total_amount),
        }
        for batch in greeting_batches(school).filter(given_on__gte=start, given_on__lte=end).order_by("given_on", "pk")
    ]
    return {
        "count": len(batches),
        "recipients": sum(batch["recipients"] for batch in batches),
        "amount": yuan(sum((batch["amount"] for batch in batches), ZERO)),
        "batches": batches,
    }


# ---------------------------------------------------------------------------------------
# Hardship cases (困难职工档案)
# ---------------------------------------------------------------------------------------


def hardship_cases(school):
    """The school's cases with the number and yuan of the help given (one query)."""
    return (
        HardshipCase.objects.filter(school=school)
        .select_related("member")
        .annotate(aid_count=Count("aid"), aid_amount=Sum("aid__amount"))
        .order_by("status", "-opened_on", "pk")
    )


def aid_of(case):
    return HardshipAid.objects.filter(case=case)


def hardship_figures(school, start, end):
    """Cases and help in the period: ``{"cases"`` (files open at some time in the period),
    ``"opened"``, ``"closed"``, ``"open_at_end"``, ``"members"`` (distinct members helped),
    ``"aid_count"``, ``"aid_amount"``, ``"aid_by_source": {source: {"label", "count",
    "amount"}}}``."""
    cases = HardshipCase.objects.filter(school=school, opened_on__lte=end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=start)
    )
    counts = cases.aggregate(
        cases=Count("pk"),
        opened=Count("pk", filter=Q(opened_on__gte=start)),
        closed=Count("pk", filter=Q(status=HardshipStatus.CLOSED, closed_on__lte=end)),
        open_at_end=Count("pk", filter=Q(closed_on__isnull=True) | Q(closed_on__gt=end)),
    )
    aid = HardshipAid.objects.filter(
        case__school=school, case__deleted_at__isnull=True, given_on__gte=start, given_on__lte=end
    )
    by_source = _grouped(aid, "funding_source", FundingSource.choices)
    return {
        **counts,
        "members": aid.order_by().values("case__member").distinct().count(),
        "aid_count": sum(row["count"] for row in by_source.values()),
        "aid_amount": yuan(sum((row["amount"] for row in by_source.values()), ZERO)),
        "aid_by_source": by_source,
    }


# ---------------------------------------------------------------------------------------
# Mutual-aid grants (互济金)
# ---------------------------------------------------------------------------------------


def mutual_aid_grants(school):
    return MutualAidGrant.objects.filter(school=school).select_related("member")


def yearly_totals(queryset):
    """``[{"year", "count", "amount"}]`` of grants, newest year first (one query)."""
    rows = (
        queryset.order_by()
        .annotate(year=ExtractYear("granted_on"))
        .values("year")
        .annotate(count=Count("pk"), amount=Sum("amount"))
        .order_by("-year")
    )
    return [{"year": row["year"], "count": row["count"], "amount": yuan(row["amount"])} for row in rows]


def mutual_aid_figures(school, start, end):
    """Grants of the period: ``{"count", "members"`` (distinct), ``"amount"}``."""
    grants = MutualAidGrant.objects.filter(school=school, granted_on__gte=start, granted_on__lte=end)
    figures = grants.aggregate(count=Count("pk"), members=Count("member", distinct=True), amount=Sum("amount"))
    figures["amount"] = yuan(figures["amount"])
    return figures
