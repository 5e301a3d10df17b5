"""Incheck settings: one file, environment variables only, strict parsing, safe defaults.

A bad value fails loudly at start-up rather than quietly doing something else: every value is
checked here, when the settings load (the parsers are in `incheck.env`), and `incheck` turns
the error into one line and a non-zero exit (`incheck.cli`).
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import sys
import zoneinfo
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from incheck.domain.health import Thresholds
from incheck.env import (
    database_from_url,
    env_bool,
    env_int,
    env_list,
    env_proxy_ssl_header,
    env_str,
    env_url,
    sqlite_database,
    var_dir,
)

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = var_dir()


def server_port() -> int:
    """`incheck serve`'s port when --port is not given: $PORT, else 8000."""
    return env_int("PORT", 8000, minimum=1, maximum=65535)


def server_workers() -> int:
    """`incheck serve`'s worker processes when --workers is not given: $WEB_CONCURRENCY (gunicorn's
    convention, which gunicorn itself reads with a bare int()), else two."""
    return env_int("WEB_CONCURRENCY", 2, minimum=1, maximum=1024)


DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules or env_bool("INCHECK_TESTING", False)

DEMO = env_bool("INCHECK_DEMO", False)

# Django's own deploy check (security.W009) asks for this much; outside the demo and the tests a
# weaker key is refused rather than warned about, since it signs every session and reset link.
SECRET_KEY_MIN_LENGTH = 50
SECRET_KEY_MIN_UNIQUE_CHARACTERS = 5
SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG or TESTING or DEMO:
        # The demo and the tests may run without a configured key; a restart signs everyone out.
        SECRET_KEY = secrets.token_urlsafe(50)
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or SECRET_KEY_FILE), "
            "or set INCHECK_DEMO=true to run the demo with a throwaway key."
        )
elif not (TESTING or DEMO) and (
    len(SECRET_KEY) < SECRET_KEY_MIN_LENGTH
    or len(set(SECRET_KEY)) < SECRET_KEY_MIN_UNIQUE_CHARACTERS
    or SECRET_KEY.startswith("django-insecure-")
):
    raise ImproperlyConfigured(
        f"SECRET_KEY is too weak: use at least {SECRET_KEY_MIN_LENGTH} random characters "
        f"(this one has {len(SECRET_KEY)}, {len(set(SECRET_KEY))} different), e.g. from "
        "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
for _origin in CSRF_TRUSTED_ORIGINS:
    if not re.fullmatch(r"https?://[^/?#\s]+", _origin):
        raise ImproperlyConfigured(
            f"CSRF_TRUSTED_ORIGINS takes origins like https://okr.example.org, got {_origin!r}"
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "csp",
    # For the bundled Swagger UI at /api/v1/docs: a self-hosted install loads nothing from a CDN.
    "ninja",
    "incheck.accounts",
    "incheck.okrs",
    "incheck.portability",
    "incheck.notify",
    "incheck.audit",
    "incheck.people",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    # Inside the CSP middleware, so that it sees what this one adds (the provider's origin).
    "incheck.accounts.middleware.SingleSignOnFormAction",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before anything reads the request (the session cookie, a form, a path argument).
    "incheck.middleware.RefuseNul",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "incheck.accounts.middleware.ProfileLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "incheck.accounts.middleware.UserPreferencesMiddleware",
    "incheck.accounts.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "incheck.api.MethodNotAllowedBody",
    # After the session's user is known; a retried API POST gets its first response back.
    "incheck.okrs.api.idempotency.IdempotencyKeys",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "incheck.urls"
WSGI_APPLICATION = "incheck.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "incheck.accounts.backends.sign_in_options",
            ],
        },
    },
    # The hot loops of the heavy pages (incheck/jinja.py): tried after Django's own templates.
    {
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "DIRS": [BASE_DIR / "templates" / "jinja2"],
        "APP_DIRS": False,
        "OPTIONS": {"environment": "incheck.jinja.environment"},
    },
]
# Form widgets are drawn by Django's own Jinja2 copies of its widget templates: the same HTML,
# half the cost of its template engine on the check-in form (docs/architecture.md).
FORM_RENDERER = "django.forms.renderers.Jinja2"

