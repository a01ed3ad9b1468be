"""Forms of pledge drives (who they bind, who signed when) and of the ethics assessment grid."""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from members.models import Department, Member
from members.pickers import MemberPickerField
from unionhub.forms import BoundedInputMixin, DateInput, VersionedModelForm
from unionhub.years import validate_record_date

from ..choices import AssessmentPeriodKind, EthicsGrade
from ..models import EthicsPeriod, PledgeDrive
from ..selectors.pledges import (
    AUDIENCE_ACTIVE,
    AUDIENCE_CHOSEN,
    AUDIENCE_DEPARTMENT,
    AUDIENCE_WOMEN,
    pledge_audience,
)
from ..services.pledges import grade_for_score
from ..validators import validate_not_in_future

AUDIENCE_CHOICES = [
    (AUDIENCE_ACTIVE, _("All members in service")),
    (AUDIENCE_WOMEN, _("Women staff in service")),
    (AUDIENCE_DEPARTMENT, _("The members in service of one department")),
    (AUDIENCE_CHOSEN, _("A hand-picked list")),
]


class BindingFields:
    """The fields saying whom a drive binds; ``cleaned_data["member_ids"]`` holds the result."""

    def add_binding_fields(self, school, initial_audience=AUDIENCE_ACTIVE, initial_members=None):
        self.fields["audience"] = forms.ChoiceField(
            label=_("members bound"),
            choices=AUDIENCE_CHOICES,
            initial=initial_audience,
            widget=forms.RadioSelect,
        )
        self.fields["department"] = forms.ModelChoiceField(
            label=_("department"),
            queryset=Department.objects.filter(school=school),
            required=False,
            help_text=_("Only for “the members in service of one department”."),
        )
        self.fields["members"] = MemberPickerField(
            label=_("hand-picked members"),
            queryset=Member.objects.filter(school=school),
            required=False,
            initial=initial_members,
            help_text=_("Only for “a hand-picked list”."),
        )

    def clean_binding(self, cleaned_data):
        audience = cleaned_data.get("audience")
        department = cleaned_data.get("department")
        chosen = cleaned_data.get("members")
        if audience == AUDIENCE_DEPARTMENT and department is None:
            self.add_error("department", _("Choose the department whose members the pledge binds."))
            return
        if audience == AUDIENCE_CHOSEN and not chosen:
            if "members" not in self.errors:
                self.add_error("members", _("Pick at least one member."))
            return
        if audience is None or self.errors.get("members"):
            return
        member_ids = list(pledge_audience(self.school, audience, department, chosen).values_list("pk", flat=True))
        if not member_ids and audience == AUDIENCE_DEPARTMENT:
            self.add_error("department", _("%(department)s has no member in service.") % {"department": department})
            return
        # All members in service or women staff may be nobody yet (a roster not imported):
        # the drive is saved and its page says it binds nobody.
        cleaned_data["member_ids"] = member_ids


