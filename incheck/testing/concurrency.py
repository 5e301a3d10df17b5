"""Concurrency in tests: jobs released together, one database that several connections share,
and `incheck serve` (gunicorn workers, a process of its own) on that same database.

Everything is bounded in time, so a deadlock fails a test instead of hanging the suite.
"""

from __future__ import annotations

import http.client
import json
import os
import secrets
import signal
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import connection, connections

REPO = Path(__file__).resolve().parents[2]
JOIN_SECONDS = 30
STARTUP_SECONDS = 60


def at_once(*jobs: Callable[[], Any]) -> list[Any]:
    """Run each job in its own thread (own database connection), all released together;
    returns each job's result or exception, in order."""
    barrier = threading.Barrier(len(jobs))
    results: list[Any] = [None] * len(jobs)

    def run(index: int, job: Callable[[], Any]) -> None:
        try:
            # Connected before the barrier, so the threads collide on the lock, not on connecting.
            connection.ensure_connection()
            barrier.wait(timeout=JOIN_SECONDS)
            results[index] = job()
        except Exception as exc:
            results[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=item) for item in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a writer is stuck"
    return results


@contextmanager
def shared_database(directory: Path) -> Iterator[None]:
    """The test database, usable by several connections (threads, other processes) at once.

    PostgreSQL's test database already is one. SQLite's is in memory with a shared cache, where
    a second writer fails at once with "table is locked" instead of waiting, and there is no
    WAL: so for SQLite the in-memory test database is copied to a FILE in `directory` and this
    thread and every new one connect to that, with the project's real options (WAL, busy
    timeout, IMMEDIATE). The in-memory connection is kept aside untouched (closing it would
    destroy the test database of the rest of the session) and put back afterwards.
    """
    if connection.vendor != "sqlite":
        yield
        return
    memory = connections["default"]
    memory.ensure_connection()
    path = directory / "concurrency.sqlite3"
    copy = sqlite3.connect(path)
    memory.connection.backup(copy)
    copy.close()
    original = connections.settings["default"]
    connections.settings["default"] = {**original, "NAME": str(path)}
    connections["default"] = connections.create_connection("default")
    try:
        yield
    finally:
        connections["default"].close()
        connections["default"] = memory
        connections.settings["default"] = original


def database_url() -> str:
    """DATABASE_URL for another process to use the database this thread uses now."""
    settings = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{settings['NAME']}"
    user = settings.get("USER") or ""
    password = f":{settings['PASSWORD']}" if settings.get("PASSWORD") else ""
    credentials = f"{user}{password}@" if user else ""
    return f"postgres://{credentials}{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Answer:
    status: int
    body: Any


@dataclass
class Server:
    """`incheck serve` on a loopback port; `call` speaks JSON to it."""

    port: int
    log: Path
    # How much of the log was written when the server was told to stop: what follows is gunicorn
    # shutting its workers down, which is not the service's doing.
    stopped_at: int | None = None

    def log_while_serving(self) -> str:
        """The log up to the stop signal (all of it while still serving)."""
        text = self.log.read_bytes()
        return text[: self.stopped_at].decode(errors="replace")

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        token: str | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        sent = {"Content-Type": "application/json", **(headers or {})}
        if token:
            sent["Authorization"] = f"Bearer {token}"
        data = None if body is None else json.dumps(body)
        client = http.client.HTTPConnection("127.0.0.1", self.port, timeout=JOIN_SECONDS)
        try:
            client.request(method, path, body=data, headers=sent)
            response = client.getresponse()
            raw = response.read()
        finally:
            client.close()
        content_type = response.getheader("Content-Type") or ""
        parsed = json.loads(raw) if raw and content_type.startswith("application/json") else raw
        return Answer(status=response.status, body=parsed)


@contextmanager
def served(directory: Path, *, workers: int = 4) -> Iterator[Server]:
    """`incheck serve` with gunicorn workers on the test database, as an operator runs it
    (DEBUG off, a real secret, loopback only); stopped whatever the test does."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "INCHECK_TESTING", "DEBUG", "PORT", "WEB_CONCURRENCY"}
    }
    env.update(
        DATABASE_URL=database_url(),
        # No connection kept between requests: the test flushes the tables afterwards.
        CONN_MAX_AGE="0",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        INCHECK_VAR_DIR=str(directory),
        PYTHONPATH=str(REPO),
    )
    (directory / "static").mkdir(parents=True, exist_ok=True)
    port = free_port()
    log = directory / "serve.log"
    command = [sys.executable, "-m", "incheck.cli", "serve", "--port", str(port)]
    with log.open("wb") as out:
        # A session of its own, so the gunicorn master and its workers stop together.
        process = subprocess.Popen(  # noqa: S603 - our own command line, no shell
            [*command, "--workers", str(workers)],
            env=env,
            cwd=REPO,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(port=port, log=log)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _answers(server):
            if process.poll() is not None or time.monotonic() > deadline:
                raise AssertionError(f"incheck serve did not answer:\n{log.read_text()}")
            time.sleep(0.2)
        yield server
    finally:
        # SIGTERM is gunicorn's graceful shutdown: a worker finishes what it is sending. (The
        # quick one, SIGINT, exits a worker from its signal handler, mid-write if it is writing,
        # with a traceback in the log that is shutdown noise, not a fault of the service.)
        server.stopped_at = log.stat().st_size
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=5)


def _answers(server: Server) -> bool:
    try:
        return server.call("GET", "/healthz").status == 200
    except OSError:
        return False
