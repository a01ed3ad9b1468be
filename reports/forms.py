"""Forms of the summary draft, its Word template and the annual plan. The school and the
period come from the view; choices of records are narrowed to the school and the period."""

import datetime
import zipfile

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from activities.models import Activity, Campaign
from unionhub.forms import BoundedInputMixin, DateInput
from unionhub.uploads import check_document

from .models import SummaryDraft

TEXTAREA = {"class": "form-control", "rows": 5}


class TextsForm(BoundedInputMixin, forms.Form):
    """The opening and closing parts and the lead of each section, posted together or alone."""

    # Required: a post that does not say which version it was written over could overwrite
    # someone else's prose unseen.
    loaded_version = forms.IntegerField(widget=forms.HiddenInput)
    opening = forms.CharField(label=_("Opening paragraph"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    experience = forms.CharField(
        label=_("What the work taught us"), required=False, widget=forms.Textarea(attrs=TEXTAREA)
    )
    shortcomings = forms.CharField(label=_("Shortcomings"), required=False, widget=forms.Textarea(attrs=TEXTAREA))
    plans = forms.CharField(label=_("Plans for the coming year"), required=False, widget=forms.Textarea(attrs=TEXTAREA))

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.section_keys = []
        for section in sections:
            name = "lead:{}".format(section.key)
            self.section_keys.append(section.key)
            self.fields[name] = forms.CharField(
                label=section.heading, required=False, widget=forms.Textarea(attrs={**TEXTAREA, "rows": 3})
            )

    def posted_texts(self):
        """Only the parts that were posted: one form may carry the opening alone."""
        return {
            name: self.cleaned_data[name]
            for name in ("opening", "experience", "shortcomings", "plans")
            if name in self.data
        }

    def posted_leads(self):
        return {
            key: self.cleaned_data["lead:{}".format(key)]
            for key in self.section_keys
            if "lead:{}".format(key) in self.data
        }


class LayoutForm(forms.Form):
    """Hide or show an item, move an item or a section, show the plan or not."""

    ACTIONS = ["hide", "show", "item_up", "item_down", "section_up", "section_down", "plan_on", "plan_off"]

    action = forms.ChoiceField(choices=[(a, a) for a in ACTIONS])
    key = forms.CharField(max_length=120, required=False)
    section = forms.CharField(max_length=120, required=False)


KEY_LENGTH = 120
NO_SUCH_SECTION = _("This summary has no such section any more. Reload the page and choose again.")


def section_field():
    return forms.ChoiceField(error_messages={"invalid_choice": NO_SUCH_SECTION, "required": NO_SUCH_SECTION})


class DraftTextForm(BoundedInputMixin, forms.Form):
    """One of the chair's words laid over the summary (a heading, a sub-point's title, her
    own sentences), from its own small form beside the text; like the prose, it is refused
    when someone changed the same words since the page was loaded."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput)


class HeadingForm(DraftTextForm):
    """A section's heading; blank goes back to the assembled one."""

    section = section_field()
    heading = forms.CharField(label=_("Heading"), max_length=200, required=False)

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(section.key, section.heading) for section in sections]


class ItemTitleForm(DraftTextForm):
    """A sub-point's short title ("拒绝有偿补课"); blank goes back to the assembled one."""

    key = forms.CharField(max_length=KEY_LENGTH)
    title = forms.CharField(label=_("Sub-point title"), max_length=100, required=False)


class ItemAddedForm(DraftTextForm):
    """The chair's own sentences, printed after a sub-point's paragraph; blank removes them."""

    key = forms.CharField(max_length=KEY_LENGTH)
    added = forms.CharField(label=_("Your own sentences"), max_length=2000, required=False)


class TitleAndDateForm(DraftTextForm):
    """The summary's title and the date under the signature; blank keeps the assembled ones."""

    title = forms.CharField(
        label=_("Title"),
        max_length=SummaryDraft.TITLE_LENGTH,
        required=False,
        error_messages={
            "max_length": _("The title can be at most %(limit_value)d characters long (it has %(show_value)d).")
        },
    )
    signed_on = forms.DateField(label=_("Date under the signature"), required=False, widget=DateInput())


class ItemSectionForm(forms.Form):
    """Print a sub-point under another section."""

    key = forms.CharField(max_length=KEY_LENGTH)
    section = section_field()

    def __init__(self, *args, sections=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].choices = [(section.key, section.heading) for section in sections]


class MergeForm(forms.Form):
    """Merge a sub-point into another of its section, or (no ``target``) take it out again."""

    key = forms.CharField(max_length=KEY_LENGTH)
    target = forms.CharField(max_length=KEY_LENGTH, required=False)

    def __init__(self, *args, document=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.document = document

    def clean(self):
        cleaned = super().clean()
        key, target = cleaned.get("key"), cleaned.get("target")
        if not key or not target:
            return cleaned
        if key == target:
            raise forms.ValidationError(_("A sub-point cannot be merged into itself."), code="itself")
        section_of = {item.key: section.key for section in self.document.sections for item in section.items}
        if key not in section_of or section_of.get(target) != section_of[key]:
            raise forms.ValidationError(
                _("Merge into a sub-point of the same section as it reads now. Reload the page and choose again."),
                code="other_section",
            )
        return cleaned


class FreezeForm(forms.Form):
    """Freezing a version cannot be undone, so the chair ticks that she means it."""

    confirm = forms.BooleanField(
        label=_("I confirm: freeze the summary as it reads now; the version cannot be changed afterwards."),
        error_messages={"required": _("Tick the box to confirm that this version is to be frozen.")},
    )


class GuidanceForm(forms.Form):
    guidance = forms.CharField(label=_("Guiding ideas"), required=False, widget=forms.Textarea(attrs=TEXTAREA))


class PlanSectionForm(BoundedInputMixin, forms.Form):
    title = forms.CharField(
        label=_("Section title"), max_length=120, widget=forms.TextInput(attrs={"class": "form-control"})
    )


class PlanItemForm(BoundedInputMixin, forms.Form):
    """A planned item with the activities and campaigns of the period that carried it out."""

    title = forms.CharField(
        label=_("Planned item"), max_length=200, widget=forms.TextInput(attrs={"class": "form-control"})
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"class": "form-control", "rows": 2})
    )
    activities = forms.ModelMultipleChoiceField(
        label=_("Activities done for it"),
        queryset=Activity.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 6}),
    )
    campaigns = forms.ModelMultipleChoiceField(
        label=_("Campaigns done for it"),
        queryset=Campaign.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"class": "form-select", "size": 4}),
    )

    def __init__(self, *args, school, period, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activities"].queryset = Activity.objects.filter(
            school=school, starts_on__gte=period.start, starts_on__lte=period.end
        ).order_by("starts_on", "pk")
        self.fields["campaigns"].queryset = Campaign.objects.filter(
            school=school, launched_on__lte=period.end
        ).order_by("-launched_on", "pk")
        self.fields["activities"].label_from_instance = lambda a: "{:%Y-%m-%d} {}".format(a.starts_on, a.title)
        self.fields["campaigns"].label_from_instance = lambda c: c.full_title


