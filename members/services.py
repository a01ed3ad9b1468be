"""Writes about members that span several rows or models, each in one transaction."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.roles import Role
from unionhub.services import reset_password, temporary_password

from .models import Department, Member
from .pinyin import pinyin_keys

__all__ = ["create_login", "import_roster", "reset_password", "set_active"]


@transaction.atomic
def import_roster(school, result, progress=None):
    """Commit a clean :class:`~members.importers.ImportResult`: all rows or none.

    Members are matched by employee number, so importing the same file twice updates
    instead of duplicating, and a row that changes nothing is left alone. Departments
    named in the file that the school lacks are made. ``progress(done)``, when given, is
    told of every row.
    """
    departments = {d.name: d for d in Department.objects.filter(school=school)}
    for name in result.new_departments:
        departments[name] = Department.objects.create(school=school, name=name)
    created = updated = 0
    for done, parsed in enumerate(result.rows):
        if progress is not None:
            progress(done)
        if not parsed.changed:
            continue  # an unchanged row is not saved, so it writes no history either
        member = parsed.existing or Member(school=school)
        for name, value in parsed.data.items():
            setattr(member, name, value)
        member.department = departments.get(parsed.department_name)
        if parsed.existing is None:
            created += 1
        else:
            member.version += 1
            updated += 1
        member.save()
    return created, updated


def _free_username(member):
    base = pinyin_keys(member.name)[0] or "user"
    User = get_user_model()
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = "{}{}".format(base, n)
    return candidate


@transaction.atomic
def create_login(member, role, username=""):
    """Give ``member`` a login in their school; returns ``(user, temporary password)``."""
    if member.user_id:
        raise ValueError(_("%(name)s already has a login.") % {"name": member.name})
    if role not in {Role.CHAIR, Role.STAFF, Role.TEACHER}:
        raise ValueError(_("A member's login is for the chair, staff or a teacher."))
    password = temporary_password()
    user = get_user_model().objects.create_user(
        username=username or _free_username(member),
        password=password,
        last_name=member.name,
        school=member.school,
        role=role,
        must_change_password=True,
    )
    member.user = user
    member.save(update_fields=["user"])
    return user, password


def set_active(user, active):
    user.is_active = active
    user.save(update_fields=["is_active"])
