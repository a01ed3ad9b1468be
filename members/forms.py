from django import forms
from django.utils.translation import gettext_lazy as _

from unionhub.forms import PERSON_DATES_FROM, DateInput, SchoolScopedModelForm, VersionedModelForm
from unionhub.uploads import process_image

from .models import Department, Member
from .validators import half_width, normalize_id_card_number


class MemberForm(VersionedModelForm):
    photo_upload = forms.FileField(
        label=_("photo"),
        required=False,
        help_text=_("A JPEG or PNG picture; it is resized and its location data removed."),
        widget=forms.ClearableFileInput(attrs={"accept": "image/*"}),
    )

    class Meta(VersionedModelForm.Meta):
        model = Member
        fields = [
            "name",
            "gender",
            "birth_date",
            "ethnic_group",
            "phone",
            "id_card_number",
            "employee_number",
            "department",
            "post",
            "title",
            "education",
            "joined_school_on",
            "joined_union_on",
            "hired_on",
            "status",
            "status_changed_on",
            "party_membership",
        ]
        widgets = {
            "birth_date": DateInput(earliest=PERSON_DATES_FROM),
            "joined_school_on": DateInput(earliest=PERSON_DATES_FROM),
            "joined_union_on": DateInput(earliest=PERSON_DATES_FROM),
            "hired_on": DateInput(earliest=PERSON_DATES_FROM),
            "status_changed_on": DateInput(earliest=PERSON_DATES_FROM),
        }

    def clean_photo_upload(self):
        upload = self.cleaned_data.get("photo_upload")
        if not upload:
            return None
        return process_image(upload)

    def clean_phone(self):
        return half_width(self.cleaned_data["phone"])

    def clean_id_card_number(self):
        number = normalize_id_card_number(self.cleaned_data["id_card_number"])
        if number:
            clash = self.id_card_number_holder(number)
            if clash is not None:
                raise forms.ValidationError(id_card_number_clash(clash), code="id_card_number_taken")
        return number

    def id_card_number_holder(self, number):
        """The school's other live member who already has ``number``, if any."""
        return (
            Member.objects.filter(school=self.school, id_card_number=number)
            .exclude(pk=self.instance.pk)
            .only("pk", "name", "school_id")
            .first()
        )

    def clean_employee_number(self):
        number = half_width(self.cleaned_data["employee_number"])
        if number:
            clash = Member.objects.filter(school=self.school, employee_number=number).exclude(pk=self.instance.pk)
            if clash.exists():
                raise forms.ValidationError(
                    _("%(name)s already has employee number %(number)s."),
                    params={"name": clash.first().name, "number": number},
                )
        return number

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if status and status != self.instance.status and self.instance.pk and not cleaned.get("status_changed_on"):
            self.add_error("status_changed_on", _("Give the date the status changed."))
        return cleaned

    def save(self, commit=True):
        member = super().save(commit=False)
        images = self.cleaned_data.get("photo_upload")
        replaced = []
        if images:
            replaced = [f for f in (member.photo, member.photo_thumbnail) if f]
            replaced = [(f.storage, f.name) for f in replaced]
            member.photo, member.photo_thumbnail = images
        if commit:
            member.save()
            # A replaced photo is personal data no page shows any more: remove its files.
            for storage, name in replaced:
                storage.delete(name)
        return member


def id_card_number_clash(holder):
    return _("The ID card number is the same as member %(name)s's.") % {"name": holder.name}


class DepartmentForm(SchoolScopedModelForm):
    class Meta(SchoolScopedModelForm.Meta):
        model = Department
        fields = ["name", "kind", "position"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if Department.objects.filter(school=self.school, name=name).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(_("The school already has a department of that name."))
        return name


class RosterImportForm(forms.Form):
    file = forms.FileField(
        label=_("roster file (.xlsx, .xls or .csv)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.xls,.csv"}),
    )
