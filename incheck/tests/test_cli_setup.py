"""The commands the README shows work in the checkout after `make run`, and a missing piece of
set-up is one line and a non-zero exit, never a traceback (issue 9)."""

from __future__ import annotations

import json
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite",
    reason="the commands run on their own SQLite file under var/: once, in the SQLite half",
)


def incheck(*args: str, var: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`incheck ARGS` as a person runs it: no SECRET_KEY, no DATABASE_URL, the checkout's var/
    replaced by `var` (INCHECK_VAR_DIR)."""
    return subprocess.run(
        [sys.executable, "-m", "incheck.cli", *args],
        cwd=ROOT,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT), "INCHECK_VAR_DIR": str(var), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_without_a_key_a_command_says_so_in_one_line(tmp_path):
    line = one_line_error(incheck("token", "create", "demo", var=tmp_path))
    assert "SECRET_KEY is not set" in line


def test_after_make_run_the_readmes_commands_find_the_demos_key_under_var(tmp_path):
    # What `make run` leaves behind: var/secret_key, then a migrated database with the demo.
    (tmp_path / "secret_key").write_text(secrets.token_urlsafe(50) + "\n")
    line = one_line_error(incheck("token", "create", "demo", var=tmp_path))
    assert "the database is not ready" in line and "incheck migrate" in line

    assert incheck("migrate", "--no-input", "-v", "0", var=tmp_path).returncode == 0
    assert incheck("demo", var=tmp_path).returncode == 0
    token = incheck("token", "create", "demo", var=tmp_path)
    assert token.returncode == 0, token.stderr
    assert len(token.stdout.strip()) >= 32 and token.stderr == ""

    coach = incheck("coach", "--kind", "next_up", "Have a meeting with Laura", var=tmp_path)
    assert coach.returncode == 0, coach.stderr
    assert {hint["code"] for hint in json.loads(coach.stdout)["hints"]} >= {"no_deadline"}


def test_make_run_keeps_the_key_where_the_commands_look_for_it(tmp_path):
    """`make run` writes the key into the var directory the commands read (incheck/env.py), also
    when INCHECK_VAR_DIR moves it away from the checkout's var/."""

    def run_env(**env: str) -> str:
        dry_run = subprocess.run(
            ["make", "-n", "run"],
            cwd=ROOT,
            env={"PATH": "/usr/bin:/bin", **env},
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        )
        return dry_run.stdout

    assert f"SECRET_KEY_FILE={tmp_path}/secret_key " in run_env(INCHECK_VAR_DIR=str(tmp_path))
    assert "SECRET_KEY_FILE=var/secret_key " in run_env()
