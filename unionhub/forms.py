"""Form bases shared by every app."""

import datetime
import functools

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

from . import login_delay
from .years import EARLIEST_DATE, LATEST_DATE, date_range_error

# What each integer column holds on every database (PostgreSQL's widths; SQLite's driver
# cannot even bind a number past the 64-bit range, and raises instead of answering).
INTEGER_RANGES = BaseDatabaseOperations.integer_field_ranges
# A number field that says nothing of its range is written to an integer column.
DEFAULT_INTEGER_RANGE = INTEGER_RANGES["IntegerField"]
# Amounts and scores: well past any yuan figure a school union records.
DEFAULT_DECIMAL_LIMIT = 10**12

# A person's own dates (birth, joining the school) reach further back than the records.
PERSON_DATES_FROM = datetime.date(1900, 1, 1)


class DateInput(forms.DateInput):
    """The browser's date picker (``<input type=date>``, ISO dates), the project's one date widget.

    It offers the days from ``earliest`` (2000-01-01 unless told) to 2100-12-31, and with
    ``past_only=True`` no day after today (worked out at each rendering). The form checks
    the same bounds on the server (``BoundedInputMixin``).
    """

    input_type = "date"

    def __init__(self, *, past_only=False, earliest=EARLIEST_DATE, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)
        self.past_only = past_only
        self.earliest = earliest

    def get_context(self, name, value, attrs):
        latest = timezone.localdate() if self.past_only else LATEST_DATE
        bounds = {"min": self.earliest.isoformat(), "max": latest.isoformat()}
        if not self.past_only:
            # A form's own narrower bounds stay.
            bounds = {key: day for key, day in bounds.items() if key not in self.attrs}
        return super().get_context(name, value, {**bounds, **(attrs or {})})


def parse_id(value):
    """``value`` (a posted or queried id) as a positive id a table can hold, or None."""
    value = str(value or "").strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= INTEGER_RANGES["BigAutoField"][1] else None


def _key_range(field):
    """The range of the integer column a model choice field looks its keys up in, or None."""
    meta = field.queryset.model._meta
    key = meta.get_field(field.to_field_name) if field.to_field_name else meta.pk
    return INTEGER_RANGES.get(key.get_internal_type())


class KeyInRangeMixin:
    """A model choice refuses a key past its column's range as it refuses any unknown
    choice, before asking the database (where it would raise instead of answering)."""

    def clean(self, value):
        bounds = _key_range(self)
        if bounds is not None:
            for item in value if isinstance(value, (list, tuple)) else [value]:
                try:
                    number = int(str(item).strip())
                except (TypeError, ValueError):
                    continue
                if not bounds[0] <= number <= bounds[1]:
                    raise ValidationError(
                        self.error_messages["invalid_choice"], code="invalid_choice", params={"value": item}
                    )
        return super().clean(value)


@functools.cache
def _key_in_range_class(field_class):
    return type(field_class.__name__, (KeyInRangeMixin, field_class), {"__module__": field_class.__module__})


class DateRangeValidator:
    def __init__(self, earliest, latest):
        self.earliest, self.latest = earliest, latest

    def __call__(self, value):
        if value is not None and not self.earliest <= value <= self.latest:
            raise date_range_error(value, self.earliest, self.latest)


def _keep_tightest_bounds(field):
    """One message per side: a form's own narrower bound (e.g. at most 999) replaces the column's."""
    for kind, tightest in ((MaxValueValidator, min), (MinValueValidator, max)):
        bounds = [v for v in field.validators if type(v) is kind and not callable(v.limit_value)]
        if len(bounds) > 1:
            keep = tightest(bounds, key=lambda v: v.limit_value)
            field.validators = [v for v in field.validators if v not in bounds or v is keep]


