"""The years a record may be dated in: a union enters records back to 2000."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

FIRST_YEAR = 2000
LAST_YEAR = 2100


def validate_year_range(value):
    """A date from 2000 to 2100; anything else is a typing slip (9999-12-31)."""
    if value is not None and not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise ValidationError(
            _("%(date)s is outside the years %(first)s to %(last)s; check the date.")
            % {"date": value.isoformat(), "first": FIRST_YEAR, "last": LAST_YEAR},
            code="year_range",
        )


def parse_year(value):
    """A year from a query string (``?year=2015``) within 2000–2100, or None."""
    value = str(value or "").strip()
    if len(value) == 4 and value.isascii() and value.isdigit() and FIRST_YEAR <= int(value) <= LAST_YEAR:
        return int(value)
    return None
