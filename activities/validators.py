"""Rules shared by the forms and models of the union's records."""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _


def validate_not_in_future(value):
    """Something already done cannot have happened after today."""
    if value and value > timezone.localdate():
        raise ValidationError(
            _("%(date)s is in the future; record it once it has happened.") % {"date": value.isoformat()},
            code="future",
        )


def validate_amount(value):
    """Yuan: not negative, and not more than any single payment of a union plausibly is."""
    if value is None:
        return
    if value < 0:
        raise ValidationError(_("An amount cannot be negative."), code="negative")
    limit = Decimal(settings.UNIONHUB["MAX_AMOUNT_YUAN"])
    if value > limit:
        raise ValidationError(
            _("%(amount)s yuan is more than the %(limit)s yuan a single payment may be; check the figure.")
            % {"amount": value, "limit": limit},
            code="absurd",
        )


def check_date_range(start, end, end_field="ends_on"):
    """``{end_field: error}`` when the end comes before the start."""
    if start and end and end < start:
        raise ValidationError(
            {end_field: ValidationError(_("The end date is before the start date."), code="end_before_start")}
        )


CHINESE_DIGITS = "零一二三四五六七八九"


def chinese_number(number):
    """11 → 十一, 23 → 二十三: how campaigns are counted (第十一个师德建设月)."""
    if number < 10:
        return CHINESE_DIGITS[number]
    if number < 20:
        return "十" + (CHINESE_DIGITS[number % 10] if number % 10 else "")
    if number < 100:
        tens, units = divmod(number, 10)
        return CHINESE_DIGITS[tens] + "十" + (CHINESE_DIGITS[units] if units else "")
    return str(number)
