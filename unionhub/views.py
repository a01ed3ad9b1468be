"""Cross-cutting views and the mixins every app's views are built from."""

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from .history import history_entries
from .roles import user_can


class RoleRequiredMixin(AccessMixin):
    """Anonymous users go to the login page; a role without ``required_action`` gets 403."""

    required_action = None

    def has_role_permission(self):
        return user_can(self.request.user, self.required_action)

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        if not self.has_role_permission():
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class SchoolScopedMixin:
    """The one door to school-owned objects: the request's school, or 404.

    ``get_queryset`` filters by ``request.school`` explicitly (on top of the django-scopes
    scope set by the middleware), so another school's object is indistinguishable from one
    that does not exist. Forms get the school to narrow their choices; new objects get it set.
    """

    def get_queryset(self):
        queryset = super().get_queryset()
        return queryset.filter(school=self.request.school)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["school"] = self.request.school
        return kwargs

    def form_valid(self, form):
        if form.instance.school_id is None:
            form.instance.school = self.request.school
        return super().form_valid(form)


class ConcurrentUpdateMixin:
    """Refuses a save when someone else saved the object since this form was loaded.

    The model carries an integer ``version``; the form posts the version it was loaded
    with. On a mismatch nothing is written and the form shows who changed what since.
    """

    conflict_message = _(
        "Someone else saved this record after you opened it. Nothing of yours was saved; "
        "the changes made meanwhile are listed below. Check them and save again."
    )

    def form_valid(self, form):
        loaded_version = form.cleaned_data["loaded_version"]
        with transaction.atomic():
            current_version = (
                type(self.object)
                .objects.select_for_update()
                .filter(pk=self.object.pk)
                .values_list("version", flat=True)
                .get()
            )
            if current_version != loaded_version:
                return self.conflict(form, loaded_version, current_version)
            form.instance.version = current_version + 1
            return super().form_valid(form)

    def conflict(self, form, loaded_version, current_version):
        form.add_error(None, self.conflict_message)
        entries = [e for e in history_entries(self.object) if (e["version"] or 0) > loaded_version]
        # The form re-posts the current version so a deliberate second save goes through.
        data = form.data.copy()
        data["loaded_version"] = current_version
        form.data = data
        messages.error(self.request, self.conflict_message)
        return self.render_to_response(self.get_context_data(form=form, conflict_entries=entries))


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django's password change, which also lifts the first-login requirement."""

    success_url = reverse_lazy("password_change_done")

    def form_valid(self, form):
        response = super().form_valid(form)
        if self.request.user.must_change_password:
            self.request.user.must_change_password = False
            self.request.user.save(update_fields=["must_change_password"])
        messages.success(self.request, _("Your password has been changed."))
        return response