_database_url = env_str("DATABASE_URL")
# Seconds a PostgreSQL connection is kept between requests (SQLite opens its file each time).
CONN_MAX_AGE = env_int("CONN_MAX_AGE", 60, minimum=0)
DATABASES = {
    "default": database_from_url(_database_url, conn_max_age=CONN_MAX_AGE)
    if _database_url
    else sqlite_database(VAR_DIR / "incheck.sqlite3")
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
if TESTING:
    # Hashing on purpose slowly is the point in production and a waste in tests.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

AUTHENTICATION_BACKENDS = [
    # First: refuses a locked-out user name or address before any password is compared.
    "incheck.accounts.throttle.SignInThrottle",
    # Django's password check, answering "no" when password sign-in is off. Single sign-on
    # signs people in with it too, so a session's user is loaded (and a deactivated person
    # refused) the same way for both.
    "incheck.accounts.backends.PasswordBackend",
]
# Sign-in throttling (incheck/accounts/throttle.py, docs/operations.md): five failures for one
# user name, or from one address, refuse it for 15 minutes.
AXES_ENABLED = True
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = "incheck.accounts.throttle.lockout_parameters"
AXES_CLIENT_IP_CALLABLE = "incheck.accounts.throttle.client_address"
AXES_LOCKOUT_CALLABLE = "incheck.accounts.throttle.lockout_response"
AXES_HANDLER = "incheck.accounts.throttle.SignInAttempts"
# A try while locked out does not push the end of the cool-off further away: the page can say
# when signing in works again, and a person who tries once more is not punished for it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
# Not reset by a successful sign-in: that would also clear the address's count, and whoever has
# one account could go on guessing others' passwords between two sign-ins of their own.
AXES_RESET_ON_SUCCESS = False
# Failed attempts are kept (to count them); successful sign-ins are not logged with addresses.
AXES_DISABLE_ACCESS_LOG = True
AXES_VERBOSE = False

# A reset link works once and for a day (the e-mail says so).
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inbox"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Stockholm")
if TIME_ZONE not in zoneinfo.available_timezones():
    raise ImproperlyConfigured(
        f"TIME_ZONE must be a zone name like Europe/Stockholm or UTC, got {TIME_ZONE!r}"
    )
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# The project's own static files (app.css, app.js, the vendored htmx) live outside the apps.
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING

SESSION_ENGINE = "incheck.accounts.sessions"
SESSION_COOKIE_HTTPONLY = True
# HTTPS (docs/operations.md gives the whole environment for serving behind a TLS proxy). The
# names are Django's own settings'.
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", SESSION_COOKIE_SECURE)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# A load balancer may ask over plain HTTP whether the process answers.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
if (SECURE_HSTS_INCLUDE_SUBDOMAINS or SECURE_HSTS_PRELOAD) and not SECURE_HSTS_SECONDS:
    raise ImproperlyConfigured(
        "SECURE_HSTS_INCLUDE_SUBDOMAINS and SECURE_HSTS_PRELOAD do nothing without "
        "SECURE_HSTS_SECONDS (e.g. 31536000, a year)"
    )


SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("SECURE_PROXY_SSL_HEADER")
# How many proxies in front of Incheck append the address they saw to X-Forwarded-For (nginx's
# $proxy_add_x_forwarded_for). 0: the connecting address is the client's. Sign-in throttling
# counts failures per address, so behind a proxy this must be right (docs/operations.md).
INCHECK_TRUSTED_PROXIES = env_int("INCHECK_TRUSTED_PROXIES", 0, minimum=0, maximum=10)
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy (django-csp): scripts only from our own static files, never inline
# (no <script> body, no onclick=, no javascript: URL; htmx's eval is off in base.html), so an
# injected script cannot run even if an escaping bug let one through. Style attributes stay
# allowed: the progress bars set their width with one, and CSS cannot run script. A form may
# only post here. New pages follow docs/architecture.md (Security); the browser test
# incheck/tests/test_browser_csp.py visits every page and fails on any violation.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int(
    "DATA_UPLOAD_MAX_MEMORY_SIZE", 256 * 1024, minimum=16 * 1024, maximum=100 * 1024 * 1024
)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if not re.fullmatch(r"[A-Za-z_][\w.]*\.[A-Za-z_]\w*", EMAIL_BACKEND):
    raise ImproperlyConfigured(
        "EMAIL_BACKEND must be a Python path like "
        f"django.core.mail.backends.smtp.EmailBackend, got {EMAIL_BACKEND!r}"
    )
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25, minimum=1, maximum=65535)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "incheck@localhost")
if not re.fullmatch(r"[^@<>\s]+@[^@<>\s]+|[^<>]*<[^@<>\s]+@[^@<>\s]+>", DEFAULT_FROM_EMAIL):
    raise ImproperlyConfigured(
        "DEFAULT_FROM_EMAIL must be an address like incheck@example.org or "
        f"'Incheck <incheck@example.org>', got {DEFAULT_FROM_EMAIL!r}"
    )

# The method's thresholds (DESIGN.md §1, rule 3): days without progress before a KR is stale,
# days without any check-in before it is dead. Which values make sense is a rule of the
# domain (`Thresholds`); it is asked here so that a bad value stops the start, not every page.
INCHECK_STALE_DAYS = env_int("INCHECK_STALE_DAYS", 14)
INCHECK_DEAD_DAYS = env_int("INCHECK_DEAD_DAYS", 21)
INCHECK_LOW_CONFIDENCE = env_int("INCHECK_LOW_CONFIDENCE", 4)
INCHECK_PACE_TOLERANCE_PERCENT = env_int("INCHECK_PACE_TOLERANCE_PERCENT", 15)
INCHECK_OUTCOME_WINDOW_DAYS = env_int("INCHECK_OUTCOME_WINDOW_DAYS", 14)
_STALE, _DEAD, _WINDOW = "INCHECK_STALE_DAYS", "INCHECK_DEAD_DAYS", "INCHECK_OUTCOME_WINDOW_DAYS"
_THRESHOLD_PROBLEMS = {
    "threshold_days_not_positive": (f"{_STALE} and {_DEAD} must be at least 1", (_STALE, _DEAD)),
    "threshold_days_too_long": (
        f"{_STALE}, {_DEAD} and {_WINDOW} must be at most 365",
        (_STALE, _DEAD, _WINDOW),
    ),
    "dead_before_stale": (f"{_DEAD} must not be shorter than {_STALE}", (_STALE, _DEAD)),
    "pace_tolerance_out_of_range": (
        "INCHECK_PACE_TOLERANCE_PERCENT must be from 0 to 100",
        ("INCHECK_PACE_TOLERANCE_PERCENT",),
    ),
    "low_confidence_out_of_range": (
        "INCHECK_LOW_CONFIDENCE must be from 0 to 10",
        ("INCHECK_LOW_CONFIDENCE",),
    ),
    "outcome_window_negative": (f"{_WINDOW} must not be negative", (_WINDOW,)),
}
try:
    Thresholds(
        stale_days=INCHECK_STALE_DAYS,
        dead_days=INCHECK_DEAD_DAYS,
        pace_tolerance=INCHECK_PACE_TOLERANCE_PERCENT / 100,
        low_confidence=INCHECK_LOW_CONFIDENCE,
        outcome_window_days=INCHECK_OUTCOME_WINDOW_DAYS,
    )
except ValueError as _problem:
    _text, _names = _THRESHOLD_PROBLEMS.get(_problem.args[0], (str(_problem), ()))
    _given = ", ".join(f"{name}={globals()[name]}" for name in _names)
    raise ImproperlyConfigured(f"{_text} (got {_given})" if _given else _text) from None
