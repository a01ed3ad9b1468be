"""Validators for the fields of a member's record: phone numbers and ID card numbers."""

import datetime
import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MOBILE_RE = re.compile(r"^1[3-9]\d{9}$")
# Landline: optional area code 0xx or 0xxx with optional dash, then 7-8 digits, optional extension.
LANDLINE_RE = re.compile(r"^(0\d{2,3}-?)?[2-9]\d{6,7}(-\d{1,6})?$")

ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK_CODES = "10X98765432"


def half_width(value):
    """Full-width digits, letters and spaces made half-width (１３８ → 138), then trimmed."""
    return unicodedata.normalize("NFKC", value or "").strip()


def normalize_id_card_number(value):
    """An ID card number as it is stored: half-width, trimmed, its check character X upper-case."""
    return half_width(value).upper()


def normalize_phone(value):
    return re.sub(r"[\s()（）]", "", value or "")


def validate_phone(value):
    """An 11-digit mobile number (1[3-9]…) or a landline such as 0519-88776655."""
    number = normalize_phone(value)
    if MOBILE_RE.match(number) or LANDLINE_RE.match(number):
        return
    raise ValidationError(
        _("“%(value)s” is not a phone number: enter an 11-digit mobile number or a landline such as 0519-88776655."),
        code="invalid_phone",
        params={"value": value},
    )


def id_check_digit(first17):
    """The GB 11643-1999 check character for the first 17 digits of an ID card number."""
    total = sum(int(d) * w for d, w in zip(first17, ID_WEIGHTS, strict=True))
    return ID_CHECK_CODES[total % 11]


def validate_id_card_number(value):
    """An 18-character resident ID card number with a valid birth date and check digit."""
    number = (value or "").upper()
    if not re.fullmatch(r"\d{17}[\dX]", number):
        raise ValidationError(
            _("An ID card number has 18 characters: 17 digits and a final digit or X."),
            code="invalid_id_format",
        )
    try:
        datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as error:
        raise ValidationError(
            _("The birth date inside the ID card number is not a real date."), code="invalid_id_date"
        ) from error
    if id_check_digit(number[:17]) != number[17]:
        raise ValidationError(
            _("The ID card number's check digit is wrong; please check each digit."),
            code="invalid_id_check",
        )


def mask_id_card_number(value):
    """Keep the first 6 and the last 4 characters: 320483********1234."""
    if not value:
        return ""
    return value[:6] + "*" * (len(value) - 10) + value[-4:]
