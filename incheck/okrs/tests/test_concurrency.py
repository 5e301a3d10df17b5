"""Writers at the same moment: no lost update, no "database is locked", no write after a close.

DESIGN.md §3 promises SQLite (WAL, busy timeout, IMMEDIATE transactions) and PostgreSQL (row
locks) both serialise concurrent writers. These tests start real threads, each with its own
database connection, and let them collide.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from functools import partial
from typing import Any

import pytest
from django.db import connection, connections

from incheck import clock
from incheck.domain.checkins import Entry
from incheck.errors import Conflict, Invalid
from incheck.okrs.messages import message
from incheck.okrs.models import CheckIn, KeyResult, Period
from incheck.okrs.services.checkins import Sitting, checkin_sitting_create
from incheck.okrs.services.checkout import period_close

pytestmark = pytest.mark.django_db(transaction=True)

DUE = dt.date(2026, 12, 4)
# Bounds, so a deadlock fails the test instead of hanging the suite.
JOIN_SECONDS = 30
WRITING_SECONDS = 10


@pytest.fixture
def shared_database(transactional_db: None, tmp_path: Any) -> Iterator[None]:
    """A database that several connections use at once.

    PostgreSQL's test database already is one. SQLite's is in memory with a shared cache, where
    a second writer fails at once with "table is locked" instead of waiting, and there is no
    WAL: so for SQLite the in-memory test database is copied to a temp FILE and this thread and
    every new thread connect to that, with the project's real options (WAL, busy timeout,
    IMMEDIATE). The in-memory connection is kept aside untouched (closing it would destroy the
    test database of the rest of the session) and put back afterwards.
    """
    if connection.vendor != "sqlite":
        yield
        return
    memory = connections["default"]
    memory.ensure_connection()
    path = tmp_path / "concurrency.sqlite3"
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


@pytest.fixture
def people(shared_database: None, request: pytest.FixtureRequest) -> Any:
    """The personas, written to the shared database (so after the switch above)."""
    return request.getfixturevalue("personas")


@pytest.fixture
def running_clock() -> None:
    """Real time, so that each sitting's created_at says when it was written."""
    clock.freeze(None)


def at_once(*jobs: Callable[[], Any]) -> list[Any]:
    """Run each job in its own thread, all released together; each result or exception."""
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


def progress_sitting(actor: Any, kr: KeyResult, n: int) -> Sitting:
    return checkin_sitting_create(
        actor=actor,
        key_result_id=kr.pk,
        entries=[
            Entry(kind="progress", value=100 + n, text=f"Sitting {n}"),
            # A reason every time: the level before this one depends on who won the race.
            Entry(kind="confidence", level=n, text=f"Sitting {n}: webinars may slip"),
            # No plan this time: the race is about the value and the confidence.
            Entry(kind="no_next_up"),
        ],
    )


def test_the_journal_is_wal_on_sqlite(shared_database):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"


def test_eight_sittings_at_once_all_commit_and_the_kr_shows_the_last(people, running_clock):
    kr = people.kr
    results = at_once(*(partial(progress_sitting, people.alice, kr, n) for n in range(1, 9)))

    assert all(isinstance(result, Sitting) for result in results), results
    rows = CheckIn.objects.filter(key_result=kr)
    progress = list(rows.filter(kind="progress").order_by("created_at", "id"))
    confidence = {row.sitting: row for row in rows.filter(kind="confidence")}
    assert len(progress) == 8
    assert len(confidence) == 8
    # Each sitting's two rows share its id and its number; one sitting at a time, in id order.
    for row in progress:
        n = int(row.value) - 100
        assert confidence[row.sitting].level == n
        assert confidence[row.sitting].created_at == row.created_at
    assert [row.pk for row in progress] == sorted(row.pk for row in progress)
    assert sorted(int(row.value) - 100 for row in progress) == list(range(1, 9))

    last, before_last = progress[-1], progress[-2]
    kr.refresh_from_db()
    assert kr.current_value == last.value
    assert kr.confidence == confidence[last.sitting].level
    assert kr.last_check_in_at == last.created_at
    # The last writer saw the one before it: nothing was read stale and overwritten.
    assert kr.previous_confidence == confidence[before_last.sitting].level


def test_two_plans_at_once_make_one_next_up_and_the_other_must_close_it(people):
    kr = people.kr

    def plan(text: str) -> Sitting:
        return checkin_sitting_create(
            actor=people.alice,
            key_result_id=kr.pk,
            entries=[Entry(kind="next_up", text=text, due_on=DUE)],
        )

    results = at_once(
        partial(plan, "By Friday I will call the 10 warmest leads"),
        partial(plan, "By Friday I will book 2 webinars with the partners"),
    )

    won = [result for result in results if isinstance(result, Sitting)]
    lost = [result for result in results if isinstance(result, Invalid)]
    assert len(won) == 1, results
    assert len(lost) == 1, results
    assert lost[0].fields == {"closure.status": message("closure_required")}
    kr.refresh_from_db()
    assert kr.open_next_up_id == won[0].check_ins[0].pk
    assert CheckIn.objects.filter(kind="next_up").count() == 1


def test_no_sitting_commits_after_the_period_is_closed(people, running_clock):
    kr = people.kr
    first_commit = threading.Event()

    def keep_writing(n: int) -> list[Any]:
        """Sittings until the period is closed to them; every result in order."""
        outcomes: list[Any] = []
        deadline = time.monotonic() + WRITING_SECONDS
        while time.monotonic() < deadline:
            try:
                outcomes.append(progress_sitting(people.alice, kr, n))
            except Conflict as exc:
                outcomes.append(exc)
                break
            first_commit.set()
            time.sleep(0.002)  # leave the lead a gap, as people typing would
        return outcomes

    def close() -> Period:
        # Only once some sittings are through, so the close lands among the writers.
        first_commit.wait(timeout=JOIN_SECONDS)
        return period_close(actor=people.lena, period_id=people.period.pk)

    *writers, closed = at_once(*(partial(keep_writing, n) for n in range(1, 5)), close)

    assert isinstance(closed, Period), closed
    for outcomes in writers:
        assert not isinstance(outcomes, Exception), outcomes
        *sittings, refusal = outcomes
        assert all(isinstance(sitting, Sitting) for sitting in sittings), outcomes
        assert isinstance(refusal, Conflict), outcomes
        assert refusal.code == "period_closed"
    committed = sum(len(outcomes) - 1 for outcomes in writers)
    assert committed >= 1
    rows = CheckIn.objects.filter(key_result=kr)
    assert rows.count() == 3 * committed  # progress, confidence, no Next Up
    assert closed.closed_at is not None
    assert all(row.created_at <= closed.closed_at for row in rows)
    kr.refresh_from_db()
    assert kr.last_check_in_at is not None
    assert kr.last_check_in_at <= closed.closed_at
