"""The soft brake on one account's failed logins, shared by every app server.

Failures on a username are counted from every address, in the cache (Redis when
``REDIS_URL`` is set). Past ``LOGIN_DELAY_FREE_FAILURES`` each further attempt on that
username must wait 2, 4, 8… seconds after the last counted failure, never more than
``LOGIN_DELAY_MAX_SECONDS``; an attempt made while it must wait is refused without its
password being checked and is not counted, so guessing from many addresses cannot stretch
the wait and the account's owner gets in once it is over. The hard lock-out is per
address (django-axes).
"""

import hashlib
import math
import time

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver


def _key(username):
    return "login-delay:{}".format(hashlib.sha256(username.encode()).hexdigest())


def delay_after(failures):
    """Seconds to wait after the last of ``failures`` counted failures."""
    extra = failures - settings.LOGIN_DELAY_FREE_FAILURES
    if extra < 0:
        return 0
    return min(settings.LOGIN_DELAY_MAX_SECONDS, 2 ** min(extra + 1, 30))


def seconds_to_wait(username):
    """Whole seconds before ``username`` may try again (0: now)."""
    state = cache.get(_key(username))
    if not state:
        return 0
    remaining = state["last"] + delay_after(state["failures"]) - time.time()
    return math.ceil(remaining) if remaining > 0 else 0


def count_failure(username):
    state = cache.get(_key(username)) or {"failures": 0}
    state = {"failures": state["failures"] + 1, "last": time.time()}
    cache.set(_key(username), state, settings.LOGIN_DELAY_MEMORY_SECONDS)


def forget_failures(username):
    cache.delete(_key(username))


@receiver(user_login_failed, dispatch_uid="unionhub.login_delay.failed")
def _count_failed_login(sender, credentials, request=None, **kwargs):
    username = credentials.get("username")
    # An address already locked out had no password checked: its refusal says nothing
    # about the account.
    if username and not getattr(request, "axes_locked_out", False):
        count_failure(username)


@receiver(user_logged_in, dispatch_uid="unionhub.login_delay.logged_in")
def _forget_on_login(sender, user, **kwargs):
    forget_failures(user.get_username())
