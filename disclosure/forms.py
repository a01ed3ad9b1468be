from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.forms import SchoolScopedModelForm, VersionedModelForm
from unionhub.uploads import check_document

from . import services
from .models import Notice, NoticeCategory, Objection, Suggestion
from .rendering import unsafe_markup
from .workdays import window_end


class NoticeForm(VersionedModelForm):
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("A PDF, Word or Excel file."),
    )

    class Meta(VersionedModelForm.Meta):
        model = Notice
        fields = ["title", "category", "body", "starts_on", "working_days", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "body": forms.Textarea(attrs={"rows": 10}),
        }
        labels = {"title": pgettext_lazy("notice", "title")}
        help_texts = {
            "body": _("Markdown or simple HTML. Scripts, styles, event handlers and javascript: links are refused."),
            "working_days": _("Counted with China's official holidays and make-up workdays; or give an end date."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = False
        self.fields["working_days"].widget.attrs["min"] = 1

    def clean_body(self):
        body = self.cleaned_data.get("body", "")
        found = unsafe_markup(body)
        if found:
            raise ValidationError(
                _(
                    "The text contains what could run in a browser (%(found)s): scripts, styles, "
                    "event handlers (on…) and javascript: links are not allowed. Remove them and save again."
                )
                % {"found": "、".join(found)},
                code="unsafe_markup",
            )
        return body

    def clean_attachment(self):
        upload = self.cleaned_data.get("attachment")
        if not upload:
            return None
        extension, content_type = check_document(upload)
        return {
            "file": upload,
            "name": upload.name,
            "extension": extension,
            "content_type": content_type,
            "size": upload.size,
        }

    def clean(self):
        cleaned = super().clean()
        starts_on = cleaned.get("starts_on")
        working_days = cleaned.get("working_days")
        ends_on = cleaned.get("ends_on")
        if starts_on is None:
            return cleaned
        if working_days:
            cleaned["ends_on"] = window_end(starts_on, working_days)
            self.instance.ends_on = cleaned["ends_on"]
        elif ends_on is None:
            raise ValidationError(_("Give the window a length in working days or an end date."))
        elif ends_on < starts_on:
            self.add_error("ends_on", _("The window cannot end before it starts."))
        return cleaned

    def save(self, commit=True):
        notice = super().save(commit=False)
        if commit:
            attachment = self.cleaned_data.get("attachment")
            services.save_notice(notice, [attachment] if attachment else [])
        return notice

    def clean_working_days(self):
        value = self.cleaned_data.get("working_days")
        if value is not None and value < 1:
            raise ValidationError(_("The window lasts at least one working day."))
        return value


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawal"), widget=forms.Textarea(attrs={"rows": 3}))


class ObjectionForm(SchoolScopedModelForm):
    class Meta(SchoolScopedModelForm.Meta):
        model = Objection
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))


class SuggestionForm(SchoolScopedModelForm):
    class Meta(SchoolScopedModelForm.Meta):
        model = Suggestion
        fields = ["recipient", "subject", "text", "anonymous"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}
        labels = {"subject": pgettext_lazy("suggestion", "subject")}
        help_texts = {
            "anonymous": _(
                "Nothing that leads to you is stored with an anonymous suggestion: you will not see the answer here."
            ),
        }


class CategoryForm(SchoolScopedModelForm):
    class Meta(SchoolScopedModelForm.Meta):
        model = NoticeCategory
        fields = ["name", "position"]

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        taken = NoticeCategory.objects.filter(school=self.school, name=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise ValidationError(_("This school already has a category of that name."), code="unique")
        return name
