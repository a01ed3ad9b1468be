"""Numbers a database can hold: a posted id or count beyond them is a form error.

SQLite raises ``OverflowError`` for an integer past 64 bits and PostgreSQL a ``DataError``
past its column's range; Django's choice fields do not catch either, so a hand-made
``99999999999999999999`` would answer 500 instead of "not one of the choices".
"""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.utils.translation import gettext as _

MAX_ID = 2**63 - 1  # BigAutoField, on every database
MAX_INTEGER = 2**31 - 1  # an IntegerField column on PostgreSQL


def parse_id(value):
    """``value`` as a positive id, or None when it is not one a table can hold."""
    value = str(value or "").strip()
    if not value.isascii() or not value.isdigit() or len(value) > 19:
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def _is_out_of_range(value):
    try:
        return abs(int(str(value).strip())) > MAX_ID
    except (TypeError, ValueError):
        return False


def _refusing_huge_ids(field):
    clean = field.clean

    def checked(value):
        values = value if isinstance(value, (list, tuple)) else [value]
        if any(_is_out_of_range(v) for v in values):
            raise ValidationError(
                _("Select a valid choice. That choice is not one of the available choices."), code="invalid_choice"
            )
        return clean(value)

    return checked


class BoundedNumbersMixin:
    """Every choice of rows refuses an id past 64 bits, and every integer field without its
    own upper bound refuses a number past a database integer column."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if isinstance(field, forms.ModelChoiceField):
                field.clean = _refusing_huge_ids(field)
            elif isinstance(field, forms.IntegerField) and field.max_value is None:
                if not any(isinstance(v, MaxValueValidator) for v in field.validators):
                    field.max_value = MAX_INTEGER
                    field.validators.append(MaxValueValidator(MAX_INTEGER))
                    field.widget.attrs.setdefault("max", MAX_INTEGER)
