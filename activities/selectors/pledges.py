"""Reads of pledge drives and the ethics assessment, for their pages and the annual summary.

The figure functions (``pledge_figures``, ``ethics_distribution``, ``ethics_figures``)
return plain numbers and dicts. A member deleted from the roster no longer counts: the
figures agree with what the pages show.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, F, Q

from members.choices import Gender, MemberStatus
from members.models import Member

from ..choices import EthicsGrade
from ..models import EthicsAssessment, EthicsPeriod, PledgeDrive, PledgeSignature

ONE_DECIMAL = Decimal("0.1")

# Who a pledge drive binds (the form offers these; ``pledge_audience`` resolves them).
AUDIENCE_ACTIVE = "active"
AUDIENCE_WOMEN = "women"
AUDIENCE_DEPARTMENT = "department"
AUDIENCE_CHOSEN = "chosen"


def _live_member(prefix=""):
    return Q(**{"{}member__deleted_at__isnull".format(prefix): True})


def department_order(prefix=""):
    """Members by department (the school's order, members without one last), then by pinyin.

    ``prefix`` reaches the member through a relation, e.g. ``"member__"``.
    """
    return [
        F("{}department__position".format(prefix)).asc(nulls_last=True),
        F("{}department__name".format(prefix)).asc(nulls_last=True),
        "{}name_pinyin".format(prefix),
        "pk",
    ]


# ---------------------------------------------------------------------------------------
# Pledge drives
# ---------------------------------------------------------------------------------------


def drives_with_counts(school):
    """The school's live drives, each annotated with ``bound`` and ``signed`` (one query)."""
    live = _live_member("signatures__")
    return (
        PledgeDrive.objects.filter(school=school)
        .annotate(
            bound=Count("signatures", filter=live),
            signed=Count("signatures", filter=live & Q(signatures__signed_on__isnull=False)),
        )
        .order_by("-year", "-opened_on", "pk")
    )


def drive_counts(drive):
    """``{"bound": M, "signed": N, "unsigned": M - N}`` for one drive."""
    counts = PledgeSignature.objects.filter(_live_member(), drive=drive).aggregate(
        bound=Count("pk"), signed=Count("signed_on")
    )
    counts["unsigned"] = counts["bound"] - counts["signed"]
    return counts


def drive_signatures(drive, show="", department=None):
    """The drive's bound members (live ones), by department then pinyin, with their signature.

    ``show`` is ``"unsigned"``, ``"signed"`` or anything else for all of them.
    """
    signatures = (
        PledgeSignature.objects.filter(_live_member(), drive=drive)
        .select_related("member__department")
        .order_by(*department_order("member__"))
    )
    if show == "unsigned":
        signatures = signatures.filter(signed_on__isnull=True)
    elif show == "signed":
        signatures = signatures.filter(signed_on__isnull=False)
    if department is not None:
        signatures = signatures.filter(member__department=department)
    return signatures


def pledge_audience(school, audience, department=None, chosen=None):
    """The live members a drive binds for ``audience`` (see the ``AUDIENCE_*`` names)."""
    members = Member.objects.filter(school=school)
    if audience == AUDIENCE_CHOSEN:
        return members.filter(pk__in=[m.pk for m in (chosen or [])])
    members = members.filter(status=MemberStatus.ACTIVE)
    if audience == AUDIENCE_WOMEN:
        return members.filter(gender=Gender.FEMALE)
    if audience == AUDIENCE_DEPARTMENT:
        return members.filter(department=department)
    return members


def recent_signature_changes(drive, limit=20):
    """The latest changes to the drive's signatures: who recorded what for whom, when."""
    return list(
        PledgeSignature.history.filter(drive_id=drive.pk)
        .select_related("history_user", "member")
        .order_by("-history_date", "-history_id")[:limit]
    )


def pledge_figures(school, start, end):
    """Per drive opened between ``start`` and ``end`` (inclusive): how many signed of how many.

    A list, oldest drive first, of dicts: ``pk``, ``title``, ``year``, ``opened_on``,
    ``bound``, ``signed``, ``unsigned``.
    """
    drives = drives_with_counts(school).filter(opened_on__range=(start, end)).order_by("opened_on", "pk")
    return [
        {
            "pk": drive.pk,
            "title": drive.title,
            "year": drive.year,
            "opened_on": drive.opened_on,
            "bound": drive.bound,
            "signed": drive.signed,
            "unsigned": drive.bound - drive.signed,
        }
        for drive in drives
    ]


# ---------------------------------------------------------------------------------------
# Ethics assessment
# ---------------------------------------------------------------------------------------


def _distribution_aggregates(prefix=""):
    field = "{}pk".format(prefix) if prefix else "pk"

    def q(**kwargs):
        return Q(**{"{}{}".format(prefix, key): value for key, value in kwargs.items()})

    live = q(member__deleted_at__isnull=True)
    aggregates = {
        "assessed": Count(field, filter=live),
        "vetoes": Count(field, filter=live & q(vetoed=True)),
        "scored": Count(field, filter=live & q(score__isnull=False)),
        "average_score": Avg("{}score".format(prefix), filter=live),
    }
    for grade in EthicsGrade.values:
        aggregates["grade_{}".format(grade)] = Count(field, filter=live & q(grade=grade))
    return aggregates


def _round_average(value):
    if value is None:
        return None
    return Decimal(str(value)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def as_distribution(row):
    return {
        "assessed": row["assessed"],
        "grades": {grade: row["grade_{}".format(grade)] for grade in EthicsGrade.values},
        "vetoes": row["vetoes"],
        "scored": row["scored"],
        "average_score": _round_average(row["average_score"]),
    }


def ethics_distribution(period):
    """One period's distribution: ``assessed`` (members with a score or grade), ``grades``
    (count per ``EthicsGrade`` value), ``vetoes``, ``scored`` and ``average_score`` (a
    ``Decimal`` with one place, over the scores entered; None when none was)."""
    row = EthicsAssessment.objects.filter(period=period).aggregate(**_distribution_aggregates())
    return as_distribution(row)


def periods_with_distribution(school):
    """The school's live periods, each annotated with its distribution (one query)."""
    return (
        EthicsPeriod.objects.filter(school=school)
        .annotate(**_distribution_aggregates("assessments__"))
        .order_by("-starts_on", "pk")
    )


def ethics_figures(school, start, end):
    """The ethics assessment of the periods starting between ``start`` and ``end`` (inclusive).

    ``periods`` (how many); ``months_assessed``: the calendar months of the range that the
    periods with assessments cover, each once (a term covers its months); ``people_assessed``
    and ``people_vetoed``: different members assessed, and vetoed (一票否决), each once however
    many periods; the totals over them as in ``ethics_distribution`` (``assessed`` counts
    assessments, person-times; ``grades`` counts per grade; the average is over every score
    entered); and ``by_period``: per period, oldest first, its ``pk``, ``title``, ``kind``,
    ``starts_on``, ``ends_on`` and distribution. Two queries.
    """
    periods = EthicsPeriod.objects.filter(school=school, starts_on__range=(start, end))
    by_period = [
        {
            "pk": period.pk,
            "title": period.title,
            "kind": period.kind,
            "starts_on": period.starts_on,
            "ends_on": period.ends_on,
            **as_distribution(period.__dict__),
        }
        for period in periods.annotate(**_distribution_aggregates("assessments__")).order_by("starts_on", "pk")
    ]
    assessments = EthicsAssessment.objects.filter(period__in=periods.values("pk"))
    totals = assessments.aggregate(
        **_distribution_aggregates(),
        people_assessed=Count("member", distinct=True, filter=Q(member__deleted_at__isnull=True)),
        people_vetoed=Count("member", distinct=True, filter=Q(member__deleted_at__isnull=True, vetoed=True)),
    )
    months = set()
    for period in (period for period in by_period if period["assessed"]):
        month = max(period["starts_on"], start).replace(day=1)
        while month <= min(period["ends_on"], end):
            months.add(month)
            month = datetime.date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return {
        "periods": len(by_period),
        "months_assessed": len(months),
        "people_assessed": totals["people_assessed"],
        "people_vetoed": totals["people_vetoed"],
        **as_distribution(totals),
        "by_period": by_period,
    }


def grid_members(period):
    """The rows of a period's grid: every member in service, plus anyone already assessed in
    it who has left service since; by department, then pinyin."""
    assessed = EthicsAssessment.objects.filter(period=period).values("member_id")
    return (
        Member.objects.filter(school=period.school_id)
        .filter(Q(status=MemberStatus.ACTIVE) | Q(pk__in=assessed))
        .select_related("department")
        .order_by(*department_order())
    )


def recent_assessment_changes(period, limit=20):
    """The latest changes to a period's assessments: who entered what for whom, when."""
    return list(
        EthicsAssessment.history.filter(period_id=period.pk)
        .select_related("history_user", "member")
        .order_by("-history_date", "-history_id")[:limit]
    )


def own_assessments(member):
    """A teacher's own assessments in live periods, newest period first."""
    if member is None:
        return EthicsAssessment.objects.none()
    return (
        EthicsAssessment.objects.filter(member=member, period__school=member.school_id, period__deleted_at__isnull=True)
        .select_related("period")
        .order_by("-period__starts_on", "pk")
    )
