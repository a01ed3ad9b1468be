"""Settings for UnionHub, read from the environment.

Development defaults let `make run` work on a fresh machine; production overrides live in
``unionhub.settings_production``.
"""

import ipaddress
import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    return int(os.environ.get(name, default))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_networks(name):
    """Comma-separated addresses or networks; a typo stops the start instead of trusting nothing."""
    entries = env_list(name)
    for entry in entries:
        try:
            ipaddress.ip_network(entry, strict=False)
        except ValueError as error:
            raise ImproperlyConfigured("{}: {}".format(name, error)) from None
    return entries


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "django-insecure-development-only-key")
DEBUG = env_bool("DJANGO_DEBUG", True)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_tables2",
    "django_htmx",
    "simple_history",
    "axes",
    "unionhub",
    "members",
    "activities",
    "congress",
    "disclosure",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "unionhub.middleware.ChineseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "unionhub.middleware.SchoolScopeMiddleware",
    "unionhub.middleware.PasswordChangeRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks, so it sees the outcome of every login attempt.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "unionhub.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "unionhub.context_processors.school_and_role",
            ],
            # Every create form's one-time token, without a {% load %} in each template.
            "builtins": ["unionhub.templatetags.submission"],
        },
    },
]

WSGI_APPLICATION = "unionhub.wsgi.application"

# Connections are kept between requests (DJANGO_CONN_MAX_AGE seconds, 0 to close after each)
# and checked before reuse, so a PostgreSQL restart costs one failed check, not a 500.
DATABASES = {
    "default": dj_database_url.config(
        default="sqlite:///{}".format(BASE_DIR / "db.sqlite3"),
        conn_max_age=env_int("DJANGO_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several app server processes on one file: a transaction takes the write lock when it
    # begins (and waits for it) instead of failing as "database is locked" when it first
    # writes after reading; readers never wait for the writer in WAL mode.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"transaction_mode": "IMMEDIATE", "timeout": 20, "init_command": "PRAGMA journal_mode=WAL;"}
    )

# The figures cache (unionhub.figures_cache) and anything else cached: local memory in
# each process by default; Redis, shared by every app server, when REDIS_URL is set.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": env_int("DJANGO_CACHE_MAX_ENTRIES", 2000)},
        }
    }

# Long work off the request (unionhub.tasks): a worker thread inside each app server by
# default, no other service; with REDIS_URL, the RQ queue "unionhub" on that Redis, which
# `manage.py rqworker unionhub` runs (under systemd, see README). UNIONHUB_TASKS=eager
# runs the work inside the request.
BACKGROUND_TASKS = os.environ.get("UNIONHUB_TASKS", "rq" if REDIS_URL else "thread")
BACKGROUND_THREADS = env_int("UNIONHUB_TASK_THREADS", 1)
RQ_QUEUES = {"unionhub": {"URL": REDIS_URL or "redis://127.0.0.1:6379/0", "DEFAULT_TIMEOUT": 3600}}
if REDIS_URL:
    INSTALLED_APPS.append("django_rq")

FIGURES_CACHE_SECONDS = env_int("DJANGO_FIGURES_CACHE_SECONDS", 24 * 60 * 60)
# Tables whose writes leave every figure as it was: no figure reads them (a test checks).
FIGURES_IGNORED_TABLES = [
    "django_",
    "axes_",
    "auth_",
    "unionhub_user",
    "unionhub_submissiontoken",
    "unionhub_accesslogentry",
    "unionhub_backgroundjob",
    "disclosure_noticeread",
    "disclosure_historicalnoticeread",
    "reports_summarydraft",
    "reports_historicalsummarydraft",
    "reports_summaryversion",
    "reports_summarytemplate",
    "reports_historicalsummarytemplate",
]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "unionhub.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# A login lasts DJANGO_SESSION_COOKIE_AGE seconds (a working day by default) from the
# last request that touched the session; DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE ends it
# with the browser too, for shared staff-room computers.
SESSION_COOKIE_AGE = env_int("DJANGO_SESSION_COOKIE_AGE", 8 * 60 * 60)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE", False)

