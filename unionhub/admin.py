"""The Django admin, for superusers: districts, schools, logins, and every school-owned model.

Superusers stand outside any school: ``SchoolScopeMiddleware`` disables the scopes under
/admin/, and ``SchoolOwnedAdmin`` reads through the unscoped base manager, so deleted
records show too. Each app registers its models with :func:`register_school_owned`.
"""

from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, router, transaction
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from .forms import AdminLoginForm
from .models import AccessLogEntry, BackgroundJob, District, School, SensitiveAct, SubmissionToken, User
from .roles import Role
from .services import acted_by, login_label, record_sensitive_act

# Superusers' logins wait after failures on their username as everyone's do.
admin.site.login_form = AdminLoginForm

# ---------------------------------------------------------------------------------------
# Districts, schools and logins
# ---------------------------------------------------------------------------------------


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    search_fields = ["name"]


@admin.register(School)
class SchoolAdmin(SimpleHistoryAdmin):
    list_display = ["name", "short_name", "district"]
    list_filter = ["district"]
    search_fields = ["name", "short_name"]
    list_select_related = ["district"]


SCHOOL_ROLES = {Role.CHAIR, Role.STAFF, Role.TEACHER}


class RoleFieldsMixin:
    """A login's school, district, role and flags must fit together; a wrong combination is
    a form error on the field to correct (the database's check would otherwise answer 500)."""

    def clean(self):
        cleaned = super().clean()
        role = cleaned.get("role", "")
        school = cleaned.get("school")
        district = cleaned.get("district")
        is_superuser = cleaned.get("is_superuser", self.instance.is_superuser)
        if role in SCHOOL_ROLES:
            if school is None:
                self.add_error("school", _("A union chair, staff member or teacher needs a school."))
            if district is not None:
                self.add_error("district", _("A school's login has no district; leave it empty."))
        elif role == Role.DISTRICT:
            if district is None:
                self.add_error("district", _("A district user needs a district."))
            if school is not None:
                self.add_error("school", _("A district user has no school; leave it empty."))
        elif not is_superuser:
            self.add_error("role", _("Choose a role: only a superuser may have none."))
        elif school is not None or district is not None:
            self.add_error("role", _("A login with a school or a district needs a role."))
        if cleaned.get("manages_schools") and role != Role.DISTRICT:
            self.add_error("manages_schools", _("Only a district user can manage the district's schools."))
        return cleaned


class SchoolUserCreationForm(RoleFieldsMixin, AdminUserCreationForm):
    pass


class SchoolUserChangeForm(RoleFieldsMixin, UserChangeForm):
    pass


ROLE_FIELDS = ["school", "district", "role", "manages_schools", "must_change_password"]


@admin.register(User)
class SchoolUserAdmin(UserAdmin):
    form = SchoolUserChangeForm
    add_form = SchoolUserCreationForm
    list_display = ["username", "last_name", "first_name", "school", "district", "role", "is_active"]
    list_filter = ["role", "manages_schools", "school", "district", "is_active"]
    list_select_related = ["school", "district"]
    fieldsets = UserAdmin.fieldsets + ((_("School and role"), {"fields": ROLE_FIELDS}),)
    add_fieldsets = UserAdmin.add_fieldsets + (
        (_("School and role"), {"classes": ("wide",), "fields": ["last_name", *ROLE_FIELDS]}),
    )

    # A school's login created or changed here is in that school's access log too.
    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if obj.school_id:
            for kind, target in self.sensitive_acts(obj, form, change):
                record_sensitive_act(kind, school=obj.school, target=target, **acted_by(request))

    def sensitive_acts(self, user, form, change):
        label = login_label(user)
        if not change:
            yield SensitiveAct.ACCOUNT_CREATE, label
            return
        if "role" in form.changed_data:
            before = Role(form.initial["role"]).label if form.initial.get("role") else "—"
            yield SensitiveAct.ROLE_CHANGE, "{}：{} → {}".format(label, before, user.get_role_display() or "—")
        if "is_active" in form.changed_data:
            yield (SensitiveAct.ACCOUNT_ENABLE if user.is_active else SensitiveAct.ACCOUNT_DISABLE), label

    def user_change_password(self, request, id, form_url=""):
        with transaction.atomic():
            response = super().user_change_password(request, id, form_url)
            if request.method == "POST" and response.status_code == 302:
                user = self.get_object(request, unquote(id))
                if user.school_id:
                    record_sensitive_act(
                        SensitiveAct.PASSWORD_RESET, school=user.school, target=login_label(user), **acted_by(request)
                    )
        return response


# ---------------------------------------------------------------------------------------
# School-owned models
# ---------------------------------------------------------------------------------------


def is_school_owned(model):
    try:
        field = model._meta.get_field("school")
    except FieldDoesNotExist:
        return False
    return isinstance(field, models.ForeignKey) and field.related_model is School