class PledgeDriveForm(VersionedModelForm):
    """A drive's title, year, text and opening date (editing it)."""

    class Meta(VersionedModelForm.Meta):
        model = PledgeDrive
        fields = ["title", "year", "opened_on", "text"]
        widgets = {
            "opened_on": DateInput(),
            "text": forms.Textarea(attrs={"rows": 5}),
            "title": forms.TextInput(attrs={"placeholder": "拒绝有偿补课公开承诺"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            today = timezone.localdate()
            self.fields["year"].initial = today.year
            self.fields["opened_on"].initial = today

    def clean(self):
        cleaned_data = super().clean()
        year = cleaned_data.get("year")
        opened_on = cleaned_data.get("opened_on")
        if year and opened_on and abs(opened_on.year - year) > 1:
            self.add_error(
                "opened_on",
                _("The drive opens in %(opened)s, far from its year %(year)s: check the year or the date.")
                % {"opened": opened_on.year, "year": year},
            )
        elif opened_on and self.instance.pk is not None:
            earlier = self.instance.signatures.filter(signed_on__lt=opened_on).count()
            if earlier:
                self.add_error(
                    "opened_on",
                    _("%(count)s signatures are dated before %(date)s: the drive cannot open after members signed it.")
                    % {"count": earlier, "date": opened_on.isoformat()},
                )
        return cleaned_data


class PledgeDriveCreateForm(BindingFields, PledgeDriveForm):
    """A new drive and whom it binds (by default every member in service)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_binding_fields(self.school)

    def clean(self):
        cleaned_data = super().clean()
        self.clean_binding(cleaned_data)
        return cleaned_data


class PledgeMembersForm(BindingFields, BoundedInputMixin, forms.Form):
    """Changes whom a drive binds; members who signed stay unless asked otherwise."""

    remove_signed = forms.BooleanField(
        label=_("Also remove members who have already signed but are not in the new list"),
        required=False,
    )

    def __init__(self, *args, school, drive, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.drive = drive
        current = list(drive.signatures.values_list("member_id", flat=True))
        self.add_binding_fields(school, initial_audience=AUDIENCE_CHOSEN, initial_members=current)
        self.order_fields(["audience", "department", "members", "remove_signed"])

    def clean(self):
        cleaned_data = super().clean()
        self.clean_binding(cleaned_data)
        return cleaned_data


class SignatureForm(BoundedInputMixin, forms.Form):
    """Tick many bound members as signed on one date, sign one row, or clear one row.

    The buttons of the page post ``row_sign`` or ``unsign`` with a member id; the main
    button posts the ticked ``member`` boxes.
    """

    member = forms.ModelMultipleChoiceField(label=_("members"), queryset=Member.objects.none(), required=False)
    signed_on = forms.DateField(
        label=_("signed on"), required=False, widget=DateInput(attrs={"class": "form-control form-control-sm"})
    )
    row_sign = forms.ModelChoiceField(label=_("member"), queryset=Member.objects.none(), required=False)
    unsign = forms.ModelChoiceField(label=_("member"), queryset=Member.objects.none(), required=False)

    def __init__(self, *args, drive, **kwargs):
        super().__init__(*args, **kwargs)
        self.drive = drive
        bound = Member.objects.filter(school=drive.school_id, pledge_signatures__drive=drive)
        for name in ("member", "row_sign", "unsign"):
            self.fields[name].queryset = bound
        self.fields["signed_on"].initial = timezone.localdate()
        self.fields["signed_on"].widget.attrs["max"] = timezone.localdate().isoformat()
        self.fields["signed_on"].widget.attrs["min"] = drive.opened_on.isoformat()

    def clean_signed_on(self):
        signed_on = self.cleaned_data.get("signed_on")
        if signed_on is None:
            return None
        validate_record_date(signed_on)
        validate_not_in_future(signed_on)
        if signed_on < self.drive.opened_on:
            raise ValidationError(
                _("%(date)s is before the drive opened on %(opened)s.")
                % {"date": signed_on.isoformat(), "opened": self.drive.opened_on.isoformat()},
                code="before_opening",
            )
        return signed_on

    def clean(self):
        cleaned_data = super().clean()
        if self.errors:
            return cleaned_data
        if cleaned_data.get("unsign") is not None:
            cleaned_data["action"] = "unsign"
            return cleaned_data
        members = [cleaned_data["row_sign"]] if cleaned_data.get("row_sign") else list(cleaned_data.get("member", []))
        if not members:
            raise ValidationError(_("Tick at least one member to record as signed."), code="none_ticked")
        if cleaned_data.get("signed_on") is None:
            self.add_error("signed_on", _("Give the date the members signed."))
            return cleaned_data
        cleaned_data["action"] = "sign"
        cleaned_data["members"] = members
        return cleaned_data


class EthicsPeriodForm(VersionedModelForm):
    class Meta(VersionedModelForm.Meta):
        model = EthicsPeriod
        fields = ["title", "kind", "starts_on", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is None:
            today = timezone.localdate()
            first = today.replace(day=1)
            last = (first + datetime.timedelta(days=32)).replace(day=1) - datetime.timedelta(days=1)
            self.fields["kind"].initial = AssessmentPeriodKind.MONTH
            self.fields["title"].initial = "{}年{}月".format(today.year, today.month)
            self.fields["starts_on"].initial = first
            self.fields["ends_on"].initial = last

    def clean(self):
        cleaned_data = super().clean()
        kind = cleaned_data.get("kind")
        starts_on = cleaned_data.get("starts_on")
        ends_on = cleaned_data.get("ends_on")
        if kind == AssessmentPeriodKind.MONTH and starts_on and ends_on and ends_on >= starts_on:
            if (starts_on.year, starts_on.month) != (ends_on.year, ends_on.month):
                self.add_error("ends_on", _("A monthly period starts and ends in the same month."))
        return cleaned_data


ROW_KEY = re.compile(r"^m(\d+)-(row|score|grade|vetoed|veto_reason)$")


class GridRow:
    """One teacher's line of the grid, for the template: the member, its inputs' names and
    values (worked out once: a grid of 150 rows renders 600 inputs), and its errors."""

    def __init__(self, form, number, member, assessment):
        self.form = form
        self.number = number
        self.member = member
        self.assessment = assessment
        self.prefix = "m{}".format(member.pk)
        self.names = {name: "{}-{}".format(self.prefix, name) for name in ("score", "grade", "vetoed", "veto_reason")}
        self.ids = {name: "id_" + html_name for name, html_name in self.names.items()}
        values = {name: form[html_name].value() for name, html_name in self.names.items()}
        self.score = "" if values["score"] is None else values["score"]
        self.grade = values["grade"] or ""
        self.vetoed = bool(values["vetoed"])
        self.veto_reason = values["veto_reason"] or ""

    @property
    def grade_options(self):
        """The grade select's options with this row's grade selected (HTML, shared by rows)."""
        return self.form.grade_options(self.grade)

    @cached_property
    def field_errors(self):
        """``{field: [messages]}`` of this row (once the form is validated)."""
        errors = self.form.errors if self.form.is_bound else {}
        return {name: errors.get(html_name, []) for name, html_name in self.names.items() if errors.get(html_name)}

    @property
    def errors(self):
        return [error for messages in self.field_errors.values() for error in messages]


class EthicsGridForm(BoundedInputMixin, forms.Form):
    """The whole grid of a period: per teacher a score (0–100, one decimal) or a grade, and a
    veto with the violation it is for. Valid only when every row is; rows not posted are left
    as they are (a department's part of the grid can be saved alone)."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, period, members, assessments, **kwargs):
        super().__init__(*args, **kwargs)
        self.period = period
        self.fields["loaded_version"].initial = period.version
        self.members = list(members)
        self.member_ids = {member.pk for member in self.members}
        self.grade_choices = grade_choices = [("", "—"), *EthicsGrade.choices]
        for member in self.members:
            prefix = "m{}".format(member.pk)
            assessment = assessments.get(member.pk)
            self.fields[prefix + "-score"] = forms.DecimalField(
                label=_("score"),
                required=False,
                min_value=0,
                max_value=100,
                max_digits=4,
                decimal_places=1,
                initial=assessment.score if assessment else None,
            )
            self.fields[prefix + "-grade"] = forms.ChoiceField(
                label=_("grade"),
                choices=grade_choices,
                required=False,
                initial=assessment.grade if assessment else "",
            )
            self.fields[prefix + "-vetoed"] = forms.BooleanField(
                label=_("veto"), required=False, initial=assessment.vetoed if assessment else False
            )
            self.fields[prefix + "-veto_reason"] = forms.CharField(
                label=_("violation recorded"),
                max_length=200,
                required=False,
                initial=assessment.veto_reason if assessment else "",
            )
        self.rows = [
            GridRow(self, number, member, assessments.get(member.pk))
            for number, member in enumerate(self.members, start=1)
        ]

    def grade_options(self, selected):
        """``<option>`` elements of the grades with ``selected`` chosen, built once per value."""
        cache = self.__dict__.setdefault("_grade_options", {})
        if selected not in cache:
            cache[selected] = format_html_join(
                "",
                '<option value="{}"{}>{}</option>',
                (
                    (value, mark_safe(" selected") if str(value) == selected else "", label)
                    for value, label in self.grade_choices
                ),
            )
        return cache[selected]

    def posted_member_ids(self):
        """Ids of the members whose row the post holds (their hidden ``-row`` marker)."""
        ids = set()
        for key in self.data:
            match = ROW_KEY.match(key)
            if match:
                ids.add(int(match.group(1)))
        return ids

    def clean_loaded_version(self):
        value = self.cleaned_data.get("loaded_version")
        return self.period.version if value is None else value

    def clean(self):
        cleaned_data = super().clean()
        strangers = self.posted_member_ids() - self.member_ids
        if strangers:
            raise ValidationError(
                _(
                    "The grid holds rows of members who are not in it (ids %(ids)s: another school's, or no "
                    "longer in service). Nothing was saved; reload the grid."
                )
                % {"ids": ", ".join(str(pk) for pk in sorted(strangers))},
                code="stranger",
            )
        rows = {}
        for row in self.rows:
            if row.prefix + "-row" not in self.data:
                continue
            values = self._clean_row(row, cleaned_data)
            if values is not False:
                rows[row.member.pk] = values
        cleaned_data["rows"] = rows
        return cleaned_data

    def _clean_row(self, row, cleaned_data):
        """The row's values, None for an empty row, False when it has errors."""
        prefix = row.prefix
        if any(self.has_error(html_name) for html_name in row.names.values()):
            return False
        score = cleaned_data.get(prefix + "-score")
        grade = cleaned_data.get(prefix + "-grade") or ""
        vetoed = cleaned_data.get(prefix + "-vetoed", False)
        reason = (cleaned_data.get(prefix + "-veto_reason") or "").strip()
        if vetoed and not reason:
            self.add_error(
                prefix + "-veto_reason",
                ValidationError(_("A veto needs the violation it is for."), code="veto_without_reason"),
            )
            return False
        if reason and not vetoed:
            self.add_error(
                prefix + "-vetoed",
                ValidationError(
                    _("A violation is written down: tick the veto, or clear the reason."), code="reason_without_veto"
                ),
            )
            return False
        if score is None and not grade and not vetoed:
            return None
        if vetoed:
            grade = EthicsGrade.FAIL
        elif not grade:
            grade = grade_for_score(score)
        return {"score": score, "grade": grade, "vetoed": vetoed, "veto_reason": reason}

    def row_errors(self):
        """One message per faulty row, naming it: “第3行 张三：……”."""
        return [
            _("Row %(row)s, %(name)s: %(errors)s")
            % {"row": row.number, "name": row.member.name, "errors": " ".join(str(e) for e in row.errors)}
            for row in self.rows
            if row.errors
        ]
