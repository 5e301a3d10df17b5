"""Settings come from the environment, strictly: a bad value fails loudly."""

from __future__ import annotations

import re
import runpy
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from incheck.settings import database_from_url, env_bool, env_int

ROOT = Path(__file__).resolve().parents[2]


def test_a_postgres_url_becomes_a_postgres_database():
    db = database_from_url("postgres://ann:s%40cret@db.internal:5433/okrs?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"], db["NAME"]) == (
        "ann",
        "s@cret",
        "db.internal",
        "5433",
        "okrs",
    )
    assert db["OPTIONS"] == {"sslmode": "require"}


def test_a_sqlite_url_uses_wal_and_immediate_transactions():
    db = database_from_url("sqlite:////tmp/x.sqlite3")
    assert db["NAME"] == "/tmp/x.sqlite3"
    assert db["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in db["OPTIONS"]["init_command"]


def test_an_unknown_database_scheme_is_refused():
    with pytest.raises(ImproperlyConfigured):
        database_from_url("mysql://x/y")


def test_a_boolean_that_is_not_one_is_refused(monkeypatch):
    monkeypatch.setenv("DEBUG_X", "perhaps")
    with pytest.raises(ImproperlyConfigured):
        env_bool("DEBUG_X", False)
    monkeypatch.setenv("DEBUG_X", "off")
    assert env_bool("DEBUG_X", True) is False


def test_a_number_that_is_not_one_is_refused(monkeypatch):
    monkeypatch.setenv("N_X", "ten")
    with pytest.raises(ImproperlyConfigured):
        env_int("N_X", 1)


def test_production_without_a_secret_key_refuses_to_start():
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "incheck.settings"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


def test_debug_is_off_by_default():
    env = {"PATH": "/usr/bin:/bin", "SECRET_KEY": "a-key-for-this-test-only-" + "x" * 30}
    result = subprocess.run(
        [sys.executable, "-c", "import incheck.settings as s; print(s.DEBUG)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.strip() == "False", result.stderr


# Every value is checked when the settings load. In-process: the settings module run afresh with
# one bad value (the tests' own settings stay as they are).
SETTINGS_FILE = ROOT / "incheck" / "settings.py"


@pytest.mark.parametrize(
    ("name", "value", "says"),
    [
        ("INCHECK_STALE_DAYS", "0", "INCHECK_STALE_DAYS and INCHECK_DEAD_DAYS must be at least 1"),
        ("INCHECK_DEAD_DAYS", "-3", "must be at least 1"),
        ("INCHECK_DEAD_DAYS", "7", "INCHECK_DEAD_DAYS must not be shorter than INCHECK_STALE"),
        ("INCHECK_STALE_DAYS", "99999999999", "must be at most 365"),
        ("INCHECK_OUTCOME_WINDOW_DAYS", "-1", "INCHECK_OUTCOME_WINDOW_DAYS must not be negative"),
        ("INCHECK_LOW_CONFIDENCE", "11", "INCHECK_LOW_CONFIDENCE must be from 0 to 10"),
        ("INCHECK_PACE_TOLERANCE_PERCENT", "150", "must be from 0 to 100"),
        ("INCHECK_NUDGES_PER_WEEK", "0", "INCHECK_NUDGES_PER_WEEK must be a whole number"),
        ("INCHECK_STALE_DAYS", "1_4", "INCHECK_STALE_DAYS must be a whole number, got '1_4'"),
        ("WEB_CONCURRENCY", "abc", "WEB_CONCURRENCY must be a whole number, got 'abc'"),
        ("WEB_CONCURRENCY", "0", "WEB_CONCURRENCY must be a whole number from 1 to 1024"),
        ("PORT", "http", "PORT must be a whole number, got 'http'"),
        ("PORT", "70000", "PORT must be a whole number from 1 to 65535"),
        ("PORT", "²", "PORT must be a whole number"),
        ("EMAIL_PORT", "0", "EMAIL_PORT must be a whole number from 1 to 65535"),
        ("CONN_MAX_AGE", "-1", "CONN_MAX_AGE must be a whole number at least 0"),
        ("DATA_UPLOAD_MAX_MEMORY_SIZE", "10", "DATA_UPLOAD_MAX_MEMORY_SIZE must be"),
        ("DEBUG", "perhaps", "DEBUG must be a boolean"),
        ("TIME_ZONE", "Mars/Olympus", "TIME_ZONE must be a zone name"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL"),
        ("INCHECK_BASE_URL", "okr.example.org", "INCHECK_BASE_URL must be an address"),
        ("INCHECK_BASE_URL", "https://okr.example.org:x/", "INCHECK_BASE_URL must be an address"),
        ("CSRF_TRUSTED_ORIGINS", "okr.example.org", "CSRF_TRUSTED_ORIGINS takes origins"),
        ("DEFAULT_FROM_EMAIL", "nobody", "DEFAULT_FROM_EMAIL must be an address"),
        ("EMAIL_BACKEND", "smtp", "EMAIL_BACKEND must be a Python path"),
        ("DATABASE_URL", "postgres://u:secret@db:port/okrs", "DATABASE_URL has a port"),
        ("DATABASE_URL", "postgres://u:secret@db:5432/", "DATABASE_URL names no database"),
        ("DATABASE_URL", "mysql://u:secret@db/okrs", "DATABASE_URL must start with postgres"),
        ("SECRET_KEY_FILE", "/nonexistent/key", "SECRET_KEY_FILE names '/nonexistent/key'"),
        ("SECURE_HSTS_SECONDS", "a year", "SECURE_HSTS_SECONDS must be a whole number"),
        ("SECURE_HSTS_PRELOAD", "true", "do nothing without SECURE_HSTS_SECONDS"),
        ("SECURE_SSL_REDIRECT", "sometimes", "SECURE_SSL_REDIRECT must be a boolean"),
        ("CSRF_COOKIE_SECURE", "2", "CSRF_COOKIE_SECURE must be a boolean"),
        ("SECURE_PROXY_SSL_HEADER", "X Forwarded Proto", "must be a header name"),
        ("INCHECK_TRUSTED_PROXIES", "-1", "INCHECK_TRUSTED_PROXIES must be a whole number"),
    ],
)
def test_a_setting_that_makes_no_sense_stops_the_start(monkeypatch, name, value, says):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured) as refused:
        runpy.run_path(str(SETTINGS_FILE))
    message = str(refused.value)
    assert says in message
    assert "\n" not in message
    assert "secret" not in message  # a database password is never echoed


def run_settings(env: dict[str, str]) -> dict[str, object]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env.items():
            patch.setenv(name, value)
        return runpy.run_path(str(SETTINGS_FILE))


def test_https_settings_come_from_the_environment_by_djangos_names():
    loaded = run_settings(
        {
            "SESSION_COOKIE_SECURE": "true",
            "SECURE_SSL_REDIRECT": "true",
            "SECURE_HSTS_SECONDS": "31536000",
            "SECURE_HSTS_INCLUDE_SUBDOMAINS": "true",
            "SECURE_HSTS_PRELOAD": "true",
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
        }
    )
    assert loaded["SECURE_SSL_REDIRECT"] is True
    assert loaded["SECURE_HSTS_SECONDS"] == 31536000
    assert loaded["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert loaded["SECURE_HSTS_PRELOAD"] is True
    assert loaded["CSRF_COOKIE_SECURE"] is True  # follows SESSION_COOKIE_SECURE
    assert loaded["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_the_csrf_cookie_may_differ_from_the_session_cookie_and_a_proxy_may_say_on():
    loaded = run_settings(
        {
            "SESSION_COOKIE_SECURE": "true",
            "CSRF_COOKIE_SECURE": "false",
            "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Ssl,on",
        }
    )
    assert loaded["CSRF_COOKIE_SECURE"] is False
    assert loaded["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_SSL", "on")
    assert run_settings({})["SECURE_PROXY_SSL_HEADER"] is None


def incheck_command(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "incheck.cli", *args],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


GOOD_KEY = "a-key-for-this-test-only-0123456789-abcdefghijklmnopqrstuvwxyz"


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({"WEB_CONCURRENCY": "abc"}, "WEB_CONCURRENCY must be a whole number, got 'abc'"),
        ({"INCHECK_STALE_DAYS": "0"}, "INCHECK_STALE_DAYS and INCHECK_DEAD_DAYS must be"),
        ({"SECRET_KEY": "too-short-a-key"}, "SECRET_KEY is too weak"),
        ({"SECRET_KEY": "ab" * 30}, "SECRET_KEY is too weak"),
    ],
)
def test_a_bad_setting_is_one_line_and_a_non_zero_exit_not_a_traceback(tmp_path, env, says):
    result = incheck_command(
        "serve", env={"SECRET_KEY": GOOD_KEY, "INCHECK_VAR_DIR": str(tmp_path), **env}
    )
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("incheck: configuration: "), result.stderr
    assert says in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


def test_a_short_secret_key_is_fine_for_the_demo(tmp_path):
    result = incheck_command(
        "check",
        env={"SECRET_KEY": "demo", "INCHECK_DEMO": "true", "INCHECK_VAR_DIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr


def _served(code: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Python `code` run after loading the served application (`incheck.wsgi`), as gunicorn
    loads it, with only `env` set."""
    return subprocess.run(
        [sys.executable, "-c", f"import incheck.wsgi; {code}"],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "incheck.settings", **env},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_a_server_of_ones_own_stops_on_a_bad_setting_with_one_line(tmp_path):
    env = {"SECRET_KEY": GOOD_KEY, "INCHECK_VAR_DIR": str(tmp_path), "LOG_LEVEL": "LOUD"}
    result = _served("pass", env)
    assert result.returncode == 4  # gunicorn's "the application could not be loaded": it stops
    assert result.stderr.strip().startswith("incheck: configuration: LOG_LEVEL must be")
    assert "Traceback" not in result.stderr


def test_the_served_application_keeps_what_it_loaded_out_of_the_collector(tmp_path):
    env = {"SECRET_KEY": GOOD_KEY, "INCHECK_VAR_DIR": str(tmp_path)}
    result = _served("import gc; print(gc.get_freeze_count())", env)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout) > 10_000  # Django's modules and the app's, frozen


def production_environment() -> dict[str, str]:
    """The environment docs/operations.md gives for HTTPS behind a proxy, as written there."""
    text = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- production-env -->\s*```sh\n(.*?)```", text, re.S)
    assert block, "docs/operations.md has the production environment block"
    env = {}
    for line in block.group(1).splitlines():
        if re.match(r"[A-Z_]+=", line):
            name, _, value = line.partition("=")
            env[name] = value.split(" #")[0].strip()
    return env


def test_the_documented_production_environment_passes_djangos_deploy_check(tmp_path):
    env = production_environment()
    assert {"SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_PROXY_SSL_HEADER"} <= set(env)
    key_file = tmp_path / "secret_key"
    key_file.write_text("k3y-" + "0123456789abcdefghij" * 3 + "\n")
    env["SECRET_KEY_FILE"] = str(key_file)
    env["INCHECK_VAR_DIR"] = str(tmp_path)
    result = incheck_command("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout
    assert "WARNING" not in result.stdout + result.stderr
