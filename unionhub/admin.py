from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import District, School, User


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(School)
class SchoolAdmin(admin.ModelAdmin):
    list_display = ["name", "district"]
    list_filter = ["district"]
    search_fields = ["name"]


@admin.register(User)
class SchoolUserAdmin(UserAdmin):
    list_display = ["username", "last_name", "first_name", "school", "district", "role", "is_active"]
    list_filter = ["role", "school", "district", "is_active"]
    fieldsets = UserAdmin.fieldsets + (
        (_("School and role"), {"fields": ["school", "district", "role", "must_change_password"]}),
    )
