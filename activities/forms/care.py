"""Forms of the 168 care action: a pair, one month of one pair, and one month of many pairs."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.forms import formset_factory
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models import Department
from members.pickers import member_choices
from unionhub.forms import BoundedInputMixin, VersionedModelForm

from ..models import CarePair, school_year_label, school_year_months
from ..models.care import validate_month_begun
from ..periods import parse_month, school_year_choices, school_year_of
from ..services.care import LogEntry


class MonthInput(forms.TextInput):
    input_type = "month"

    def format_value(self, value):
        if isinstance(value, datetime.date):
            return "{:%Y-%m}".format(value)
        return super().format_value(value)


class MonthField(forms.Field):
    """A calendar month, typed as 2025-10; cleaned to its first day; refused until begun."""

    widget = MonthInput
    default_validators = [validate_month_begun]
    default_error_messages = {
        "required": _("Choose the month."),
        "invalid": _("Enter the month as year and month, for example 2025-10."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value.replace(day=1)
        month = parse_month(str(value))
        if month is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return month


def talks_field(**kwargs):
    return forms.IntegerField(
        label=_("talks and home visits"),
        required=False,
        min_value=0,
        max_value=99,
        error_messages={
            "min_value": _("The number of talks and home visits cannot be negative."),
            "max_value": _("The number of talks and home visits can be at most %(limit_value)s a month."),
            "invalid": _("Enter the number of talks and home visits as a whole number."),
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": 99, "inputmode": "numeric"}),
        **kwargs,
    )


def tutoring_field(**kwargs):
    return forms.IntegerField(
        label=_("tutoring sessions"),
        required=False,
        min_value=0,
        max_value=99,
        error_messages={
            "min_value": _("The number of tutoring sessions cannot be negative."),
            "max_value": _("The number of tutoring sessions can be at most %(limit_value)s a month."),
            "invalid": _("Enter the number of tutoring sessions as a whole number."),
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": 99, "inputmode": "numeric"}),
        **kwargs,
    )


def notes_field():
    return forms.CharField(
        label=_("notes"),
        required=False,
        max_length=300,
        error_messages={"max_length": _("Keep the notes to %(limit_value)d characters (they have %(show_value)d).")},
    )


class LogFieldsMixin:
    """Turns the cleaned counts into a ``LogEntry`` for the service."""

    def log_entry(self, pair):
        data = self.cleaned_data
        prefix = self.add_prefix
        return LogEntry(
            pair=pair,
            talks=data.get("talks"),
            tutoring=data.get("tutoring"),
            # Absent from the post (the grid's cell has no notes): keep them as they are.
            notes=data.get("notes", "") if prefix("notes") in self.data else None,
            loaded=data.get("loaded", "") if prefix("loaded") in self.data else None,
        )


class CareLogForm(LogFieldsMixin, BoundedInputMixin, forms.Form):
    """One pair's month: the grid's cell and the pair page post it to ``care_log_save``.

    Both counts empty means the month is not logged (an existing log is removed).
    """

    month = MonthField(label=_("month"))
    talks = talks_field()
    tutoring = tutoring_field()
    notes = notes_field()
    loaded = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, pair, **kwargs):
        super().__init__(*args, **kwargs)
        self.pair = pair

    def clean_month(self):
        month = self.cleaned_data["month"]
        if month not in school_year_months(self.pair.school_year):
            raise ValidationError(
                _("%(year)s年%(month)s月 is not in the pair's school year %(school_year)s.")
                % {"year": month.year, "month": month.month, "school_year": self.pair.school_year_label},
                code="other_year",
            )
        return month


class CareMonthRowForm(LogFieldsMixin, BoundedInputMixin, forms.Form):
    """One pair's row on the month page. ``pairs`` maps the pk of each pair the user may log
    this month to the pair; any other pk (another school's, a colleague's) is refused."""

    pair = forms.IntegerField(
        widget=forms.HiddenInput,
        error_messages={
            "required": _("The row does not say which pair it is."),
            "invalid": _("The row does not say which pair it is."),
        },
    )
    talks = talks_field()
    tutoring = tutoring_field()
    notes = notes_field()
    loaded = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, pairs, **kwargs):
        super().__init__(*args, **kwargs)
        self.pairs = pairs

    def clean_pair(self):
        pair = self.pairs.get(self.cleaned_data["pair"])
        if pair is None:
            raise ValidationError(
                _("This pair is not one you may log for this month: no such pair in this school year."),
                code="invalid_pair",
            )
        return pair

    @property
    def pair_object(self):
        """The pair of the row as posted or shown (None for an unknown pk)."""
        value = self["pair"].value()
        try:
            return self.pairs.get(int(value))
        except (TypeError, ValueError):
            return None


class BaseCareMonthFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            pair = form.cleaned_data.get("pair")
            if pair is None:
                continue
            if pair.pk in seen:
                raise ValidationError(
                    _("%(pair)s appears twice on the page; nothing was saved.") % {"pair": pair.teacher.name},
                    code="duplicate_pair",
                )
            seen.add(pair.pk)

    def log_entries(self):
        return [form.log_entry(form.cleaned_data["pair"]) for form in self.forms]


CareMonthFormSet = formset_factory(
    CareMonthRowForm,
    formset=BaseCareMonthFormSet,
    extra=0,
    max_num=2000,
    absolute_max=2000,
    validate_max=True,
)


class CareMonthChoiceForm(forms.Form):
    """The month page's choice of month (and, for staff, of department)."""

    month = MonthField(label=_("month"))
    department = forms.ModelChoiceField(
        label=_("department"),
        queryset=Department.objects.none(),
        required=False,
        empty_label=_("All departments"),
        widget=forms.Select(attrs={"class": "form-select form-select-sm"}),
        error_messages={"invalid_choice": _("Choose a department of this school.")},
    )

    def __init__(self, *args, school, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = Department.objects.filter(school=school)


class CarePairForm(VersionedModelForm):
    """A teacher of the school paired with one student for a school year; one pair per
    teacher per school year."""

    school_year = forms.TypedChoiceField(
        label=_("school year"),
        coerce=int,
        error_messages={
            "required": _("Choose the school year."),
            "invalid_choice": _("Choose a school year from the list."),
        },
    )

    class Meta(VersionedModelForm.Meta):
        model = CarePair
        fields = ["teacher", "student_name", "student_class", "reason", "school_year"]
        error_messages = {
            "teacher": {
                "required": _("Choose the teacher."),
                "invalid_choice": _("Choose a teacher of this school."),
            },
            "student_name": {"required": _("Enter the student's name.")},
            "student_class": {"required": _("Enter the student's class.")},
            "reason": {"required": _("Enter the student's difficulty.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school_year"].choices = school_year_choices(self.instance.school_year)
        self.fields["school_year"].initial = school_year_of(timezone.localdate())
        teacher = self.fields["teacher"]
        # A pair of an earlier year may name a teacher who has left since: offered apart.
        teacher.queryset = teacher.queryset.order_by("name_pinyin", "pk")
        member_choices(teacher)

    def clean_student_name(self):
        return self.cleaned_data["student_name"].strip()

    def clean(self):
        cleaned = super().clean()
        teacher, year = cleaned.get("teacher"), cleaned.get("school_year")
        if teacher is not None and year is not None:
            taken = CarePair.objects.filter(school=self.school, teacher=teacher, school_year=year).exclude(
                pk=self.instance.pk
            )
            if taken.exists():
                self.add_error(
                    "teacher",
                    ValidationError(
                        _("%(name)s already has a 168 pair in %(school_year)s: one pair per teacher per school year.")
                        % {"name": teacher.name, "school_year": school_year_label(year)},
                        code="one_pair_per_year",
                    ),
                )
        return cleaned
