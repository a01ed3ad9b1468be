"""Writes about schools and logins that span several rows, each in one transaction."""

import secrets
from dataclasses import dataclass
from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from .client_address import client_address
from .models import AccessLogEntry, District, School, SensitiveAct
from .roles import Role

# No 0/o, 1/l/i: the password is read aloud or copied from a screen.
PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def temporary_password():
    """A readable one-time password; the account must replace it at first login."""
    return "".join(secrets.choice(PASSWORD_ALPHABET) for _ in range(10))


def login_label(user):
    """A login as the access log names it: 王伟（wangwei）, or the login name alone."""
    name = user.get_full_name()
    return "{}（{}）".format(name, user.username) if name else user.username


def acted_by(request):
    """The ``actor`` and ``address`` of ``record_sensitive_act`` for an act done in ``request``."""
    user = request.user
    return {"actor": user if user.is_authenticated else None, "address": client_address(request)}


def record_sensitive_act(kind, *, school, actor=None, target="", address=None, using=None):
    """Write the access log's entry for one sensitive act (a ``SensitiveAct``).

    ``school`` is the school whose data it touched; None means every school (a whole
    database restored), and each school's chair then finds the entry in their own log.
    ``actor`` is the login that acted, or None for a management command; ``target`` names
    the object as text; ``address`` is the client's IP address, if there was a client.
    Call it inside the transaction of the act it records, so neither is kept without the other.
    ``using`` names the database, for a restore into another one than the default.
    """
    schools = [school] if school is not None else School.objects.using(using).order_by("pk")
    entries = [
        AccessLogEntry(
            school=each,
            kind=SensitiveAct(kind),
            actor=actor,
            actor_name=login_label(actor) if actor is not None else "",
            target=target[: AccessLogEntry._meta.get_field("target").max_length],
            address=address,
        )
        for each in schools
    ]
    # Written for a school other than the scope's (a district administrator's act) or with
    # no scope at all (a command): the entry names its school itself.
    with scopes_disabled():
        AccessLogEntry.objects.db_manager(using).bulk_create(entries)
    return entries


@transaction.atomic
def reset_password(user, *, actor=None, address=None):
    """Set a new temporary password that must be changed at the next login."""
    password = temporary_password()
    user.set_password(password)
    user.must_change_password = True
    user.save(update_fields=["password", "must_change_password"])
    if user.school_id:
        record_sensitive_act(
            SensitiveAct.PASSWORD_RESET, school=user.school, actor=actor, target=login_label(user), address=address
        )
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


def set_active(user, active, *, actor=None, address=None):
    """Enable or disable a login, in the access log; a disabled one is logged out at once."""
    user.is_active = active
    user.save(update_fields=["is_active"])
    if not active:
        end_sessions(user)
    record_sensitive_act(
        SensitiveAct.ACCOUNT_ENABLE if active else SensitiveAct.ACCOUNT_DISABLE,
        school=user.school,
        actor=actor,
        target=login_label(user),
        address=address,
    )


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


def create_school_with_chair(district, name, short_name, username, chair_name="", *, actor=None, address=None):
    """Make a school of ``district`` and its chair's login with a one-time password.

    ``district`` is a ``District`` or the name of one, made when it does not exist yet.
    Raises :class:`SchoolSetupError` for a school name the district already has or a login
    name already taken; then nothing is written.
    """
    problems = setup_problems(district, name, username)
    if problems:
        raise SchoolSetupError(" ".join(problems))
    try:
        return _create_school_with_chair(district, name, short_name, username, chair_name, actor, address)
    except IntegrityError:
        # Someone else made the same school or login between the check and the write.
        problems = setup_problems(district, name, username) or [
            _("The school and its chair could not be saved; nothing was changed. Try again.")
        ]
        raise SchoolSetupError(" ".join(problems)) from None


@transaction.atomic
def _create_school_with_chair(district, name, short_name, username, chair_name, actor, address):
    if isinstance(district, str):
        district, _created = District.objects.get_or_create(name=district)
    school = School.objects.create(district=district, name=name, short_name=short_name)
    chair, password = _create_chair(school, username, chair_name, actor, address)
    return NewSchool(school=school, chair=chair, password=password)


def create_chair(school, username, chair_name="", *, actor=None, address=None):
    """A chair's login for ``school`` (one that has none yet, or a new chair), with a one-time
    password to change at the first login: ``(chair, password)``.

    Raises :class:`SchoolSetupError` for a login name already taken; then nothing is written.
    """
    problems = chair_problems(username)
    if problems:
        raise SchoolSetupError(" ".join(problems))
    try:
        with transaction.atomic():
            return _create_chair(school, username, chair_name, actor, address)
    except IntegrityError:
        # Someone else took the login name between the check and the write.
        problems = chair_problems(username) or [_("The chair could not be saved; nothing was changed. Try again.")]
        raise SchoolSetupError(" ".join(problems)) from None


def _create_chair(school, username, chair_name, actor, address):
    password = temporary_password()
    chair = get_user_model().objects.create_user(
        username=username,
        password=password,
        last_name=chair_name,
        school=school,
        role=Role.CHAIR,
        must_change_password=True,
    )
    record_sensitive_act(
        SensitiveAct.ACCOUNT_CREATE, school=school, actor=actor, target=login_label(chair), address=address
    )
    return chair, password
