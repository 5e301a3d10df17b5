"""Writers at the same moment: no lost update, no "database is locked", no write after a close.

DESIGN.md §3 promises SQLite (WAL, busy timeout, IMMEDIATE transactions) and PostgreSQL (row
locks) both serialise concurrent writers. These tests start real threads, each with its own
database connection, and let them collide.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
import uuid
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest
from django.db import connection

from incheck import clock
from incheck.domain.checkins import Closure, Entry
from incheck.errors import Conflict, Invalid
from incheck.okrs.messages import message
from incheck.okrs.models import CheckIn, KeyResult, Period
from incheck.okrs.services.checkins import Sitting, checkin_sitting_create, next_up_close
from incheck.okrs.services.checkout import period_close
from incheck.okrs.services.objectives import objective_update
from incheck.okrs.services.periods import period_create
from incheck.okrs.services.signals import blocker_resolve
from incheck.testing.concurrency import JOIN_SECONDS, at_once
from incheck.testing.concurrency import shared_database as shared_database_of
from incheck.testing.factories import ObjectiveFactory

pytestmark = pytest.mark.django_db(transaction=True)

DUE = dt.date(2026, 12, 4)
# Bounds, so a deadlock fails the test instead of hanging the suite.
WRITING_SECONDS = 10


@pytest.fixture
def shared_database(transactional_db: None, tmp_path: Any) -> Iterator[None]:
    """The test database, shared by this thread and the writers' (see `shared_database`)."""
    with shared_database_of(tmp_path):
        yield


@pytest.fixture
def people(shared_database: None, request: pytest.FixtureRequest) -> Any:
    """The personas, written to the shared database (so after the switch above)."""
    return request.getfixturevalue("personas")


@pytest.fixture
def running_clock() -> None:
    """Real time, so that each sitting's created_at says when it was written."""
    clock.freeze(None)


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


WRITERS = 8


def plan_sitting(actor: Any, kr: KeyResult, n: int, *, close: bool = True) -> Sitting:
    """The full weekly sitting: progress, confidence, the last plan closed, a new plan."""
    return checkin_sitting_create(
        actor=actor,
        key_result_id=kr.pk,
        entries=[
            Entry(kind="progress", value=100 + n, text=f"Sitting {n}"),
            Entry(kind="confidence", level=n % 11, text=f"Sitting {n}: webinars may slip"),
            Entry(kind="next_up", text=f"By Friday I will call {n} more leads", due_on=DUE),
        ],
        closure=Closure(status="done", happened=f"Closed by sitting {n}") if close else None,
    )


def test_every_closure_of_concurrent_sittings_is_recorded_once(people):
    """Each sitting closes the plan the one before it left: after all of them, every plan but
    the last is closed exactly once and the KR has one open Next Up (the last one).

    On PostgreSQL the KR row and its open Next Up were read in one locking statement: after
    waiting for the lock it returned the new `open_next_up_id` but the joined row of the old
    snapshot (none), and the sitting skipped the closure.
    """
    kr = people.kr
    first = plan_sitting(people.alice, kr, 0, close=False)
    results = at_once(*(partial(plan_sitting, people.alice, kr, n) for n in range(1, WRITERS + 1)))

    assert all(isinstance(result, Sitting) for result in results), results
    closed_ids = [result.closed_next_up.pk for result in results if result.closed_next_up]
    assert len(closed_ids) == WRITERS
    assert len(set(closed_ids)) == WRITERS
    plans = CheckIn.objects.filter(key_result=kr, kind="next_up")
    assert plans.count() == WRITERS + 1
    open_plans = list(plans.filter(closed_at__isnull=True))
    assert len(open_plans) == 1
    assert set(plans.filter(closed_at__isnull=False).values_list("pk", flat=True)) == set(
        closed_ids
    )
    first_plan = next(row for row in first.check_ins if row.kind == "next_up")
    assert first_plan.pk in closed_ids
    kr.refresh_from_db()
    assert kr.open_next_up_id == open_plans[0].pk
    assert open_plans[0].pk not in closed_ids