class SummaryTemplateForm(forms.Form):
    """A school's own .docx for the summary, checked by its bytes and by writing a small
    summary into it, so that a template that would break the export is refused here."""

    file = forms.FileField(
        label=_("Word template (.docx)"),
        widget=forms.ClearableFileInput(attrs={"class": "form-control", "accept": ".docx"}),
    )

    def clean_file(self):
        from .document import Figure, Section, SummaryDocument
        from .exports.docx import summary_docx

        upload = self.cleaned_data["file"]
        not_word = _("The file is not a Word document (.docx). Save the template in Word as .docx and upload it again.")
        if not (upload.name or "").lower().endswith(".docx"):
            raise ValidationError(not_word, code="type")
        check_document(upload)
        with zipfile.ZipFile(upload) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > settings.UNIONHUB["IMPORT_MAX_UNCOMPRESSED_BYTES"]:
            raise ValidationError(_("The document unpacks to more than is allowed."), code="too_large")
        upload.seek(0)
        sample = SummaryDocument(
            title="2018年工会工作总结",
            school_name="",
            period_label="2018年",
            signed_on=datetime.date(2018, 12, 28),
            sections=[
                Section(
                    key="sample",
                    heading="工会工作",
                    intro="本年度工会工作。",
                    figures=[Figure(key="sample", label="活动", value="1")],
                )
            ],
        )
        try:
            summary_docx(sample, template=upload.read(), figures=True)
        # Whatever a damaged or odd file makes python-docx raise, the answer is the same.
        except Exception as error:
            raise ValidationError(not_word, code="invalid") from error
        upload.seek(0)
        return upload