# Links in e-mails, chat messages, webhooks and the calendar feed start with this address.
INCHECK_BASE_URL = env_url("INCHECK_BASE_URL", "http://127.0.0.1:8000")
# The habit loop (`incheck jobs`, docs/method.md): at most this many nudges a person a week;
# after this many ignored in a row a KR goes to its lead's digest and its nudges stop.
INCHECK_NUDGES_PER_WEEK = env_int("INCHECK_NUDGES_PER_WEEK", 3, minimum=1, maximum=50)
INCHECK_ESCALATE_AFTER = env_int("INCHECK_ESCALATE_AFTER", 2, minimum=1, maximum=50)
# Team channels get the check-in day's message at this hour, in the installation's TIME_ZONE.
INCHECK_TEAM_POST_HOUR = env_int("INCHECK_TEAM_POST_HOUR", 9, minimum=0, maximum=23)
# Seconds an outgoing call (chat, webhook, Slack) may take before it counts as failed.
INCHECK_HTTP_TIMEOUT = env_int("INCHECK_HTTP_TIMEOUT", 10, minimum=1, maximum=120)
# Seconds between two runs of `incheck jobs --loop`.
INCHECK_JOBS_INTERVAL = env_int("INCHECK_JOBS_INTERVAL", 60, minimum=1, maximum=3600)
# Slack: the bot token may come from the environment (it then wins over the admin setting);
# the Web API's address only changes for a proxy or the tests (empty: slack_sdk's own).
SLACK_BOT_TOKEN = env_str("SLACK_BOT_TOKEN")
INCHECK_SLACK_API_URL = env_str("INCHECK_SLACK_API_URL")

# `incheck serve`'s defaults, read again by the command; checked here so that a bad value stops
# every command at once (gunicorn would otherwise fail on WEB_CONCURRENCY with a traceback).
PORT = server_port()
WEB_CONCURRENCY = server_workers()

LOG_LEVEL = env_str("LOG_LEVEL", "WARNING").strip().upper()
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        f"LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, got {LOG_LEVEL!r}"
    )

# Single sign-on with OpenID Connect (docs/people.md). Off unless OIDC_ISSUER is set; the
# provider's endpoints and keys come from its discovery document, read on first use.
OIDC_ISSUER = env_url("OIDC_ISSUER", "").rstrip("/")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
OIDC_SCOPES = env_str("OIDC_SCOPES", "openid email profile").split()
OIDC_NAME = env_str("OIDC_NAME", "single sign-on")
# On: someone the provider vouches for (verified e-mail) gets a person here at first sign-in.
# Off: only people an admin invited (or imported) may sign in with the provider.
OIDC_CREATE_PEOPLE = env_bool("OIDC_CREATE_PEOPLE", True)
# The claim listing the person's groups ("groups"); empty: teams are managed here only.
OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM")
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10, minimum=1, maximum=300)
INCHECK_PASSWORD_SIGN_IN = env_bool("INCHECK_PASSWORD_SIGN_IN", True)


def _check_single_sign_on() -> None:
    # OIDC_ISSUER is an http(s) address with a host (env_url); http:// only makes sense on
    # loopback (the tests' provider).
    if OIDC_ISSUER:
        if not OIDC_CLIENT_ID:
            raise ImproperlyConfigured("OIDC_ISSUER is set but OIDC_CLIENT_ID is not")
        if "openid" not in OIDC_SCOPES:
            raise ImproperlyConfigured(f"OIDC_SCOPES must include openid, got {OIDC_SCOPES!r}")
    elif not INCHECK_PASSWORD_SIGN_IN:
        raise ImproperlyConfigured(
            "INCHECK_PASSWORD_SIGN_IN=false needs single sign-on (OIDC_ISSUER): "
            "otherwise nobody could sign in"
        )


_check_single_sign_on()

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
}
