"""Strict parsing of environment variables, for settings.py.

Each helper returns the value or raises ImproperlyConfigured with one line that names the
variable and says what it takes; `incheck` prints that line and exits (see `incheck.cli`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

PROJECT_DIR = Path(__file__).resolve().parent.parent
# The demo's signing key, which `make run` writes into the checkout's var/ (Makefile).
DEMO_KEY_NAME = "secret_key"


def var_dir() -> Path:
    """Where the SQLite database, collected static files and the demo's key live:
    $INCHECK_VAR_DIR, else the checkout's var/."""
    return Path(os.environ.get("INCHECK_VAR_DIR") or PROJECT_DIR / "var")


def env_str(name: str, default: str = "") -> str:
    """A string from the environment, or from the file named by NAME_FILE (for secrets)."""
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text(encoding="utf-8").strip()
        except (OSError, UnicodeDecodeError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            raise ImproperlyConfigured(
                f"{name}_FILE names {file_name!r}, which cannot be read: {reason}"
            ) from exc
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


def env_int(
    name: str, default: int, *, minimum: int | None = None, maximum: int | None = None
) -> int:
    """A whole number in ASCII digits (int() would also take "1_000" or Arabic digits),
    within [minimum, maximum] when given."""
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if not re.fullmatch(r"[+-]?[0-9]{1,18}", raw.strip()):
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}")
    value = int(raw)
    if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
        if maximum is None:
            allowed = f"at least {minimum}"
        elif minimum is None:
            allowed = f"at most {maximum}"
        else:
            allowed = f"from {minimum} to {maximum}"
        raise ImproperlyConfigured(f"{name} must be a whole number {allowed}, got {raw!r}")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    return [part.strip() for part in raw.split(",") if part.strip()]


def env_url(name: str, default: str) -> str:
    """An http(s) address with a host and no query or fragment (links in e-mails start with it)."""
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    parsed = urlparse(raw.strip())
    try:
        parsed.port  # noqa: B018 - raises ValueError on a port that is not a number
    except ValueError:
        parsed = parsed._replace(netloc="")
    if (
        parsed.scheme not in {"http", "https"}
        or not parsed.hostname
        or parsed.query
        or (parsed.fragment)
    ):
        raise ImproperlyConfigured(
            f"{name} must be an address like https://okr.example.org, got {raw!r}"
        )
    return raw.strip()


def env_proxy_ssl_header(name: str) -> tuple[str, str] | None:
    """`X-Forwarded-Proto` (the proxy sets it to `https`) or `Header,value` → Django's
    ("HTTP_X_FORWARDED_PROTO", "https")."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    header, _comma, value = (part.strip() for part in raw.partition(","))
    if not re.fullmatch(r"[A-Za-z0-9-]+", header) or not re.fullmatch(r"[!-~]*", value):
        raise ImproperlyConfigured(
            f"{name} must be a header name like X-Forwarded-Proto (optionally ',value'), "
            f"got {raw!r}"
        )
    return "HTTP_" + header.upper().replace("-", "_"), value or "https"


def database_from_url(url: str, *, conn_max_age: int = 60) -> dict[str, object]:
    """Django's DATABASES entry for a postgres:// or sqlite:/// URL."""
    parsed = urlparse(url)
    if parsed.scheme in {"postgres", "postgresql"}:
        try:
            port = parsed.port
        except ValueError as exc:
            raise ImproperlyConfigured(
                "DATABASE_URL has a port that is not a number from 0 to 65535"
            ) from exc
        if not parsed.path.lstrip("/"):
            raise ImproperlyConfigured(
                "DATABASE_URL names no database: postgres://user:password@host:5432/NAME"
            )
        options = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
        return {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": unquote(parsed.path.lstrip("/")),
            "USER": unquote(parsed.username or ""),
            "PASSWORD": unquote(parsed.password or ""),
            "HOST": parsed.hostname or "",
            "PORT": str(port or ""),
            "OPTIONS": options,
            "CONN_MAX_AGE": conn_max_age,
            "CONN_HEALTH_CHECKS": True,
        }
    if parsed.scheme == "sqlite":
        # sqlite:///var/x.db is relative, sqlite:////srv/x.db absolute (one slash is the separator).
        return sqlite_database(Path(unquote(parsed.path[1:])))
    # Not the URL itself: it may hold a password.
    raise ImproperlyConfigured(
        "DATABASE_URL must start with postgres:// or sqlite:///"
        + (f", not {parsed.scheme}://" if parsed.scheme else "")
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