# Content-Security-Policy, enforced: scripts and styles only from the app's own static
# files (no inline <script>, on…= handler, <style> or style= attribute), images also as
# data: URIs (Bootstrap draws its select arrows and close buttons that way), no plug-ins,
# no framing, forms post only to the app.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the app never uses stay off for it and for anything it might embed.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "encrypted-media",
        "fullscreen",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "picture-in-picture",
        "publickey-credentials-get",
        "screen-wake-lock",
        "usb",
        "xr-spatial-tracking",
    )
}
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

# Reverse proxies (addresses or networks, e.g. 127.0.0.1,10.0.0.0/8) whose X-Forwarded-For
# names the client; any other peer's header is ignored (unionhub.client_address).
TRUSTED_PROXIES = env_networks("TRUSTED_PROXIES")

# Failed logins, two brakes. Hard, per client address: after AXES_FAILURE_LIMIT failures
# from one address, that address is locked out for an hour (django-axes). Soft, per
# account: after LOGIN_DELAY_FREE_FAILURES failures on one username from anywhere, each
# further attempt on it waits 2, 4, 8… seconds, at most LOGIN_DELAY_MAX_SECONDS, so
# guessing from many addresses is slowed without locking the account's owner out.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 10)
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = ["ip_address"]
AXES_CLIENT_IP_CALLABLE = "unionhub.client_address.client_address"
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_RESET_ON_SUCCESS = True
LOGIN_DELAY_FREE_FAILURES = env_int("LOGIN_DELAY_FREE_FAILURES", 3)
LOGIN_DELAY_MAX_SECONDS = env_int("LOGIN_DELAY_MAX_SECONDS", 60)
# An account's failures are forgotten this long after the last one (and on a login).
LOGIN_DELAY_MEMORY_SECONDS = env_int("LOGIN_DELAY_MEMORY_SECONDS", 15 * 60)

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# Front-end libraries are vendored under static/vendor/ from their released distributions
# (see README); htmx comes with django-htmx.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploaded files live outside the static tree and are served only through views that
# check the viewer's school; MEDIA_URL is never routed.
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "/media-not-served/"
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"
DJANGO_TABLES2_TEMPLATE = "django_tables2/bootstrap5-responsive.html"

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

MESSAGE_TAGS = {40: "danger"}

UNIONHUB = {
    "PHOTO_MAX_BYTES": 8 * 1024 * 1024,
    "PHOTO_MAX_PIXELS": 40_000_000,
    "PHOTO_STORED_SIDE": 1200,
    "PHOTO_THUMB_SIDE": 240,
    "IMPORT_MAX_BYTES": 5 * 1024 * 1024,
    "IMPORT_MAX_UNCOMPRESSED_BYTES": 50 * 1024 * 1024,
    "IMPORT_MAX_ROWS": 5000,
    # An import preview's file not confirmed or cancelled is deleted once this old (seconds).
    "IMPORT_PREVIEW_MAX_AGE": env_int("IMPORT_PREVIEW_MAX_AGE", 24 * 60 * 60),
    "MAX_AMOUNT_YUAN": 50000,
    "ATTACHMENT_MAX_BYTES": 20 * 1024 * 1024,
    "ACTIVITY_MAX_PHOTOS": 30,
    # A roster file of more rows than this is checked and imported in the background.
    "IMPORT_BACKGROUND_ROWS": env_int("UNIONHUB_IMPORT_BACKGROUND_ROWS", 300),
    # A year with more records than this (as the summary counts them) gets its workbook
    # and its Word file made in the background.
    "EXPORT_BACKGROUND_RECORDS": env_int("UNIONHUB_EXPORT_BACKGROUND_RECORDS", 1000),
    "JOB_TIMEOUT": 3600,
    # An unfinished job silent this long (seconds) is shown as stopped.
    "JOB_STALLED_SECONDS": 600,
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}
