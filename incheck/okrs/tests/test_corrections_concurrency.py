"""A correction and a new sitting at once: the KR is locked first, so one waits for the other
and the KR's summaries always match the check-ins that remain (SQLite and PostgreSQL)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from functools import partial
from typing import Any

import pytest

from incheck import clock
from incheck.domain.checkins import Closure, Entry
from incheck.domain.corrections import Row, replay
from incheck.errors import Conflict, Invalid
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.okrs.services.corrections import sitting_correct, sitting_delete
from incheck.testing.concurrency import at_once
from incheck.testing.concurrency import shared_database as shared_database_of

pytestmark = pytest.mark.django_db(transaction=True)

DUE = dt.date.today() + dt.timedelta(days=7)


@pytest.fixture
def people(transactional_db: None, tmp_path: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    with shared_database_of(tmp_path):
        clock.freeze(None)  # real time: the sittings are written now, inside the window
        personas = request.getfixturevalue("personas")
        personas.period.end_on = dt.date.today() + dt.timedelta(days=60)
        personas.period.save()
        yield personas


def summaries_match_rows(kr: KeyResult) -> bool:
    kr.refresh_from_db()
    rows = CheckIn.objects.filter(key_result=kr).values_list(
        "id", "kind", "created_at", "value", "reached", "level", "closed_at"
    )
    expected = replay(kr_type=kr.kr_type, start_value=kr.start_value, rows=[Row(*r) for r in rows])
    return (kr.current_value, kr.open_next_up_id, kr.confidence) == (
        expected.current_value,
        expected.open_next_up_id,
        expected.confidence,
    )


def test_a_delete_and_a_sitting_that_closes_its_next_up_never_both_win(people):
    kr = people.kr
    first = checkin_sitting_create(
        actor=people.alice,
        key_result_id=kr.pk,
        entries=[
            Entry(kind="progress", value=70, text="CRM"),
            Entry(kind="next_up", text="Call 10 leads by Friday", due_on=DUE),
        ],
    )
    follow_up = partial(
        checkin_sitting_create,
        actor=people.alice,
        key_result_id=kr.pk,
        entries=[
            Entry(kind="progress", value=94, text="Webinar"),
            Entry(kind="next_up", text="Book two webinars by Friday", due_on=DUE),
        ],
        closure=Closure(status="done", happened="Called them"),
    )
    delete = partial(sitting_delete, actor=people.alice, sitting_id=first.id)
    results = at_once(delete, follow_up)
    won = [result for result in results if not isinstance(result, Exception)]
    lost = [result for result in results if isinstance(result, Exception)]
    assert len(won) == 1 and len(lost) == 1, results
    # Whoever came second was refused with a reason, never half-written.
    assert isinstance(lost[0], Conflict | Invalid), lost
    assert summaries_match_rows(kr)


def test_corrections_racing_new_sittings_leave_consistent_summaries(people):
    kr = people.kr
    first = checkin_sitting_create(
        actor=people.alice,
        key_result_id=kr.pk,
        entries=[Entry(kind="progress", value=70, text="CRM"), Entry(kind="no_next_up")],
    )

    def correct(n: int) -> Any:
        return sitting_correct(
            actor=people.alice,
            sitting_id=first.id,
            entries=[Entry(kind="progress", value=70 + n, text=f"Correction {n}")],
        )

    def sit(n: int) -> Any:
        return checkin_sitting_create(
            actor=people.alice,
            key_result_id=kr.pk,
            entries=[Entry(kind="progress", value=100 + n, text="x"), Entry(kind="no_next_up")],
        )

    results = at_once(
        *(partial(correct, n) for n in range(3)), *(partial(sit, n) for n in range(3))
    )
    assert not any(isinstance(result, Exception) for result in results), results
    assert summaries_match_rows(kr)
