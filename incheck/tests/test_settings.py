"""Settings come from the environment, strictly: a bad value fails loudly."""

from __future__ import annotations

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
    env = {"PATH": "/usr/bin:/bin", "SECRET_KEY": "x" * 50}
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
