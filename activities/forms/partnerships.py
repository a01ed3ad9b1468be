"""The form of a partnership (村校共建, 结对共建): the partner, the agreement and the activities
done together, chosen among the school's own."""

from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _
from django_scopes.forms import SafeModelMultipleChoiceField

from unionhub.forms import DateInput, VersionedModelForm
from unionhub.uploads import check_document

from ..models import Partnership
from ..services import partnerships as services
from ..services.log import AttachmentUpload


class ActivityChoiceField(SafeModelMultipleChoiceField):
    """The school's activities, newest first, each with its date (titles recur year after year)."""

    def label_from_instance(self, activity):
        return "{} {}".format(formats.date_format(activity.starts_on, "Y-m-d"), activity.title)


class PartnershipForm(VersionedModelForm):
    agreement_file = forms.FileField(
        label=_("agreement"),
        required=False,
        help_text=_("The signed agreement: a PDF, Word or Excel file. A new file replaces the one kept."),
    )

    class Meta(VersionedModelForm.Meta):
        model = Partnership
        fields = [
            "partner",
            "kind",
            "programme",
            "started_on",
            "is_active",
            "ended_on",
            "agreement_signed_on",
            "description",
            "activities",
        ]
        field_classes = {"activities": ActivityChoiceField}
        widgets = {
            "started_on": DateInput(),
            "ended_on": DateInput(),
            "agreement_signed_on": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
            "activities": forms.SelectMultiple(attrs={"size": 10}),
        }
        help_texts = {"activities": _("The activities done with the partner (hold Ctrl to choose several).")}
        error_messages = {"activities": {"invalid_choice": _("Choose activities of this school only.")}}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        activities = self.fields["activities"]
        activities.queryset = activities.queryset.order_by("-starts_on", "-pk")

    def clean_partner(self):
        return self.cleaned_data["partner"].strip()

    def clean_agreement_file(self):
        upload = self.cleaned_data.get("agreement_file")
        if not upload:
            return None
        extension, content_type = check_document(upload)
        return AttachmentUpload(
            file=upload, original_name=upload.name, extension=extension, content_type=content_type, size=upload.size
        )

    def save(self, commit=True):
        return services.save_partnership(
            self.instance, self.cleaned_data["activities"], agreement=self.cleaned_data.get("agreement_file")
        )
