"""Choosing many members fast: by pinyin, or a whole department, women staff, retirees, everyone."""

from django import forms


class MemberPickerWidget(forms.SelectMultiple):
    template_name = "activities/widgets/member_picker.html"


class MemberPickerField(forms.ModelMultipleChoiceField):
    """A multiple choice of the school's members (the form narrows the queryset to the school)."""

    widget = MemberPickerWidget
