"""Form bases shared by every app."""

import datetime

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.utils.translation import gettext
from django_scopes.forms import SafeModelChoiceField, SafeModelMultipleChoiceField

# The span a record's date may take: records go back to 2000; a year outside it is a typo.
EARLIEST_RECORD_DATE = datetime.date(2000, 1, 1)
LATEST_RECORD_DATE = datetime.date(2100, 12, 31)


def validate_record_date(value):
    """A date of a record lies from 2000-01-01 to 2100-12-31."""
    if value and not EARLIEST_RECORD_DATE <= value <= LATEST_RECORD_DATE:
        raise ValidationError(
            gettext("%(date)s is outside the years 2000 to 2100; check the date.") % {"date": value.isoformat()},
            code="date_out_of_range",
        )


def _is_school_owned(model):
    try:
        model._meta.get_field("school")
    except FieldDoesNotExist:
        return False
    return True


def school_safe_formfield(db_field, **kwargs):
    """Choice fields over school-owned rows start empty; the form fills them per school.

    Declaring the form must not query a scoped manager (there is no school yet).
    """
    if isinstance(db_field, models.ForeignKey) and _is_school_owned(db_field.related_model):
        kwargs.setdefault("form_class", SafeModelChoiceField)
    elif isinstance(db_field, models.ManyToManyField) and _is_school_owned(db_field.related_model):
        kwargs.setdefault("form_class", SafeModelMultipleChoiceField)
    return db_field.formfield(**kwargs)


class SchoolScopedModelForm(forms.ModelForm):
    """A model form bound to one school.

    Every choice field over school-owned rows offers that school's rows only, so another
    school's object is refused even when its id is posted by hand. ``school`` itself is
    never a field: the view sets it.
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
