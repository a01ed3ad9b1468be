from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from unionhub.forms import BoundedInputMixin, DateInput, SchoolScopedModelForm, VersionedModelForm
from unionhub.uploads import check_document
from unionhub.years import validate_record_date

from . import selectors, services
from .models import HolidayCalendarDay, Notice, NoticeCategory, Objection, Suggestion
from .rendering import unsafe_markup
from .workdays import MAX_WINDOW_DAYS, MAX_WINDOW_SPAN


class NoticeForm(VersionedModelForm):
    # Not the model's form field: its bound is the column's (32767), not a window's.
    working_days = forms.IntegerField(
        label=Notice._meta.get_field("working_days").verbose_name,
        required=False,
        min_value=1,
        max_value=MAX_WINDOW_DAYS,
        error_messages={
            "min_value": _("The window lasts at least one working day."),
            "max_value": _("A window lasts at most %(limit_value)s working days."),
        },
        help_text=_("Counted with China's official holidays and make-up workdays; or give an end date."),
    )
    attachment = forms.FileField(
        label=_("Attachment"),
        required=False,
        help_text=_("A PDF, Word or Excel file."),
    )

    class Meta(VersionedModelForm.Meta):
        model = Notice
        fields = ["title", "category", "body", "starts_on", "working_days", "ends_on"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput(), "body": forms.Textarea(attrs={"rows": 10})}
        labels = {"title": pgettext_lazy("notice", "title"), "starts_on": _("publication date")}
        help_texts = {
            "starts_on": _(
                "The window's first day, counted in that year's figures; "
                "a notice of an earlier year may be dated in the past."
            ),
            "body": _("Markdown or simple HTML. Scripts, styles, event handlers and javascript: links are refused."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ends_on"].required = False

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
        if starts_on is None or "working_days" in self.errors or "ends_on" in self.errors:
            return cleaned
        calendar = selectors.calendar_for(self.school)
        if working_days:
            cleaned["ends_on"] = calendar.window_end(starts_on, working_days)
            self.instance.ends_on = cleaned["ends_on"]
            try:
                validate_record_date(cleaned["ends_on"])
            except ValidationError as error:
                self.add_error("working_days", error)
        elif ends_on is None:
            raise ValidationError(_("Give the window a length in working days or an end date."))
        elif ends_on < starts_on:
            self.add_error("ends_on", _("The window cannot end before it starts."))
        elif ends_on - starts_on > MAX_WINDOW_SPAN:
            self.add_error("ends_on", window_too_long())
        elif calendar.working_days_between(starts_on, ends_on) > MAX_WINDOW_DAYS:
            self.add_error("ends_on", window_too_long())
        return cleaned

    def save(self, commit=True):
        notice = super().save(commit=False)
        if commit:
            attachment = self.cleaned_data.get("attachment")
            services.save_notice(notice, [attachment] if attachment else [])
        return notice


def window_too_long():
    return ValidationError(
        _("A window lasts at most %(limit_value)s working days.") % {"limit_value": MAX_WINDOW_DAYS},
        code="window_too_long",
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(label=_("Reason for withdrawal"), widget=forms.Textarea(attrs={"rows": 3}))


class ObjectionForm(SchoolScopedModelForm):
    class Meta(SchoolScopedModelForm.Meta):
        model = Objection
        fields = ["text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 5})}


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))


class SuggestionAnswerForm(VersionedModelForm):
    """A suggestion's answer, refused when someone else answered since the page opened."""

    answer = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 4}))

    class Meta(VersionedModelForm.Meta):
        model = Suggestion
        fields = ["answer"]


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


class HolidayDayForm(BoundedInputMixin, forms.ModelForm):
    """A holiday or make-up working day a school, or its district for all its schools
    (``school`` None), enters for a year the package does not know."""

    class Meta:
        model = HolidayCalendarDay
        fields = ["date", "kind", "name"]
        widgets = {"date": DateInput()}
        help_texts = {"name": _("e.g. 元旦, 春节, 国庆节调休")}

    def __init__(self, *args, school=None, district=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.school = school
        self.district_id = school.district_id if school else district.pk

    def clean_date(self):
        day = self.cleaned_data["date"]
        entered = HolidayCalendarDay.objects.filter(district_id=self.district_id, school=self.school, date=day)
        if entered.exists():
            raise ValidationError(_("This date has already been entered."), code="unique")
        return day

    def save(self, commit=True):
        self.instance.school = self.school
        self.instance.district_id = self.district_id
        return super().save(commit)
