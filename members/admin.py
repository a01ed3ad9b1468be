from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import Department, Member


@admin.register(Department)
class DepartmentAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "school"]
    list_filter = ["school", "kind"]


@admin.register(Member)
class MemberAdmin(SimpleHistoryAdmin):
    list_display = ["name", "gender", "department", "title", "status", "school"]
    list_filter = ["school", "status", "gender", "title"]
    search_fields = ["name", "name_pinyin", "name_initials", "employee_number"]
    list_select_related = ["department", "school"]
    readonly_fields = ["school"]
