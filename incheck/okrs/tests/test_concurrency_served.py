"""Writers at the same moment through the served API: `incheck serve` with four gunicorn worker
processes on the test database, and clients in threads, each with its own HTTP connection.

What is promised (issue 8, item 1): every acknowledged closure is recorded exactly once, each KR
has at most one open Next Up, a second closure or resolution is a 409 with the error body, and
nothing is a 500. Bounded: a few dozen requests, each with a 30 s timeout.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from incheck.accounts.services import token_create
from incheck.domain.checkins import Entry
from incheck.okrs.models import CheckIn, Period
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.testing.concurrency import Answer, Server, at_once, served, shared_database

pytestmark = pytest.mark.django_db(transaction=True)

CLIENTS = 8
SITTINGS_EACH = 3


@pytest.fixture
def world(transactional_db: None, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Any]:
    """The personas with API tokens, and the server, on one shared database."""
    with shared_database(tmp_path):
        people = request.getfixturevalue("personas")
        people.tokens = {
            name: token_create(user=getattr(people, name), name="tests")[1]
            for name in ("alice", "lena", "ada")
        }
        with served(tmp_path) as server:
            people.server = server
            yield people
        log = server.log_while_serving()
        assert "Traceback" not in log, log


def due_on() -> str:
    # The server keeps real time (the tests' frozen clock is in this process only).
    return (dt.date.today() + dt.timedelta(days=7)).isoformat()


def assert_error(answer: Answer, status: int, code: str) -> None:
    assert answer.status == status, answer
    assert set(answer.body) == {"error", "detail", "fields"}, answer.body
    assert answer.body["error"] == code, answer.body
    assert answer.body["detail"]


def first_plan(world: Any) -> CheckIn:
    sitting = checkin_sitting_create(
        actor=world.alice,
        key_result_id=world.kr.pk,
        entries=[
            Entry(
                kind="next_up", text="By Friday I will call 10 leads", due_on=dt.date(2026, 12, 4)
            )
        ],
    )
    return sitting.check_ins[0]


def test_sittings_at_once_through_the_api_record_every_closure_once(world):
    server: Server = world.server
    plan = first_plan(world)

    def sittings(client: int) -> list[Answer]:
        answers = []
        for n in range(SITTINGS_EACH):
            body = {
                "entries": [
                    {"kind": "progress", "value": 100 + client, "text": f"Client {client}"},
                    {"kind": "confidence", "level": n, "text": "Webinars may slip"},
                    {"kind": "next_up", "text": f"Plan {client}.{n}", "due_on": due_on()},
                ],
                "closure": {"status": "done", "happened": f"Closed by {client}.{n}"},
            }
            path = f"/api/v1/key-results/{world.kr.pk}/check-ins"
            answers.append(server.call("POST", path, body, token=world.tokens["alice"]))
        return answers

    results = at_once(*(partial(sittings, client) for client in range(CLIENTS)))

    answers = [answer for result in results for answer in result]
    assert [answer.status for answer in answers] == [201] * CLIENTS * SITTINGS_EACH, answers
    closed = [answer.body["closed_next_up"]["id"] for answer in answers]
    assert len(set(closed)) == len(closed), "a plan was closed twice"
    assert plan.pk in closed
    plans = CheckIn.objects.filter(key_result=world.kr, kind="next_up")
    assert plans.count() == len(answers) + 1
    # Every plan but one is closed, each by exactly one sitting; the one left is the KR's.
    still_open = plans.get(closed_at__isnull=True)
    assert set(plans.exclude(pk=still_open.pk).values_list("pk", flat=True)) == set(closed)
    world.kr.refresh_from_db()
    assert world.kr.open_next_up_id == still_open.pk


def test_a_second_closure_resolution_or_period_name_through_the_api_is_refused(world):
    server: Server = world.server
    plan = first_plan(world)
    blocker = checkin_sitting_create(
        actor=world.alice,
        key_result_id=world.kr.pk,
        entries=[Entry(kind="blocker", text="Legal holds the mailing list", way_around="Ask")],
    ).check_ins[0]
    as_alice = partial(server.call, token=world.tokens["alice"])
    close = partial(
        as_alice,
        "POST",
        f"/api/v1/next-ups/{plan.pk}/close",
        {"status": "done", "happened": "Called them all"},
    )
    resolve = partial(
        as_alice, "POST", f"/api/v1/blockers/{blocker.pk}/resolve", {"resolution": "Asked legal"}
    )
    create = partial(
        server.call,
        "POST",
        "/api/v1/periods",
        {"name": "2027 Q1", "start_on": "2027-01-01", "end_on": "2027-03-31"},
        token=world.tokens["lena"],
    )

    closes = at_once(*[close] * CLIENTS)
    resolves = at_once(*[resolve] * CLIENTS)
    creates = at_once(*[create] * CLIENTS)

    for answers, won, code in (
        (closes, 200, "next_up_closed"),
        (resolves, 201, "blocker_resolved"),
        (creates, 201, "invalid"),
    ):
        statuses = sorted(answer.status for answer in answers)
        assert statuses == sorted([won] + [409 if code != "invalid" else 422] * (CLIENTS - 1))
        for answer in answers:
            if answer.status != won:
                assert_error(answer, 409 if code != "invalid" else 422, code)
    assert all("name" in answer.body["fields"] for answer in creates if answer.status == 422)
    plan.refresh_from_db()
    assert plan.happened == "Called them all"
    assert CheckIn.objects.filter(kind="insight", resolves=blocker).count() == 1
    assert Period.objects.filter(name="2027 Q1").count() == 1


def test_identical_requests_with_one_key_at_once_write_once(world):
    """A client retrying while its first try is still under way: one sitting is written and
    every answer is the first one's."""
    server: Server = world.server
    body = {
        "entries": [
            {"kind": "progress", "value": 94, "text": "Webinar brought 34 leads"},
            {"kind": "no_next_up"},
        ]
    }
    post = partial(
        server.call,
        "POST",
        f"/api/v1/key-results/{world.kr.pk}/check-ins",
        body,
        token=world.tokens["alice"],
        headers={"Idempotency-Key": "retry-of-the-weekly-script"},
    )

    answers = at_once(*[post] * CLIENTS)

    assert [answer.status for answer in answers] == [201] * CLIENTS, answers
    assert len({answer.body["sitting"] for answer in answers}) == 1
    assert CheckIn.objects.filter(key_result=world.kr, kind="progress").count() == 1
