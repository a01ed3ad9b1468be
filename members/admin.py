from django.contrib import admin

from unionhub.admin import SchoolOwnedHistoryAdmin, register_school_owned

from .models import Department, Member


@admin.register(Department)
class DepartmentAdmin(SchoolOwnedHistoryAdmin):
    list_display = ["name", "kind", "school"]
    list_filter = ["school", "kind"]


@admin.register(Member)
class MemberAdmin(SchoolOwnedHistoryAdmin):
    list_display = ["name", "gender", "department", "title", "status", "school"]
    list_filter = ["school", "status", "gender", "title"]
    search_fields = ["name", "name_pinyin", "name_initials", "employee_number"]
    list_select_related = ["department", "school"]


register_school_owned("members")
