"""Writes about schools and logins that span several rows, each in one transaction."""

import secrets
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import District, School
from .roles import Role

# No 0/o, 1/l/i: the password is read aloud or copied from a screen.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password():
    """A readable one-time password; the account must replace it at first login."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(10))


def reset_password(user):
    """Set a new temporary password that must be changed at the next login."""
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    return password


def end_sessions(user):
    """Log ``user`` out of every browser where they are logged in.

    Sessions kept in the database are found and deleted. Sessions kept only in the cache
    cannot be listed; a disabled user's session stops working anyway, because Django's
    ModelBackend does not load an inactive user.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return
    user_id = str(user.pk)
    sessions = store.get_model_class().objects.filter(expire_date__gt=timezone.now())
    for session in sessions.iterator():
        if session.get_decoded().get(SESSION_KEY) == user_id:
            # Through the store, so that a cached_db session leaves the cache too.
            store(session.session_key).delete()


def set_active(user, active):
    """Enable or disable a login; a disabled one is logged out at once."""
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        end_sessions(user)


class SchoolSetupError(ValueError):
    """The school or its chair cannot be made as asked; the message says why, for people."""


@dataclass
class NewSchool:
    school: School
    chair: object
    password: str


def setup_problems(district, name, username):
    """What stands in the way of a new school ``name`` in ``district`` with chair ``username``.

    ``district`` may be a name or a ``District`` (or None for one still to be made).
    """
    return school_name_problems(district, name) + chair_problems(username)


def school_name_problems(district, name):
    problems = []
    if isinstance(district, str):
        district = District.objects.filter(name=district).first()
    if district is not None and School.objects.filter(district=district, name=name).exists():
        problems.append(
            _("The district %(district)s already has a school named %(name)s.")
            % {
                "district": district.name,
                "name": name,
            }
        )
    return problems


def chair_problems(username):
    """What stands in the way of a new chair's login ``username``."""
    if get_user_model().objects.filter(username__iexact=username).exists():
        return [_("The login name %(username)s is taken.") % {"username": username}]
    return []


def create_school_with_chair(district, name, short_name, username, chair_name=""):
    """Make a school of ``district`` and its chair's login with a one-time password.

    ``district`` is a ``District`` or the name of one, made when it does not exist yet.
    Raises :class:`SchoolSetupError` for a school name the district already has or a login
    name already taken; then nothing is written.
    """
    problems = setup_problems(district, name, username)
    if problems:
        raise SchoolSetupError(" ".join(problems))
    try:
        return _create_school_with_chair(district, name, short_name, username, chair_name)
    except IntegrityError:
        # Someone else made the same school or login between the check and the write.
        problems = setup_problems(district, name, username) or [
            _("The school and its chair could not be saved; nothing was changed. Try again.")
        ]
        raise SchoolSetupError(" ".join(problems)) from None


@transaction.atomic
def _create_school_with_chair(district, name, short_name, username, chair_name):
    if isinstance(district, str):
        district, _created = District.objects.get_or_create(name=district)
    school = School.objects.create(district=district, name=name, short_name=short_name)
    chair, password = _create_chair(school, username, chair_name)
    return NewSchool(school=school, chair=chair, password=password)


def create_chair(school, username, chair_name=""):
    """A chair's login for ``school`` (one that has none yet, or a new chair), with a one-time
    password to change at the first login: ``(chair, password)``.

    Raises :class:`SchoolSetupError` for a login name already taken; then nothing is written.
    """
    problems = chair_problems(username)
    if problems:
        raise SchoolSetupError(" ".join(problems))
    try:
        with transaction.atomic():
            return _create_chair(school, username, chair_name)
    except IntegrityError:
        # Someone else took the login name between the check and the write.
        problems = chair_problems(username) or [_("The chair could not be saved; nothing was changed. Try again.")]
        raise SchoolSetupError(" ".join(problems)) from None


def _create_chair(school, username, chair_name):
    password = temporary_password()
    chair = get_user_model().objects.create_user(
        username=username,
        password=password,
        last_name=chair_name,
        school=school,
        role=Role.CHAIR,
        must_change_password=True,
    )
    return chair, password
