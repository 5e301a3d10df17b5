"""A bounded mixed load against the real server: `incheck serve` with gunicorn workers.

    python -m bench.load [--workers 2] [--clients 8] [--seconds 10] [--requests 2000]
                         [--key-results 30] [--check-ins 10]

Sets up a throwaway database (a temp SQLite file, or DATABASE_URL when set) with a team, a few
people with API tokens and ~30 KRs; starts `incheck serve` on a free loopback port; then
`--clients` threads (standard library `http.client`, one connection each) send ~70% KR lists,
~20% check-in timelines and ~10% check-ins (by the KR's owner: the full weekly sitting of
progress + confidence + the closure of the open Next Up + a new Next Up) until `--seconds` or
`--requests` runs out. Prints counts, statuses, throughput and latency, then checks that every
successful check-in wrote its three rows and closed exactly one Next Up, that each KR is left
with exactly one open Next Up, and that the KR summaries agree with the rows.

Exits non-zero on any 5xx, a "database is locked" in the server's log, a request that got no
answer, or rows that do not add up. The server is always stopped.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import http.client
import json
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench._setup import django_with_fresh_database

KINDS = ("list key results", "timeline", "check in")


def weights(check_in_percent: float) -> tuple[float, float, float]:
    """Lists and timelines share what check-ins leave, 7 to 2 (70/20/10 by default)."""
    reads = 100 - check_in_percent
    return reads * 7 / 9, reads * 2 / 9, check_in_percent


READY_SECONDS = 30


@dataclass(frozen=True)
class Plan:
    """What the clients need: the KRs with their owner's token, and every token."""

    key_results: list[tuple[int, str]]
    tokens: list[str]


@dataclass
class Tally:
    """What the clients saw, shared under a lock; `budget` counts down the requests."""

    budget: int
    deadline: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    latencies: dict[str, list[float]] = field(default_factory=lambda: collections.defaultdict(list))
    statuses: dict[str, collections.Counter[str]] = field(
        default_factory=lambda: collections.defaultdict(collections.Counter)
    )

    def take(self) -> bool:
        with self.lock:
            if self.budget <= 0 or time.monotonic() >= self.deadline:
                return False
            self.budget -= 1
            return True

    def record(self, kind: str, status: str, seconds: float) -> None:
        with self.lock:
            self.latencies[kind].append(seconds * 1000)
            self.statuses[kind][status] += 1


