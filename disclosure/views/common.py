from django.shortcuts import get_object_or_404

from unionhub.roles import Action, Role, user_can
from unionhub.views import RoleRequiredMixin

SCHOOL_ROLES = {Role.CHAIR, Role.STAFF, Role.TEACHER}


class SchoolMemberMixin(RoleRequiredMixin):
    """Every login of the school (chair, staff, teacher); district users get 403."""

    def has_role_permission(self):
        user = self.request.user
        return user.is_active and user.role in SCHOOL_ROLES

    @property
    def is_staff_user(self):
        return user_can(self.request.user, Action.EDIT_RECORDS)


def visible_notice(request, pk, queryset):
    """A notice of the request's school; drafts only for chair and staff (404 otherwise)."""
    from ..choices import NoticeStatus

    queryset = queryset.filter(school=request.school)
    if not user_can(request.user, Action.EDIT_RECORDS):
        queryset = queryset.exclude(status=NoticeStatus.DRAFT)
    return get_object_or_404(queryset, pk=pk)