class SchoolRecordAdminForm(forms.ModelForm):
    """A school-owned record in the admin: every related record picked must be of its school."""

    def record_school(self):
        return self.instance.school if self.instance.school_id else None

    def clean(self):
        cleaned = super().clean()
        school = self.record_school()
        if school is None:
            return cleaned
        for name, value in list(cleaned.items()):
            if name == "school":
                continue
            related = list(value) if isinstance(value, models.QuerySet) else [value]
            if any(getattr(obj, "school_id", school.pk) != school.pk for obj in related if obj is not None):
                self.add_error(name, _("Choose a record of the school %(school)s.") % {"school": school})
        return cleaned

    def validate_unique(self):
        super().validate_unique()
        if self.instance.school_id is not None:
            self.validate_school_constraints()

    def validate_school_constraints(self):
        """Check the record's constraints on its school ("one ID card number per school"),
        which Django skips because the school is not a field of this form; otherwise a
        duplicate would reach the database and answer 500. The fields the admin does not
        edit (the school, deleted_at…) are checked with the record's own values."""
        record = self.instance
        kept = {"school", *(field.name for field in record._meta.concrete_fields if not field.editable)}
        exclude = self._get_validation_exclusions() - kept
        using = router.db_for_write(type(record), instance=record)
        errors = []
        for model, constraints in record.get_constraints():
            for constraint in constraints:
                if "school" not in getattr(constraint, "fields", ()):
                    continue
                try:
                    constraint.validate(model, record, exclude=exclude, using=using)
                except ValidationError as error:
                    errors.append(error)
        if errors:
            self._update_errors(ValidationError(errors))


class SchoolChoiceForm(SchoolRecordAdminForm):
    """The add form: the school is chosen here, as it is not an editable field of the model."""

    school = forms.ModelChoiceField(School.objects.select_related("district"), label=_("school"))

    def record_school(self):
        school = self.cleaned_data.get("school")
        if school is not None:
            self.instance.school = school
        return school


class SchoolOwnedAdmin(admin.ModelAdmin):
    """Every school's records for a superuser, deleted ones included; the school is chosen
    when adding and fixed afterwards."""

    list_display = ["__str__", "school"]
    list_filter = ["school"]
    list_select_related = ["school"]

    # Every school's rows are for superusers only, whatever model permissions staff hold.
    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return request.user.is_superuser

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return request.user.is_superuser

    def get_queryset(self, request):
        queryset = self.model._base_manager.all()
        ordering = self.get_ordering(request)
        return queryset.order_by(*ordering) if ordering else queryset

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        return fields + ["school"] if obj is not None else fields

    def get_form(self, request, obj=None, **kwargs):
        base = SchoolChoiceForm if obj is None else SchoolRecordAdminForm
        kwargs["form"] = type(base.__name__, (base, self.form), {})
        if "fields" not in kwargs:
            kwargs["fields"] = flatten_fieldsets(self.get_fieldsets(request, obj))
        if kwargs["fields"] is not None:
            # The model's own school field is not editable: the add form declares its own.
            kwargs["fields"] = [name for name in kwargs["fields"] if name != "school"]
        return super().get_form(request, obj, **kwargs)

    def get_fields(self, request, obj=None):
        fields = super().get_fields(request, obj)
        # The school first: the records to pick further down are of that school.
        return ["school", *[name for name in fields if name != "school"]]


class SchoolOwnedHistoryAdmin(SchoolOwnedAdmin, SimpleHistoryAdmin):
    """For a model that keeps its history: the admin's history page lists its versions."""


def admin_class_for(model):
    return SchoolOwnedHistoryAdmin if hasattr(model, "history") else SchoolOwnedAdmin


def register_school_owned(app_label, site=admin.site):
    """Register every school-owned model of ``app_label`` that has no admin of its own yet."""
    for model in apps.get_app_config(app_label).get_models():
        if is_school_owned(model) and not site.is_registered(model) and not model.__name__.startswith("Historical"):
            site.register(model, admin_class_for(model))


@admin.register(SubmissionToken)
class SubmissionTokenAdmin(SchoolOwnedAdmin):
    """Written only by the create forms: a superuser may look one up or delete it (to let a
    form be submitted again), never add or edit one."""

    list_display = ["token", "school", "user", "url", "created_at"]
    list_select_related = ["school", "user"]
    date_hierarchy = "created_at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ReadOnlySchoolOwnedAdmin(SchoolOwnedAdmin):
    """Rows the app alone writes: read here, never added, edited or removed."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlySchoolOwnedAdmin):
    """Written only by ``record_sensitive_act``."""

    list_display = ["at", "kind", "actor_name", "target", "address", "school"]
    list_filter = ["kind", "school"]
    date_hierarchy = "at"


@admin.register(BackgroundJob)
class BackgroundJobAdmin(ReadOnlySchoolOwnedAdmin):
    """Written only by the job runner: a superuser may see what ran, for whom and how it ended."""

    list_display = ["created_at", "kind", "state", "progress_done", "progress_total", "requested_by", "school"]
    list_filter = ["kind", "state", "school"]
    list_select_related = ["school", "requested_by"]
    date_hierarchy = "created_at"
