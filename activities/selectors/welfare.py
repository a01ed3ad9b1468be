"""Reads of the welfare records (关爱与维权): the pages' lists and the annual summary's figures.

Every figure function takes ``(school, start, end)`` (both dates included) and returns plain
numbers and dicts; money is ``Decimal`` yuan with two places. A visit or a greeting may bring
gifts in kind only: its amount is then ``None`` (no money), and it adds nothing to the yuan.

A visit to a member who had retired by the day of the visit is a visit to a retiree: the
summary reports it under 离退休, the others under 关爱.
"""

from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.db.models.functions import ExtractYear

from members.choices import MemberStatus

from ..choices import Audience, FundingSource, HardshipStatus, VisitReason
from ..models import GreetingBatch, GreetingRecipient, HardshipAid, HardshipCase, MutualAidGrant, Visit
from ..models.welfare import occasion_label, visited_a_retiree

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

# The member had retired by the day of the visit (a retiree without a recorded date counts).
TO_RETIREE = Q(member__status=MemberStatus.RETIRED) & (
    Q(member__status_changed_on__isnull=True) | Q(member__status_changed_on__lte=F("visited_on"))
)
WITH_MONEY = Q(amount__isnull=False)
WITH_GIFTS = ~Q(gifts="")


def given_kind(amount, gifts):
    """What was given: ``"money"``, ``"gifts"`` (in kind only), ``"both"`` or ``"nothing"``."""
    if amount is not None and gifts:
        return "both"
    if amount is not None:
        return "money"
    return "gifts" if gifts else "nothing"


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


def _visits_by_reason(queryset):
    """``{reason: {"label", "count", "amount", "with_money", "gifts_only", "retirees",
    "retiree_amount", "care"}}`` in the order of the reasons, only reasons present (one query)."""
    rows = {
        row["reason"]: row
        for row in queryset.order_by()
        .values("reason")
        .annotate(
            count=Count("pk"),
            total=Sum("amount"),
            with_money=Count("pk", filter=WITH_MONEY),
            gifts_only=Count("pk", filter=~WITH_MONEY & WITH_GIFTS),
            retirees=Count("pk", filter=TO_RETIREE),
            retiree_total=Sum("amount", filter=TO_RETIREE),
        )
    }
    return {
        code: {
            "label": str(label),
            "count": rows[code]["count"],
            "amount": yuan(rows[code]["total"]),
            "with_money": rows[code]["with_money"],
            "gifts_only": rows[code]["gifts_only"],
            "retirees": rows[code]["retirees"],
            "retiree_amount": yuan(rows[code]["retiree_total"]),
            "care": rows[code]["count"] - rows[code]["retirees"],
        }
        for code, label in VisitReason.choices
        if code in rows
    }


def _split(by_reason, count_key, amount_of):
    rows = {
        code: {"label": row["label"], "count": row[count_key], "amount": amount_of(row)}
        for code, row in by_reason.items()
        if row[count_key]
    }
    return {
        "count": sum(row["count"] for row in rows.values()),
        "amount": yuan(sum((row["amount"] for row in rows.values()), ZERO)),
        "by_reason": rows,
    }


def totals_of_visits(queryset):
    """Count and yuan of ``queryset`` by reason, by funding source and in all (two queries).

    Besides ``count``, ``amount``, ``by_reason`` and ``by_source``: ``with_money`` (visits
    that gave money, with or without gifts), ``gifts_only`` (gifts in kind, no money), and
    the split for the summary: ``retirees`` (visits to retirees, 离退休) and ``care`` (the
    others, 关爱), each ``{"count", "amount", "by_reason": {reason: {"label", "count",
    "amount"}}}``.
    """
    by_reason = _visits_by_reason(queryset)
    by_source = _grouped(queryset, "funding_source", FundingSource.choices)
    return {
        "count": sum(row["count"] for row in by_reason.values()),
        "amount": yuan(sum((row["amount"] for row in by_reason.values()), ZERO)),
        "with_money": sum(row["with_money"] for row in by_reason.values()),
        "gifts_only": sum(row["gifts_only"] for row in by_reason.values()),
        "by_reason": by_reason,
        "by_source": by_source,
        "retirees": _split(by_reason, "retirees", lambda row: row["retiree_amount"]),
        "care": _split(by_reason, "care", lambda row: row["amount"] - row["retiree_amount"]),
    }


