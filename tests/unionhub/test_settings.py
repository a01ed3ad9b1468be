"""Production settings pass Django's deployment checks and refuse to start without a secret key."""

import os
import secrets
import string
import subprocess
import sys
from pathlib import Path

import pytest

from tests.factories import PASSWORD, UserFactory

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def run(*args, env_changes=None, drop=()):
    env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_") and key not in drop}
    env.update(env_changes or {})
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def random_key(length=60):
    alphabet = string.ascii_letters + string.digits + "!@#%^&*(-_=+)"
    return "".join(secrets.choice(alphabet) for _ in range(length))


def production(**changes):
    return {"DJANGO_SETTINGS_MODULE": "unionhub.settings_production", **changes}


def test_it_passes_the_deployment_checks_without_a_warning():
    result = run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_changes=production(DJANGO_SECRET_KEY=random_key(), DJANGO_ALLOWED_HOSTS="union.example.edu.cn"),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stderr and "security." not in result.stderr


def test_it_fails_the_deployment_checks_in_development_settings():
    # The check above is not vacuous: the development settings do warn.
    result = run(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_changes={"DJANGO_SETTINGS_MODULE": "unionhub.settings"},
    )
    assert result.returncode != 0
    assert "security.W" in result.stderr


IMPORT_PRODUCTION = "import django; django.setup()"


@pytest.mark.parametrize(
    "secret_key",
    [
        None,  # not set at all
        "",
        "too-short-" * 4,  # 40 characters
        "django-insecure-" + "x" * 60,  # Django's placeholder, however long
    ],
    ids=["unset", "empty", "short", "insecure-placeholder"],
)
def test_it_refuses_to_start_without_a_real_secret_key(secret_key):
    changes = production()
    if secret_key is not None:
        changes["DJANGO_SECRET_KEY"] = secret_key

    result = run("-c", IMPORT_PRODUCTION, env_changes=changes)

    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_it_starts_with_a_real_secret_key():
    code = (
        "import django; django.setup(); from django.conf import settings; "
        "print(settings.DEBUG, settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, "
        "settings.SECURE_SSL_REDIRECT)"
    )
    result = run("-c", code, env_changes=production(DJANGO_SECRET_KEY=random_key()))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True", "True", "True"]


SESSION_SETTINGS = (
    "import django; django.setup(); from django.conf import settings; "
    "print(settings.SESSION_COOKIE_AGE, settings.SESSION_EXPIRE_AT_BROWSER_CLOSE)"
)


def test_a_login_lasts_a_working_day_by_default():
    result = run("-c", SESSION_SETTINGS, env_changes=production(DJANGO_SECRET_KEY=random_key()))
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [str(8 * 60 * 60), "False"]


def test_how_long_a_login_lasts_comes_from_the_environment():
    changes = production(
        DJANGO_SECRET_KEY=random_key(),
        DJANGO_SESSION_COOKIE_AGE="3600",
        DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE="true",
    )
    result = run("-c", SESSION_SETTINGS, env_changes=changes)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["3600", "True"]


def test_the_session_cookie_expires_after_the_configured_age(db, client, settings, fast_password_hasher):
    settings.SESSION_COOKIE_AGE = 3600
    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = False
    UserFactory(username="kept")
    client.post("/accounts/login/", {"username": "kept", "password": PASSWORD})
    assert client.cookies["sessionid"]["max-age"] == 3600

    settings.SESSION_EXPIRE_AT_BROWSER_CLOSE = True
    client.post("/accounts/login/", {"username": "kept", "password": PASSWORD})
    assert client.cookies["sessionid"]["max-age"] == ""
