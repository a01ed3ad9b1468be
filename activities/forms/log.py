"""The activity form: the record, its participants, and several photos and attachments at once."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from members.pickers import MemberPickerField
from unionhub.forms import DateInput, VersionedModelForm
from unionhub.uploads import check_document, process_image

from ..models import Activity, Campaign, Category, Club
from ..selectors.log import programme_names
from ..services import log as services

# Outside participants beyond this are a typing slip, not a union activity.
MAX_OUTSIDE_PARTICIPANTS = 10000


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type=file multiple>``; cleans to a list."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data if item]
        return [single(data, initial)] if data else []


class ProgrammeInput(forms.TextInput):
    """A text box suggesting the programme names the school already uses (a ``<datalist>``);
    a new name is welcome. ``names`` is called when the box is drawn, not when the form is
    posted."""

    def __init__(self, names=list, attrs=None):
        super().__init__(attrs)
        self.names = names

    def render(self, name, value, attrs=None, renderer=None):
        list_id = "{}-names".format((attrs or {}).get("id") or "id_" + name)
        box = super().render(name, value, {**(attrs or {}), "list": list_id, "autocomplete": "off"}, renderer)
        options = format_html_join("", '<option value="{}">', ((option,) for option in self.names()))
        return format_html('{}<datalist id="{}">{}</datalist>', box, list_id, options)


class ProgrammeFieldMixin:
    """A model form's ``programme`` (一师一优课, 五四微课…): the box suggests the programmes the
    school already uses, and the name is kept with single spaces, so one programme is one name."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["programme"].widget = ProgrammeInput(
            names=lambda: programme_names(self.school), attrs={"placeholder": _("e.g. 一师一优课")}
        )

    def clean_programme(self):
        return " ".join(self.cleaned_data["programme"].split())


def _named(upload, error):
    """“photo.jpg”: what is wrong with it."""
    return ValidationError(
        _("“%(name)s”: %(problem)s"), params={"name": upload.name, "problem": " ".join(error.messages)}, code=error.code
    )


class ActivityForm(ProgrammeFieldMixin, VersionedModelForm):
    participants = MemberPickerField(label=_("participants"), required=False)
    photos = MultipleFileField(
        label=_("photos"),
        help_text=_("Choose several pictures at once; they are resized and their location data removed."),
        widget=MultipleFileInput(attrs={"accept": "image/*"}),
    )
    attachments = MultipleFileField(
        label=_("attachments"),
        help_text=_("PDF, Word or Excel files, several at once."),
        widget=MultipleFileInput(
            attrs={"accept": ".pdf,.doc,.docx,.xls,.xlsx,application/pdf,application/msword,application/vnd.ms-excel"}
        ),
    )

    class Meta(VersionedModelForm.Meta):
        model = Activity
        fields = [
            "title",
            "category",
            "campaign",
            "club",
            "starts_on",
            "ends_on",
            "programme",
            "location",
            "organiser",
            "description",
            "participants",
            "outside_participants",
            "yearly",
        ]
        widgets = {
            "starts_on": DateInput(past_only=True),
            "ends_on": DateInput(past_only=True),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Categories in use, and the record's own even if it has been retired since.
        in_use = Q(is_active=True)
        if self.instance.category_id:
            in_use |= Q(pk=self.instance.category_id)
        self.fields["category"].queryset = Category.objects.filter(in_use, school=self.school)
        self.fields["category"].empty_label = None if self.instance.category_id else "---------"
        # An edit keeps the campaign or club it had even if that has been deleted since.
        for name, model in (("campaign", Campaign), ("club", Club)):
            current = getattr(self.instance, name + "_id")
            if current:
                self.fields[name].queryset = model.all_objects.filter(
                    Q(deleted_at__isnull=True) | Q(pk=current), school=self.school
                )
        self.fields["outside_participants"].widget.attrs.update({"min": 0, "max": MAX_OUTSIDE_PARTICIPANTS})
        self.existing_photos = self.instance.photos.count() if self.instance.pk else 0

    def clean_outside_participants(self):
        value = self.cleaned_data.get("outside_participants")
        if value is not None and value > MAX_OUTSIDE_PARTICIPANTS:
            raise ValidationError(
                _("%(value)s people from outside is more than any school activity has; check the figure."),
                params={"value": value},
                code="absurd",
            )
        return value

    def clean_photos(self):
        uploads = self.cleaned_data.get("photos") or []
        limit = settings.UNIONHUB["ACTIVITY_MAX_PHOTOS"]
        if self.existing_photos + len(uploads) > limit:
            raise ValidationError(
                _(
                    "An activity keeps at most %(limit)s photos; it has %(existing)s and you chose "
                    "%(chosen)s. Choose fewer."
                ),
                params={"limit": limit, "existing": self.existing_photos, "chosen": len(uploads)},
                code="too_many",
            )
        photos, errors = [], []
        for upload in uploads:
            try:
                image, thumbnail = process_image(upload)
            except ValidationError as error:
                errors.append(_named(upload, error))
            else:
                photos.append(services.PhotoUpload(image=image, thumbnail=thumbnail))
        if errors:
            raise ValidationError(errors)
        return photos

    def clean_attachments(self):
        attachments, errors = [], []
        for upload in self.cleaned_data.get("attachments") or []:
            try:
                extension, content_type = check_document(upload)
            except ValidationError as error:
                errors.append(_named(upload, error))
            else:
                attachments.append(
                    services.AttachmentUpload(
                        file=upload,
                        original_name=upload.name,
                        extension=extension,
                        content_type=content_type,
                        size=upload.size,
                    )
                )
        if errors:
            raise ValidationError(errors)
        return attachments

    def save(self, commit=True):
        activity = super().save(commit=False)
        if commit:
            services.save_activity(
                activity,
                self.cleaned_data.get("participants") or [],
                photos=self.cleaned_data.get("photos") or [],
                attachments=self.cleaned_data.get("attachments") or [],
            )
        return activity