def visit_totals(school, start, end):
    """Visits of the period: ``{"count", "amount", "with_money", "gifts_only", "by_reason":
    {reason: {"label", "count", "amount", …}}, "by_source": {source: {…}}, "retirees": {…},
    "care": {…}}`` (see ``totals_of_visits``; two queries)."""
    return totals_of_visits(visits_between(school, start, end))


def visits_of_period(school, start, end):
    """Each visit of the period in date order, as the summary names them (one query):
    ``[{"pk", "member", "visited_on", "reason", "occasion"`` (七十寿诞, 金婚…), ``"detail",
    "age", "relative", "gifts", "amount"`` (None: no money), ``"given"`` (see
    ``given_kind``), ``"to_retiree"}]``. Plain rows: a busy year has a thousand visits."""
    rows = (
        visits_between(school, start, end)
        .order_by("visited_on", "pk")
        .values(
            "pk",
            "member__name",
            "member__status",
            "member__status_changed_on",
            "visited_on",
            "reason",
            "reason_detail",
            "age",
            "relative",
            "gifts",
            "amount",
        )
    )
    occasions = {}  # worded once per reason and age, not once per visit
    for row in rows:
        key = (row["reason"], row["age"])
        if key not in occasions:
            occasions[key] = occasion_label(*key)
    return [
        {
            "pk": row["pk"],
            "member": row["member__name"],
            "visited_on": row["visited_on"],
            "reason": row["reason"],
            "occasion": occasions[(row["reason"], row["age"])],
            "detail": row["reason_detail"],
            "age": row["age"],
            "relative": row["relative"],
            "gifts": row["gifts"],
            "amount": None if row["amount"] is None else yuan(row["amount"]),
            "given": given_kind(row["amount"], row["gifts"]),
            "to_retiree": visited_a_retiree(row["member__status"], row["member__status_changed_on"], row["visited_on"]),
        }
        for row in rows
    ]


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
    "festival", "festival_label", "year", "given_on", "recipients", "amount", "gifts",
    "given"`` (see ``given_kind``; a batch with no money has amount 0.00 and given "gifts"),
    ``"audience", "to_retirees"}]}`` by date."""
    batches = [
        {
            "pk": batch.pk,
            "festival": batch.festival,
            "festival_label": batch.get_festival_display(),
            "year": batch.year,
            "given_on": batch.given_on,
            "recipients": batch.recipient_count,
            "amount": yuan(batch.total_amount),
            "gifts": batch.gifts,
            "given": given_kind(batch.total_amount, batch.gifts),
            "audience": batch.audience,
            "to_retirees": batch.audience == Audience.RETIREES,
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
    # A school has a handful of cases: they are read once and counted here.
    rows = list(cases.values_list("pk", "opened_on", "closed_on", "status"))
    counts = {
        "cases": len(rows),
        "opened": sum(1 for _, opened, _, _ in rows if opened >= start),
        "closed": sum(
            1 for _, _, closed, status in rows if status == HardshipStatus.CLOSED and closed and closed <= end
        ),
        "open_at_end": sum(1 for _, _, closed, _ in rows if closed is None or closed > end),
    }
    aid = HardshipAid.objects.filter(
        case__school=school, case__deleted_at__isnull=True, given_on__gte=start, given_on__lte=end
    )
    by_source = _grouped(aid, "funding_source", FundingSource.choices)
    return {
        **counts,
        "pks": [pk for pk, _, _, _ in rows],
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
