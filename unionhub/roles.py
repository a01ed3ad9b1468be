"""Roles and the one permission check every view goes through.

The matrix mirrors the roles table of the design: who may read, create, delete, edit the
summary and manage accounts. A district administrator is a district user with the
``manages_schools`` flag: the one action it adds is managing the district's schools.
Object ownership (own school or not) is not decided here: that is the scoped queryset's
job, and another school's object answers 404.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    CHAIR = "chair", _("Union chair")
    STAFF = "staff", _("Union staff")
    TEACHER = "teacher", _("Teacher")
    DISTRICT = "district", _("District union")


class Action(models.TextChoices):
    VIEW_RECORDS = "view_records", _("Read the school's records")
    EDIT_RECORDS = "edit_records", _("Create and edit records")
    DELETE_RECORDS = "delete_records", _("Delete and restore records")
    VIEW_SUMMARY = "view_summary", _("Read the annual summary")
    EDIT_SUMMARY = "edit_summary", _("Edit and export the annual summary")
    MANAGE_ACCOUNTS = "manage_accounts", _("Manage the school's accounts")
    VIEW_DISTRICT = "view_district", _("Read the district overview")
    MANAGE_SCHOOLS = "manage_schools", _("Add the district's schools and their chairs")
    EDIT_PROFILE = "edit_profile", _("Edit the school's profile")
    VIEW_ACCESS_LOG = "view_access_log", _("Read the school's access log")


PERMISSIONS = {
    Action.VIEW_RECORDS: {Role.CHAIR, Role.STAFF},
    Action.EDIT_RECORDS: {Role.CHAIR, Role.STAFF},
    Action.DELETE_RECORDS: {Role.CHAIR},
    Action.VIEW_SUMMARY: {Role.CHAIR, Role.STAFF, Role.DISTRICT},
    Action.EDIT_SUMMARY: {Role.CHAIR},
    Action.MANAGE_ACCOUNTS: {Role.CHAIR},
    Action.VIEW_DISTRICT: {Role.DISTRICT},
    Action.MANAGE_SCHOOLS: {Role.DISTRICT},
    Action.EDIT_PROFILE: {Role.CHAIR},
    Action.VIEW_ACCESS_LOG: {Role.CHAIR},
}

# Actions that the role alone does not grant: the user also needs this flag set.
REQUIRED_FLAGS = {
    Action.MANAGE_SCHOOLS: "manages_schools",
}


def user_can(user, action):
    """True when ``user``'s role allows ``action``; anonymous and inactive users never can."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.role not in PERMISSIONS[action]:
        return False
    flag = REQUIRED_FLAGS.get(action)
    return flag is None or bool(getattr(user, flag, False))
