"""Incheck settings: one file, environment variables only, strict parsing, safe defaults.

A bad value fails loudly at start-up rather than quietly doing something else.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = BASE_DIR.parent
VAR_DIR = Path(os.environ.get("INCHECK_VAR_DIR", PROJECT_DIR / "var"))


def env_str(name: str, default: str = "") -> str:
    """A string from the environment, or from the file named by NAME_FILE (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        return Path(file_name).read_text(encoding="utf-8").strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def database_from_url(url: str) -> dict[str, object]:
    """Django's DATABASES entry for a postgres:// or sqlite:/// URL."""
    parsed = urlparse(url)
    if parsed.scheme in {"postgres", "postgresql"}:
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(parsed.port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": env_int("CONN_MAX_AGE", 60),
            "CONN_HEALTH_CHECKS": True,
        }
    if parsed.scheme == "sqlite":
        # sqlite:///var/x.db is relative, sqlite:////srv/x.db absolute (one slash is the separator).
        return sqlite_database(Path(unquote(parsed.path[1:])))
    raise ImproperlyConfigured(
        f"DATABASE_URL must start with postgres:// or sqlite:///, got {url!r}"
    )


def sqlite_database(path: Path) -> dict[str, object]:
    # WAL lets readers and the writer work at once; IMMEDIATE takes the write lock at the start
    # of a transaction so two writers wait for each other instead of failing half-way.
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(path),
        "OPTIONS": {
            "timeout": 20,
            "transaction_mode": "IMMEDIATE",
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    }


DEBUG = env_bool("DEBUG", False)
TESTING = "pytest" in sys.modules or env_bool("INCHECK_TESTING", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if DEBUG or TESTING or env_bool("INCHECK_DEMO", False):
        # The demo and the tests may run without a configured key; a restart signs everyone out.
        SECRET_KEY = secrets.token_urlsafe(50)
    else:
        raise ImproperlyConfigured(
            "SECRET_KEY is not set. Set it in the environment (or SECRET_KEY_FILE), "
            "or set INCHECK_DEMO=true to run the demo with a throwaway key."
        )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
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
    "whitenoise.middleware.WhiteNoiseMiddleware",
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
            ],
        },
    },
]

_database_url = env_str("DATABASE_URL")
DATABASES = {
    "default": database_from_url(_database_url)
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

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "inbox"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("sv", "Svenska")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Stockholm")
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
SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 256 * 1024)

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "incheck@localhost")

# The method's thresholds (DESIGN.md §1, rule 3): days without progress before a KR is stale,
# days without any check-in before it is dead.
INCHECK_STALE_DAYS = env_int("INCHECK_STALE_DAYS", 14)
INCHECK_DEAD_DAYS = env_int("INCHECK_DEAD_DAYS", 21)
INCHECK_LOW_CONFIDENCE = env_int("INCHECK_LOW_CONFIDENCE", 4)
INCHECK_PACE_TOLERANCE_PERCENT = env_int("INCHECK_PACE_TOLERANCE_PERCENT", 15)
INCHECK_OUTCOME_WINDOW_DAYS = env_int("INCHECK_OUTCOME_WINDOW_DAYS", 14)
# Reminders (`incheck remind`): at most one e-mail a person in this many days, with links here.
INCHECK_REMINDER_INTERVAL_DAYS = env_int("INCHECK_REMINDER_INTERVAL_DAYS", 7)
INCHECK_BASE_URL = env_str("INCHECK_BASE_URL", "http://127.0.0.1:8000")

# Single sign-on with OpenID Connect (docs/sso.md). Off unless OIDC_ISSUER is set; the
# provider's endpoints and keys come from its discovery document, read on first use.
OIDC_ISSUER = env_str("OIDC_ISSUER").rstrip("/")
OIDC_CLIENT_ID = env_str("OIDC_CLIENT_ID")
OIDC_CLIENT_SECRET = env_str("OIDC_CLIENT_SECRET")
OIDC_SCOPES = env_str("OIDC_SCOPES", "openid email profile").split()
OIDC_NAME = env_str("OIDC_NAME", "single sign-on")
# On: someone the provider vouches for (verified e-mail) gets a person here at first sign-in.
# Off: only people an admin invited (or imported) may sign in with the provider.
OIDC_CREATE_PEOPLE = env_bool("OIDC_CREATE_PEOPLE", True)
# The claim listing the person's groups ("groups"); empty: teams are managed here only.
OIDC_GROUPS_CLAIM = env_str("OIDC_GROUPS_CLAIM")
OIDC_TIMEOUT = env_int("OIDC_TIMEOUT", 10)
INCHECK_PASSWORD_SIGN_IN = env_bool("INCHECK_PASSWORD_SIGN_IN", True)


def _check_single_sign_on() -> None:
    if OIDC_ISSUER:
        issuer = urlparse(OIDC_ISSUER)
        # http:// only makes sense on loopback (the tests' provider); anything else is https.
        if issuer.scheme not in {"https", "http"} or not issuer.netloc:
            raise ImproperlyConfigured(f"OIDC_ISSUER must be an https:// URL, got {OIDC_ISSUER!r}")
        if not OIDC_CLIENT_ID:
            raise ImproperlyConfigured("OIDC_ISSUER is set but OIDC_CLIENT_ID is not")
        if "openid" not in OIDC_SCOPES:
            raise ImproperlyConfigured(f"OIDC_SCOPES must include openid, got {OIDC_SCOPES!r}")
    elif not INCHECK_PASSWORD_SIGN_IN:
        raise ImproperlyConfigured(
            "INCHECK_PASSWORD_SIGN_IN=false needs single sign-on (OIDC_ISSUER): "
            "otherwise nobody could sign in"
        )
    if OIDC_TIMEOUT < 1:
        raise ImproperlyConfigured(f"OIDC_TIMEOUT must be at least 1 second, got {OIDC_TIMEOUT}")


_check_single_sign_on()
# The password backend answers "no" when password sign-in is off; SSO signs people in with it
# too, so a session's user is loaded (and a deactivated person refused) the same way for both.
AUTHENTICATION_BACKENDS = ["incheck.accounts.backends.PasswordBackend"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
