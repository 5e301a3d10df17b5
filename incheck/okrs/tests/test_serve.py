"""`incheck serve`: gunicorn on loopback, with the production settings (DEBUG off, WhiteNoise)."""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from incheck.okrs.management.commands import serve
from incheck.testing.factories import UserFactory

REPO = Path(__file__).resolve().parents[3]
STARTUP_SECONDS = 30


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def incheck(*args: str) -> list[str]:
    return [sys.executable, "-m", "incheck.cli", *args]


@pytest.fixture
def installation(tmp_path: Path) -> dict[str, str]:
    """A fresh installation under a temporary var/: migrated, static files collected."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "INCHECK_TESTING", "DEBUG", "PORT", "WEB_CONCURRENCY"}
    }
    env.update(
        INCHECK_VAR_DIR=str(tmp_path),
        SECRET_KEY="a-key-for-this-test-only-" + "x" * 30,
        PYTHONPATH=str(REPO),
    )
    steps = [
        subprocess.Popen(
            command, env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        for command in (
            incheck("migrate", "--no-input", "-v", "0"),
            incheck("collectstatic", "--no-input", "-v", "0"),
        )
    ]
    for step in steps:
        output, _ = step.communicate(timeout=120)
        assert step.returncode == 0, output.decode()
    return env


@pytest.fixture
def server(installation: dict[str, str], tmp_path: Path) -> Iterator[tuple[int, Path]]:
    """`incheck serve` on a free loopback port, stopped whatever the test does."""
    port = free_port()
    log = tmp_path / "serve.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            incheck("serve", "--port", str(port), "--workers", "1"),
            env=installation,
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _answers(port):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"incheck serve did not answer:\n{log.read_text()}")
            time.sleep(0.2)
        yield port, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _answers(port: int) -> bool:
    try:
        return get(port, "/healthz").status == 200
    except OSError:
        return False


def get(port: int, path: str) -> http.client.HTTPResponse:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    connection.request("GET", path)
    response = connection.getresponse()
    response.body = response.read()  # type: ignore[attr-defined]
    connection.close()
    return response


def test_serve_answers_on_loopback_with_sign_in_and_static_files(server):
    port, log = server
    login = get(port, "/accounts/login/")
    assert login.status == 200
    inbox = get(port, "/")
    assert inbox.status == 302
    assert inbox.getheader("Location").startswith("/accounts/login/")
    stylesheet = re.search(rb'href="(/static/[^"]+\.css)"', login.body)
    assert stylesheet, "the sign-in page links a stylesheet"
    css = get(port, stylesheet.group(1).decode())
    assert css.status == 200
    assert css.getheader("Content-Type").startswith("text/css")
    output = log.read_text()
    assert f"Incheck is running at http://127.0.0.1:{port}/" in output
    assert '"GET /accounts/login/ HTTP/1.1" 200' in output  # the access log, on stdout
    assert "Sign in as demo / demo" not in output  # no demo in this installation


class FakeGunicorn:
    """Stands in for gunicorn: records the options and reports ready at once."""

    options: dict[str, Any] = {}

    def __init__(self, options: dict[str, Any]) -> None:
        FakeGunicorn.options = options

    def run(self) -> None:
        self.options["when_ready"](None)


@pytest.fixture
def fake_gunicorn(monkeypatch):
    monkeypatch.setattr(serve, "_Gunicorn", FakeGunicorn)
    monkeypatch.delenv("PORT", raising=False)
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    return FakeGunicorn


@pytest.mark.django_db
def test_serve_binds_loopback_port_8000_by_default(fake_gunicorn, capsys):
    call_command("serve")
    assert fake_gunicorn.options["bind"] == "127.0.0.1:8000"
    assert fake_gunicorn.options["workers"] == 2
    assert fake_gunicorn.options["accesslog"] == "-"
    assert capsys.readouterr().out.strip() == "Incheck is running at http://127.0.0.1:8000/"


@pytest.mark.django_db
def test_serve_takes_the_port_from_the_environment_and_the_options(
    fake_gunicorn, monkeypatch, capsys
):
    monkeypatch.setenv("PORT", "9123")
    call_command("serve")
    assert fake_gunicorn.options["bind"] == "127.0.0.1:9123"
    call_command("serve", "--port", "9200", "--host", "::1", "--workers", "3")
    assert fake_gunicorn.options["bind"] == "[::1]:9200"
    assert fake_gunicorn.options["workers"] == 3
    assert "http://[::1]:9200/" in capsys.readouterr().out


@pytest.mark.django_db
def test_serve_tells_the_demo_sign_in_only_when_the_demo_is_there(fake_gunicorn, capsys):
    UserFactory(username="demo")
    call_command("serve")
    assert capsys.readouterr().out.splitlines() == [
        "Incheck is running at http://127.0.0.1:8000/",
        "Sign in as demo / demo",
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("argv", [["--port", "70000"], ["--workers", "0"]])
def test_serve_refuses_a_bad_port_or_worker_count(fake_gunicorn, argv):
    with pytest.raises(CommandError, match=r"port|worker"):
        call_command("serve", *argv)


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "value"), [("WEB_CONCURRENCY", "abc"), ("PORT", "80a")])
def test_serve_refuses_a_bad_environment_value_with_its_name(
    fake_gunicorn, monkeypatch, name, value
):
    monkeypatch.setenv(name, value)
    with pytest.raises(CommandError, match=rf"{name} must be a whole number, got '{value}'"):
        call_command("serve")
