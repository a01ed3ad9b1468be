"""Reads of the 168 care action (168爱生行动): the year grid, the month page and the figures
the annual summary quotes.

Every function costs a fixed number of queries however many pairs and logs there are:
the pairs in one query (joined to their teachers), the logs in another.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone

from ..models import TALKS_TARGET, TUTORING_TARGET, CareLog, CarePair, month_start, school_year_months
from ..periods import school_year_of

# How a month of a pair stands against the two targets.
BOTH = "both"  # both targets met
ONE = "one"  # one of the two met
NONE = "none"  # neither met
MISSING = "missing"  # begun, not logged
FUTURE = "future"  # not begun yet


def previous_month(day):
    """The first day of the month before ``day``'s month."""
    return (month_start(day) - datetime.timedelta(days=1)).replace(day=1)


def log_status(talks, tutoring):
    met = (talks >= TALKS_TARGET) + (tutoring >= TUTORING_TARGET)
    return (NONE, ONE, BOTH)[met]


def _one_decimal(numerator, denominator):
    if not denominator:
        return Decimal("0.0")
    return (Decimal(numerator) / Decimal(denominator)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _percent(numerator, denominator):
    return _one_decimal(numerator * 100, denominator)


def live_pairs(school):
    """The school's live pairs whose teacher is still on the roster (a deleted member's pair
    counts nowhere, like their other records)."""
    return CarePair.objects.filter(school=school, teacher__deleted_at__isnull=True)


def pairs_of_year(school, year, teacher=None):
    """The live pairs of a school year, by teacher's pinyin, their teachers joined."""
    pairs = live_pairs(school).filter(school_year=year).select_related("teacher")
    if teacher is not None:
        pairs = pairs.filter(teacher=teacher)
    return pairs.order_by("teacher__name_pinyin", "pk")


def grid_cell(month, log, this_month):
    """One month of one pair, as the grid shows it."""
    if month > this_month:
        return {"month": month, "status": FUTURE, "begun": False, "log": None}
    if log is None:
        return {"month": month, "status": MISSING, "begun": True, "log": None}
    return {"month": month, "status": log_status(log["talks"], log["tutoring"]), "begun": True, "log": log}


def grid_row(pair, months, logs_by_month, this_month):
    cells = [grid_cell(month, logs_by_month.get(month), this_month) for month in months]
    logged = [cell["log"] for cell in cells if cell["log"] is not None]
    return {
        "pair": pair,
        "cells": cells,
        "talks": sum(log["talks"] for log in logged),
        "tutoring": sum(log["tutoring"] for log in logged),
        "logged": len(logged),
        "begun": sum(1 for cell in cells if cell["begun"]),
        "both_met": sum(1 for cell in cells if cell["status"] == BOTH),
    }


def care_grid(school, year, teacher=None, pair_id=None, today=None):
    """The year grid: one row per pair of school year ``year`` (September to August), each
    month's counts against the targets, row totals, and the figures above the grid.

    ``teacher`` limits it to one teacher's pairs, ``pair_id`` to one pair. Two queries.
    """
    today = today or timezone.localdate()
    this_month = month_start(today)
    months = school_year_months(year)
    pairs = pairs_of_year(school, year, teacher)
    if pair_id is not None:
        pairs = pairs.filter(pk=pair_id)
    pairs = list(pairs)
    logs = CareLog.objects.filter(
        pair__school=school,
        pair__school_year=year,
        pair__deleted_at__isnull=True,
        pair__teacher__deleted_at__isnull=True,
    )
    if teacher is not None:
        logs = logs.filter(pair__teacher=teacher)
    if pair_id is not None:
        logs = logs.filter(pair_id=pair_id)
    by_pair = {}
    if pairs:
        for log in logs.values("pk", "pair_id", "month", "talks", "tutoring", "notes"):
            by_pair.setdefault(log["pair_id"], {})[log["month"]] = log
    rows = [grid_row(pair, months, by_pair.get(pair.pk, {}), this_month) for pair in pairs]
    log_count = sum(row["logged"] for row in rows)
    both_met = sum(row["both_met"] for row in rows)
    return {
        "year": year,
        "months": months,
        "rows": rows,
        "figures": {
            "pairs": len(rows),
            "logs": log_count,
            "both_met": both_met,
            "both_met_percent": _percent(both_met, log_count),
            "expected": sum(row["begun"] for row in rows),
        },
    }


def missing_from_grid(grid, month):
    """The rows of ``grid`` that have not logged ``month`` (which must be one of its months)."""
    index = grid["months"].index(month)
    return [row["pair"] for row in grid["rows"] if row["cells"][index]["status"] == MISSING]


def missing_last_month(school, today=None):
    """Who has not logged the month before ``today``'s month: the pairs of that month's
    school year without a log for it. One query.

    Returns ``{"month": date, "teachers": [{"pair_id", "teacher_id", "name"}, …]}``, by pinyin.
    """
    month = previous_month(today or timezone.localdate())
    pairs = (
        pairs_of_year(school, school_year_of(month))
        .exclude(logs__month=month)
        .values_list("pk", "teacher_id", "teacher__name")
    )
    return {
        "month": month,
        "teachers": [{"pair_id": pk, "teacher_id": teacher_id, "name": name} for pk, teacher_id, name in pairs],
    }


def care_figures(school, start, end, today=None):
    """The 168 care action over the period ``start``–``end`` (dates, both included), for
    the annual summary. Two queries.

    A pair counts when its school year overlaps the period; a log when its month does.
    A month is *expected* of a pair when it lies in the pair's school year and in the period
    and has begun by ``today``; expected months without a log are *missed*.

    ``pairs`` counts each teacher and student once: a calendar year spans two school years,
    and a pair of 2024—2025 carried on in 2025—2026 is one pair, not two (``pair_records``
    counts the records of both years).

    Returns plain numbers: ``pairs``, ``pair_records``, ``teachers``, ``logs``, ``talks``, ``tutoring``,
    ``talks_per_month`` and ``tutoring_per_month`` (per pair per logged month, one decimal),
    ``months_talks_met``, ``months_tutoring_met``, ``months_both_met``,
    ``both_met_percent`` (of the logs, one decimal), ``expected_months``,
    ``missed_months``, ``teachers_missed`` (``[{"teacher_id", "name", "months": [date…]}]``,
    by pinyin), and the two targets.
    """
    today = today or timezone.localdate()
    first_month = month_start(start)
    last_month = min(month_start(end), month_start(today))
    years = (school_year_of(start), school_year_of(end))
    # Plain rows, not models: a busy school has a hundred and fifty pairs, and the figures
    # need five of their columns.
    pairs = list(
        live_pairs(school)
        .filter(school_year__range=years)
        .order_by("teacher__name_pinyin", "school_year", "pk")
        .values_list("pk", "teacher_id", "teacher__name", "student_name", "school_year", named=True)
    )
    logs = list(
        CareLog.objects.filter(
            pair__school=school,
            pair__deleted_at__isnull=True,
            pair__teacher__deleted_at__isnull=True,
            pair__school_year__range=years,
            month__gte=first_month,
            month__lte=month_start(end),
        ).values_list("pair_id", "month", "talks", "tutoring")
    )
    logged = {(pair_id, month) for pair_id, month, _talks, _tutoring in logs}
    missed_by_teacher = {}
    expected = 0
    months_in_period = {
        year: [month for month in school_year_months(year) if first_month <= month <= last_month]
        for year in {pair.school_year for pair in pairs}
    }
    for pair in pairs:
        for month in months_in_period[pair.school_year]:
            expected += 1
            if (pair.pk, month) not in logged:
                entry = missed_by_teacher.setdefault(
                    pair.teacher_id, {"teacher_id": pair.teacher_id, "name": pair.teacher__name, "months": []}
                )
                entry["months"].append(month)
    talks = sum(row[2] for row in logs)
    tutoring = sum(row[3] for row in logs)
    talks_met = sum(1 for row in logs if row[2] >= TALKS_TARGET)
    tutoring_met = sum(1 for row in logs if row[3] >= TUTORING_TARGET)
    both_met = sum(1 for row in logs if row[2] >= TALKS_TARGET and row[3] >= TUTORING_TARGET)
    missed = sum(len(entry["months"]) for entry in missed_by_teacher.values())
    return {
        "pairs": len({(pair.teacher_id, "".join(pair.student_name.split())) for pair in pairs}),
        "pair_records": len(pairs),
        "pks": [pair.pk for pair in pairs],
        "teachers": len({pair.teacher_id for pair in pairs}),
        "logs": len(logs),
        "talks": talks,
        "tutoring": tutoring,
        "talks_per_month": _one_decimal(talks, len(logs)),
        "tutoring_per_month": _one_decimal(tutoring, len(logs)),
        "months_talks_met": talks_met,
        "months_tutoring_met": tutoring_met,
        "months_both_met": both_met,
        "both_met_percent": _percent(both_met, len(logs)),
        "expected_months": expected,
        "missed_months": missed,
        "teachers_missed": list(missed_by_teacher.values()),
        "talks_target": TALKS_TARGET,
        "tutoring_target": TUTORING_TARGET,
    }


def month_rows(pairs, month):
    """The month page's rows: each pair with its log of ``month`` (or None). One query."""
    logs = {
        log.pair_id: log
        for log in CareLog.objects.filter(pair_id__in=[pair.pk for pair in pairs], month=month).only(
            "pk", "pair_id", "month", "talks", "tutoring", "notes"
        )
    }
    return [(pair, logs.get(pair.pk)) for pair in pairs]
