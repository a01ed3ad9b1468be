"""The years a record may be dated in: a union enters records back to 2000; a date past
2100 (9999-12-31) is a typing slip."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2000
LAST_YEAR = 2100
EARLIEST_DATE = datetime.date(FIRST_YEAR, 1, 1)
LATEST_DATE = datetime.date(LAST_YEAR, 12, 31)


def date_range_error(value, earliest, latest):
    return ValidationError(
        _("%(date)s is not between %(earliest)s and %(latest)s; check the date."),
        code="date_out_of_range",
        params={
            "date": formats.date_format(value),
            "earliest": formats.date_format(earliest),
            "latest": formats.date_format(latest),
        },
    )


def validate_record_date(value):
    """A record's date lies from 2000-01-01 to 2100-12-31."""
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        raise date_range_error(value, EARLIEST_DATE, LATEST_DATE)


def parse_year(value):
    """A year from a query string (``?year=2015``) within 2000–2100, or None."""
    value = str(value or "").strip()
    if len(value) == 4 and value.isascii() and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    return None
