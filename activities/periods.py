"""Years, months and school years: read from a query string or a form, or worked out from a day.

One place for what every concern of the app needs: ``?year=2025`` on a list, ``?month=2025-10``
on a calendar, and the school year (学年) a day falls in.
"""

import datetime
import re

from django.utils import timezone

from unionhub.years import FIRST_YEAR

MONTH_PATTERN = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*月?\s*(?:[-/.]\s*\d{1,2}\s*日?)?\s*$")
# What ``<input type=month>`` sends, and nothing else: 2025-10 (2025-1 too).
STRICT_MONTH_PATTERN = re.compile(r"^\s*(\d{4})\s*-\s*(\d{1,2})\s*$")

_SAME_AS_DEFAULT = object()


def year_from_query(request, key, default, *, blank=_SAME_AS_DEFAULT, first=1900, last=2999):
    """The year asked for with ``?key=`` in the query string.

    ``default`` when the key is absent or is not a plausible year (digits only, from
    ``first`` to ``last``; ``None`` for either leaves that end open); ``blank`` (by default
    ``default`` too) when it is there but empty, which some lists take to mean every year.
    """
    value = request.GET.get(key)
    if value is None:
        return default
    value = value.strip()
    if not value:
        return default if blank is _SAME_AS_DEFAULT else blank
    if not value.isdecimal():
        return default
    year = int(value)
    if (first is not None and year < first) or (last is not None and year > last):
        return default
    return year


def parse_month(value, *, strict=False, first_year=2000, last_year=2100):
    """``2025-10`` (also ``2025-10-01``, ``2025/10``, ``2025年10月``) → 2025-10-01, else None.

    ``strict`` takes only year-month (``2025-10``), as a calendar's ``?month=`` does.
    """
    match = (STRICT_MONTH_PATTERN if strict else MONTH_PATTERN).match(value or "")
    if match:
        year, month = int(match[1]), int(match[2])
        if first_year <= year <= last_year and 1 <= month <= 12:
            return datetime.date(year, month, 1)
    return None


def school_year_of(day=None):
    """The school year (its first calendar year) a day falls in, by default today's:
    September starts a new one, so 2025 runs from September 2025 to August 2026."""
    day = day or timezone.localdate()
    return day.year if day.month >= 9 else day.year - 1


def school_year_label(start_year):
    return "{}—{}学年".format(start_year, start_year + 1)


def school_years_label(start_years):
    """2014—2015、2015—2016学年 for the school years a period's records belong to."""
    return "{}学年".format("、".join("{}—{}".format(year, year + 1) for year in sorted(start_years)))


def school_year_choices(extra=None):
    """Every school year from 2000—2001 (records go back to it) to the coming one (pairs are
    made in the summer), newest first, labelled 2025—2026学年; ``extra`` (a record's own
    year) kept if outside."""
    current = school_year_of()
    years = set(range(FIRST_YEAR, current + 2))
    if extra is not None:
        years.add(extra)
    return [(year, school_year_label(year)) for year in sorted(years, reverse=True)]
