"""Generic views for a school's records (``RecordModel``): permission by role and, for a
teacher, by ownership or participation; a page with history; create and update (refusing
concurrent edits); soft delete and restore. Every app with records builds on these."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import CreateView, DetailView, UpdateView

from .history import history_entries
from .roles import Action, Role, user_can
from .submissions import OneTimeSubmissionMixin
from .views import ConcurrentUpdateMixin, RoleRequiredMixin, SchoolScopedMixin


def own_member(user):
    """The member record of a teacher's login, or None."""
    return getattr(user, "member", None) if user.is_authenticated else None


class RecordPermissionMixin(RoleRequiredMixin, SchoolScopedMixin):
    """Chair and staff reach every record of the school.

    With ``teacher_owner_field`` set (e.g. ``"member"``, ``"teacher"``) a teacher reaches
    the records whose field points at their own member record. Another teacher's record
    answers 404, exactly as another school's record or one that does not exist: the answer
    does not tell that it exists.
    """

    required_action = Action.VIEW_RECORDS
    teacher_owner_field = None

    def is_teacher_view(self):
        return self.teacher_owner_field is not None and self.request.user.role == Role.TEACHER

    def has_role_permission(self):
        return super().has_role_permission() or self.is_teacher_view()

    def teacher_filter(self):
        """Filter kwargs limiting a queryset to the teacher's own records."""
        return {self.teacher_owner_field: own_member(self.request.user)}

    def get_object(self, queryset=None):
        obj = super().get_object(queryset)
        if not user_can(self.request.user, self.required_action):
            member = own_member(self.request.user)
            owner_id = getattr(obj, "{}_id".format(self.teacher_owner_field), None)
            if member is None or owner_id != member.pk:
                raise Http404
        return obj


class TeacherParticipantMixin:
    """A teacher may open the page of a record they take part in; 404 on the others.

    Place before ``RecordDetailView``; subclasses say who takes part in ``involves``.
    """

    def has_role_permission(self):
        return user_can(self.request.user, self.required_action) or self.request.user.role == Role.TEACHER

    def involves(self, obj, member):
        raise NotImplementedError

    def get_object(self, queryset=None):
        # The school-scoped lookup (404 for another school's record), without the
        # one-owner-field rule of RecordPermissionMixin: ``involves`` decides instead.
        obj = super(RecordPermissionMixin, self).get_object(queryset)
        if not user_can(self.request.user, self.required_action):
            member = own_member(self.request.user)
            if member is None or not self.involves(obj, member):
                raise Http404
        return obj


class TeachersReadMixin:
    """Teachers of the school read these pages too: every record of the kind, not only their
    own (place before ``RecordPermissionMixin`` and the views built on it)."""

    def has_role_permission(self):
        return user_can(self.request.user, Action.VIEW_RECORDS) or self.request.user.role == Role.TEACHER

    def get_object(self, queryset=None):
        # The school-scoped lookup without RecordPermissionMixin's one-owner rule.
        return super(RecordPermissionMixin, self).get_object(queryset)


class RecordDetailView(RecordPermissionMixin, DetailView):
    """A record's page with its change history (for chair and staff)."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if user_can(self.request.user, Action.VIEW_RECORDS):
            context["history"] = history_entries(self.object)
        return context


class RecordCreateView(RecordPermissionMixin, OneTimeSubmissionMixin, CreateView):
    """A new record and what comes with it (members, participants…) are saved together or not at all;
    a second submission of the same form opens the record the first one made."""

    required_action = Action.EDIT_RECORDS

    def form_valid(self, form):
        with transaction.atomic():
            response = super().form_valid(form)
        messages.success(self.request, _("“%(record)s” has been saved.") % {"record": self.object})
        return response


class RecordUpdateView(RecordPermissionMixin, ConcurrentUpdateMixin, UpdateView):
    """Edits refuse to overwrite a save made since the form was opened."""

    required_action = Action.EDIT_RECORDS

    def form_valid(self, form):
        response = super().form_valid(form)
        if not form.errors:
            messages.success(self.request, _("“%(record)s” has been saved.") % {"record": self.object})
        return response


class RecordDeleteView(RecordPermissionMixin, DetailView):
    """Asks, then deletes softly: the chair can restore it from the recycle bin."""

    required_action = Action.DELETE_RECORDS
    template_name = "activities/record_confirm_delete.html"
    success_url_name = None

    def post(self, request, *args, **kwargs):
        record = self.get_object()
        record.soft_delete()
        messages.success(
            request,
            _("“%(record)s” has been deleted. The chair can restore it from the recycle bin.") % {"record": record},
        )
        return redirect(reverse(self.success_url_name))


class RecordRestoreView(RoleRequiredMixin, View):
    required_action = Action.DELETE_RECORDS
    model = None

    def post(self, request, pk):
        record = get_object_or_404(
            self.model.all_objects.filter(school=request.school, deleted_at__isnull=False), pk=pk
        )
        record.restore()
        messages.success(request, _("“%(record)s” has been restored.") % {"record": record})
        return redirect(record)