def test_a_next_up_closed_at_once_from_many_places_is_closed_once(people):
    kr = people.kr
    plan = plan_sitting(people.alice, kr, 0, close=False).check_ins[-1]
    assert plan.kind == "next_up"

    def close(n: int) -> CheckIn:
        return next_up_close(
            actor=people.alice,
            next_up_id=plan.pk,
            closure=Closure(status="partly", happened=f"Closure {n}"),
        )

    results = at_once(*(partial(close, n) for n in range(WRITERS)))

    won = [result for result in results if isinstance(result, CheckIn)]
    lost = [result for result in results if isinstance(result, Conflict)]
    assert len(won) == 1, results
    assert len(lost) == WRITERS - 1, results
    assert {exc.code for exc in lost} == {"next_up_closed"}
    plan.refresh_from_db()
    # The winner's words stay: no later closure overwrote them.
    assert plan.happened == won[0].happened
    assert plan.closed_at == won[0].closed_at
    kr.refresh_from_db()
    assert kr.open_next_up_id is None


def test_a_blocker_resolved_at_once_from_many_places_is_resolved_once(people):
    kr = people.kr
    sitting = checkin_sitting_create(
        actor=people.alice,
        key_result_id=kr.pk,
        entries=[
            Entry(kind="blocker", text="Legal holds the mailing list", way_around="Ask"),
            Entry(kind="no_next_up"),
        ],
    )
    blocker = sitting.check_ins[0]

    def resolve(n: int) -> CheckIn:
        actor = people.alice if n % 2 else people.lena
        return blocker_resolve(actor=actor, blocker_id=blocker.pk, resolution=f"Way {n}")

    results = at_once(*(partial(resolve, n) for n in range(WRITERS)))

    won = [result for result in results if isinstance(result, CheckIn)]
    lost = [result for result in results if isinstance(result, Conflict)]
    assert len(won) == 1, results
    assert len(lost) == WRITERS - 1, results
    assert {exc.code for exc in lost} == {"blocker_resolved"}
    blocker.refresh_from_db()
    assert blocker.resolution == won[0].text
    assert CheckIn.objects.filter(kind="insight", resolves=blocker).count() == 1


def test_periods_with_one_name_created_at_once_make_one(people):
    def create(n: int) -> Period:
        return period_create(
            actor=people.lena,
            name="2027 Q1",
            start_on=dt.date(2027, 1, 1),
            end_on=dt.date(2027, 3, 31),
        )

    results = at_once(*(partial(create, n) for n in range(WRITERS)))

    won = [result for result in results if isinstance(result, Period)]
    lost = [result for result in results if isinstance(result, Invalid)]
    assert len(won) == 1, results
    assert len(lost) == WRITERS - 1, results
    assert all(exc.fields == {"name": message("name_taken")} for exc in lost)
    assert Period.objects.filter(name="2027 Q1").count() == 1


def test_two_realignments_at_once_never_make_a_loop(people):
    """Each alone is fine (A under B, or B under A); both would be a loop. One must see the
    other: they wait for each other on the period, and the second is refused."""
    first = people.objective
    second = ObjectiveFactory(period=people.period, team=people.growth)

    def align(objective_id: int, parent_id: int) -> Any:
        return objective_update(actor=people.lena, objective_id=objective_id, parent_id=parent_id)

    results = at_once(partial(align, first.pk, second.pk), partial(align, second.pk, first.pk))

    refused = [result for result in results if isinstance(result, Invalid)]
    assert len(refused) == 1, results
    assert refused[0].fields == {"parent": message("parent_cycle")}
    links = dict(
        people.period.objectives.filter(pk__in=[first.pk, second.pk]).values_list("pk", "parent_id")
    )
    assert list(links.values()).count(None) == 1


def test_a_form_submitted_twice_at_once_records_one_sitting(people):
    """A double click: the same one-time token twice at once; one writes, one finds it."""
    token = uuid.uuid4()

    def submit() -> Sitting:
        return checkin_sitting_create(
            actor=people.alice,
            key_result_id=people.kr.pk,
            # No plan this time, said out loud (the Next Up rule).
            entries=[
                Entry(kind="progress", value=94, text="Webinar brought 34 leads"),
                Entry(kind="no_next_up"),
            ],
            submission=token,
        )

    results = at_once(*[submit] * 4)

    assert all(isinstance(result, Sitting) for result in results), results
    assert sorted(result.replayed for result in results) == [False, True, True, True]
    assert len({result.id for result in results}) == 1
    assert CheckIn.objects.filter(key_result=people.kr).count() == 2  # with the "no Next Up"