def bound_field(field):
    """Bounds what ``field`` accepts to what the database stores and the app can compute with:
    model choices to their key column's range, numbers to a column's range, dates to the
    records' years. Bounds the field already has are kept."""
    if getattr(field, "input_bounded", False):
        return
    field.input_bounded = True
    if isinstance(field, forms.ModelChoiceField) and not isinstance(field, KeyInRangeMixin):
        field.__class__ = _key_in_range_class(type(field))
    elif isinstance(field, forms.DecimalField):
        if field.max_value is None and field.max_digits is None:
            field.validators.append(MaxValueValidator(DEFAULT_DECIMAL_LIMIT))
        if field.min_value is None and field.max_digits is None:
            field.validators.append(MinValueValidator(-DEFAULT_DECIMAL_LIMIT))
    elif isinstance(field, forms.IntegerField) and not isinstance(field, forms.FloatField):
        if field.max_value is None:
            field.max_value = DEFAULT_INTEGER_RANGE[1]
            field.validators.append(MaxValueValidator(field.max_value))
        if field.min_value is None:
            field.min_value = DEFAULT_INTEGER_RANGE[0]
            field.validators.append(MinValueValidator(field.min_value))
        _keep_tightest_bounds(field)
    elif isinstance(field, forms.DateField):
        earliest = getattr(field.widget, "earliest", EARLIEST_DATE)
        field.validators.append(DateRangeValidator(earliest, LATEST_DATE))


class BoundedInputMixin:
    """No input makes a server error: every field of the form is bounded (``bound_field``)
    when the form is cleaned, fields added by a subclass's ``__init__`` included."""

    def full_clean(self):
        for field in self.fields.values():
            bound_field(field)
        super().full_clean()


def _is_school_owned(model):
    try:
        model._meta.get_field("school")
    except FieldDoesNotExist:
        return False
    return True


def school_safe_formfield(db_field, **kwargs):
    """Choice fields over school-owned rows start empty; the form fills them per school.
    A number field takes what its column holds.

    Declaring the form must not query a scoped manager (there is no school yet).
    """
    if isinstance(db_field, models.ForeignKey) and _is_school_owned(db_field.related_model):
        kwargs.setdefault("form_class", SafeModelChoiceField)
    elif isinstance(db_field, models.ManyToManyField) and _is_school_owned(db_field.related_model):
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
    elif isinstance(db_field, models.IntegerField) and db_field.get_internal_type() in INTEGER_RANGES:
        # The model's own bounds (they include the column's) make the field's error message.
        low, high = INTEGER_RANGES[db_field.get_internal_type()]
        for validator in db_field.validators:
            if isinstance(validator, MaxValueValidator) and not callable(validator.limit_value):
                high = min(high, validator.limit_value)
            elif isinstance(validator, MinValueValidator) and not callable(validator.limit_value):
                low = max(low, validator.limit_value)
        kwargs.setdefault("max_value", high)
        kwargs.setdefault("min_value", low)
    return db_field.formfield(**kwargs)


class SchoolScopedModelForm(BoundedInputMixin, forms.ModelForm):
    """A model form bound to one school.

    Every choice field over school-owned rows offers that school's rows only, so another
    school's object is refused even when its id is posted by hand. ``school`` itself is
    never a field: the view sets it. Every input is bounded (``BoundedInputMixin``).
    """

    class Meta:
        formfield_callback = school_safe_formfield

    def __init__(self, *args, school=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        for form_field in self.fields.values():
            queryset = getattr(form_field, "queryset", None)
            if queryset is not None and _is_school_owned(queryset.model):
                form_field.queryset = queryset.model._default_manager.filter(school=school)


class VersionedModelForm(SchoolScopedModelForm):
    """Carries the version the form was loaded with, for ``ConcurrentUpdateMixin``."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["loaded_version"].initial = self.instance.version

    def clean_loaded_version(self):
        value = self.cleaned_data.get("loaded_version")
        return self.instance.version if value is None else value


class LoginDelayMixin:
    """Refuses a login attempt while its username must wait (``unionhub.login_delay``),
    before the password is checked, and says for how long."""

    def clean(self):
        username = self.cleaned_data.get("username")
        seconds = login_delay.seconds_to_wait(username) if username else 0
        if seconds:
            raise forms.ValidationError(
                _("Too many failed logins for this account. Please try again in %(seconds)s seconds."),
                code="login_delayed",
                params={"seconds": seconds},
            )
        return super().clean()


class LoginForm(LoginDelayMixin, AuthenticationForm):
    pass


class AdminLoginForm(LoginDelayMixin, AdminAuthenticationForm):
    pass
