"""Writes about members that span several rows or models, each in one transaction."""

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from unionhub.models import SensitiveAct
from unionhub.roles import Role
from unionhub.services import login_label, record_sensitive_act, reset_password, set_active, temporary_password

from .models import Department, Member
from .pinyin import pinyin_keys

__all__ = ["create_login", "delete_member", "import_roster", "reset_password", "restore_member", "set_active"]


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
def create_login(member, role, username="", *, actor=None, address=None):
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
    record_sensitive_act(
        SensitiveAct.ACCOUNT_CREATE, school=member.school, actor=actor, target=login_label(user), address=address
    )
    return user, password


@transaction.atomic
def delete_member(member, *, actor=None, address=None):
    """Move ``member`` to the recycle bin. Their login stops working: it is disabled and
    logged out everywhere, and the member remembers that this did it, for the restore."""
    user = member.user
    member.login_disabled_on_delete = user is not None and user.is_active
    if member.login_disabled_on_delete:
        set_active(user, False, actor=actor, address=address)
    member.soft_delete()


@transaction.atomic
def restore_member(member, *, actor=None, address=None):
    """Bring ``member`` back from the recycle bin, and their login as it was before the
    delete: enabled again only if the delete is what disabled it."""
    if member.login_disabled_on_delete and member.user is not None:
        set_active(member.user, True, actor=actor, address=address)
    member.login_disabled_on_delete = False
    member.restore()