def build(key_results: int, people: int) -> Plan:
    """A team, its people with tokens, a current period and KRs owned in turn."""
    from incheck import clock
    from incheck.accounts.services import token_create
    from incheck.domain.checkins import Entry
    from incheck.okrs.services.checkins import checkin_sitting_create
    from incheck.testing.factories import (
        KeyResultFactory,
        MembershipFactory,
        ObjectiveFactory,
        PeriodFactory,
        TeamFactory,
        UserFactory,
    )

    clock.freeze(None)
    today = dt.date.today()
    team = TeamFactory(name="Load")
    period = PeriodFactory(
        name="Load", start_on=today - dt.timedelta(days=45), end_on=today + dt.timedelta(days=45)
    )
    # factory_boy is typed as returning the factory; these are model rows.
    users: list[Any] = [UserFactory(username=f"load{n}") for n in range(people)]
    for n, user in enumerate(users):
        MembershipFactory(user=user, team=team, role="lead" if n == 0 else "member")
    tokens = {user.pk: token_create(user=user, name="bench.load")[1] for user in users}
    objectives = [
        ObjectiveFactory(period=period, team=team) for _ in range(max(1, key_results // 3))
    ]
    krs: list[Any] = [
        KeyResultFactory(objective=objectives[n % len(objectives)], owner=users[n % len(users)])
        for n in range(key_results)
    ]
    for kr in krs:
        # A plan on every KR, so every sitting of the load closes one and makes the next.
        checkin_sitting_create(
            actor=kr.owner,
            key_result_id=kr.pk,
            entries=[Entry(kind="next_up", text="Plan", due_on=today + dt.timedelta(days=7))],
        )
    return Plan(
        key_results=[(kr.pk, tokens[kr.owner_id]) for kr in krs], tokens=list(tokens.values())
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(port: int, workers: int, var_dir: Path, log: Path) -> subprocess.Popen[bytes]:
    """`incheck serve` as an operator runs it: DEBUG off, a real secret, loopback only."""
    env = {key: value for key, value in os.environ.items() if key != "INCHECK_TESTING"}
    env.update(
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="127.0.0.1",
        INCHECK_VAR_DIR=str(var_dir),
        DEBUG="false",
    )
    (var_dir / "static").mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "incheck.cli", "serve", "--port", str(port)]
    with log.open("wb") as out:
        # A session of its own, so the gunicorn master and its workers go down together.
        return subprocess.Popen(
            [*command, "--workers", str(workers)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop_server(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is not None:
        return
    server.terminate()  # gunicorn: graceful shutdown of the workers
    try:
        server.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=5)


def wait_until_ready(server: subprocess.Popen[bytes], port: int, token: str) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with {server.returncode} before it was ready")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/api/v1/me", headers={"Authorization": f"Bearer {token}"})
            response = connection.getresponse()
            response.read()
            connection.close()
            if response.status == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"the server did not answer within {READY_SECONDS} s")


def client(
    number: int, port: int, plan: Plan, tally: Tally, mix: tuple[float, float, float]
) -> None:
    """One client: a connection it reuses (and reopens when the server closes it)."""
    rng = random.Random(number)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while tally.take():
        kind = rng.choices(KINDS, mix)[0]
        kr_id, owner_token = rng.choice(plan.key_results)
        token = rng.choice(plan.tokens)
        body = None
        if kind == "list key results":
            method, path = "GET", "/api/v1/key-results?limit=50"
        elif kind == "timeline":
            method, path = "GET", f"/api/v1/key-results/{kr_id}/check-ins"
        else:
            method, path, token = "POST", f"/api/v1/key-results/{kr_id}/check-ins", owner_token
            level = rng.randint(0, 10)
            due_on = (dt.date.today() + dt.timedelta(days=7)).isoformat()
            body = json.dumps(
                {
                    "entries": [
                        {"kind": "progress", "value": rng.randint(0, 100), "text": "Load"},
                        # Always a reason: a move of 2 or more asks for one.
                        {"kind": "confidence", "level": level, "text": "Load: may slip"},
                        {"kind": "next_up", "text": "Load: the next plan", "due_on": due_on},
                    ],
                    "closure": {"status": "done", "happened": "Load: the last plan"},
                }
            )
        headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
        started = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            status = str(response.status)
        except (OSError, http.client.HTTPException) as exc:
            status = type(exc).__name__
            connection.close()
        tally.record(kind, status, time.perf_counter() - started)
    connection.close()


def percentile(sorted_ms: list[float], fraction: float) -> float:
    return sorted_ms[min(len(sorted_ms) - 1, int(len(sorted_ms) * fraction))]


def report(tally: Tally, elapsed: float) -> tuple[int, int, int]:
    """Print the table; returns (successful check-ins, 5xx, requests without an answer)."""
    print(f"{'request':<20}{'count':>7}{'errors':>8}{'median ms':>11}{'p95 ms':>9}{'p99 ms':>9}")
    total = server_errors = no_answer = 0
    for kind in KINDS:
        times = sorted(tally.latencies.get(kind, []))
        statuses = tally.statuses.get(kind, collections.Counter())
        ok = sum(count for status, count in statuses.items() if status in {"200", "201"})
        total += len(times)
        server_errors += sum(c for s, c in statuses.items() if s.isdigit() and int(s) >= 500)
        no_answer += sum(c for s, c in statuses.items() if not s.isdigit())
        if not times:
            print(f"{kind:<20}{0:>7}")
            continue
        print(
            f"{kind:<20}{len(times):>7}{len(times) - ok:>8}{statistics.median(times):>11.1f}"
            f"{percentile(times, 0.95):>9.1f}{percentile(times, 0.99):>9.1f}"
        )
    every = collections.Counter[str]()
    for statuses in tally.statuses.values():
        every.update(statuses)
    print(f"statuses: {', '.join(f'{s}: {c}' for s, c in sorted(every.items())) or 'none'}")
    print(f"throughput: {total / elapsed:.1f} requests/s ({total} in {elapsed:.1f} s)")
    return tally.statuses["check in"]["201"], server_errors, no_answer


def rows_add_up(posted: int, key_results: int) -> bool:
    """Three rows and one closure per successful check-in, one open Next Up per KR, and each
    KR shows its latest sitting."""
    from django.db import connections

    from incheck.okrs.models import CheckIn, KeyResult

    connections.close_all()  # the server wrote; read afresh
    rows = CheckIn.objects.count() - key_results  # less the first plan of each KR
    plans = CheckIn.objects.filter(kind="next_up")
    closed = plans.filter(closed_at__isnull=False).count()
    open_plans = plans.filter(closed_at__isnull=True)
    kept = KeyResult.objects.filter(open_next_up__in=open_plans).count()
    latest: dict[int, CheckIn] = {}
    for row in CheckIn.objects.filter(kind="progress").order_by("created_at", "id"):
        latest[row.key_result_id] = row
    stale = [
        kr.pk
        for kr in KeyResult.objects.filter(pk__in=latest)
        if kr.current_value != latest[kr.pk].value
        or kr.last_check_in_at != latest[kr.pk].created_at
    ]
    print(f"check-ins in the database: {rows} (3 × {posted} successful check-ins = {3 * posted})")
    print(f"Next Ups closed: {closed} (one per successful check-in: {posted})")
    print(
        f"KRs with exactly one open Next Up, the one on the KR: {kept} of {key_results}"
        f" (open Next Ups: {open_plans.count()})"
    )
    print(f"KRs whose summary is not their latest check-in: {len(stale)}")
    return (
        rows == 3 * posted
        and closed == posted
        and kept == key_results == open_plans.count()
        and not stale
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--key-results", type=int, default=30)
    parser.add_argument(
        "--check-ins", type=float, default=10, help="percent of requests that are check-ins"
    )
    args = parser.parse_args(argv)
    own_sqlite = not os.environ.get("DATABASE_URL")
    database = django_with_fresh_database()
    plan = build(args.key_results, people=4)
    from django.db import connections

    connections.close_all()
    var_dir = Path(tempfile.mkdtemp(prefix="incheck-load-"))
    log = var_dir / "server.log"
    port = free_port()
    print(
        f"load on {database}: {args.workers} workers, {args.clients} clients, "
        f"at most {args.seconds:g} s or {args.requests} requests, {len(plan.key_results)} KRs"
    )
    server = start_server(port, args.workers, var_dir, log)
    try:
        wait_until_ready(server, port, plan.tokens[0])
        started = time.monotonic()
        tally = Tally(budget=args.requests, deadline=started + args.seconds)
        threads = [
            threading.Thread(target=client, args=(n, port, plan, tally, weights(args.check_ins)))
            for n in range(args.clients)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - started
    finally:
        stop_server(server)
    posted, server_errors, no_answer = report(tally, elapsed)
    locked = log.read_text(encoding="utf-8", errors="replace").count("database is locked")
    print(f'"database is locked" in the server log: {locked}')
    consistent = rows_add_up(posted, len(plan.key_results))
    failed = bool(server_errors or no_answer or locked or not consistent)
    if failed:
        print(f"FAILED (server log: {log})")
        return 1
    print("ok")
    shutil.rmtree(var_dir)
    if own_sqlite:  # the temp SQLite file that _setup made for this run
        shutil.rmtree(Path(os.environ["DATABASE_URL"].removeprefix("sqlite:///")).parent)
    return 0


if __name__ == "__main__":
    sys.exit(main())
