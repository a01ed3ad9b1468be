from django import forms
from django.contrib import admin

from unionhub.admin import SchoolOwnedHistoryAdmin, register_school_owned

from .models import Department, Member
from .validators import half_width, normalize_id_card_number


@admin.register(Department)
class DepartmentAdmin(SchoolOwnedHistoryAdmin):
    list_display = ["name", "kind", "school"]
    list_filter = ["school", "kind"]


class MemberAdminForm(forms.ModelForm):
    """The numbers are compared as they will be stored (３２…x is 32…X), so that a member's
    uniqueness checks catch what the database would refuse."""

    def clean_id_card_number(self):
        return normalize_id_card_number(self.cleaned_data["id_card_number"])

    def clean_employee_number(self):
        return half_width(self.cleaned_data["employee_number"])


@admin.register(Member)
class MemberAdmin(SchoolOwnedHistoryAdmin):
    form = MemberAdminForm
    list_display = ["name", "gender", "department", "title", "status", "school"]
    list_filter = ["school", "status", "gender", "title"]
    search_fields = ["name", "name_pinyin", "name_initials", "employee_number"]
    list_select_related = ["department", "school"]


register_school_owned("members")
