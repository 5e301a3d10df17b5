"""Correcting a sitting: the author, within a day, in an open period; the summaries replayed."""

from __future__ import annotations

import doctest
from datetime import UTC, datetime, timedelta

import pytest

from incheck.domain import corrections
from incheck.domain.corrections import CORRECTION_WINDOW, Row, correction_problem, replay

WRITTEN = datetime(2026, 11, 24, 9, 30, tzinfo=UTC)


def problem(*, actor=1, authors=frozenset({1}), after=timedelta(hours=1), closed=False):
    return correction_problem(
        actor_id=actor,
        author_ids=set(authors),
        written_at=WRITTEN,
        now=WRITTEN + after,
        period_closed=closed,
    )


def test_the_author_may_correct_within_a_day():
    assert problem() is None
    assert problem(after=CORRECTION_WINDOW) is None


def test_after_a_day_it_is_history():
    assert problem(after=CORRECTION_WINDOW + timedelta(seconds=1)) == "correction_window_passed"


@pytest.mark.parametrize("authors", [{2}, {1, 2}])
def test_only_the_author_of_every_check_in_of_the_sitting_may(authors):
    assert problem(authors=authors) == "not_the_author"


def test_a_closed_period_is_history_at_once():
    assert problem(closed=True) == "period_closed"


def test_replay_gives_what_the_sittings_left():
    at = WRITTEN - timedelta(days=14)
    rows = [
        Row(1, "context", at),
        Row(2, "progress", at, value=70),
        Row(3, "confidence", at, level=7),
        Row(4, "next_up", at, closed_at=at + timedelta(days=7)),
        Row(5, "progress", at + timedelta(days=7), value=94),
        Row(6, "confidence", at + timedelta(days=7), level=5),
        Row(7, "next_up", at + timedelta(days=7)),
    ]
    s = replay(kr_type="increase", start_value=60, rows=reversed(rows))
    assert (s.current_value, s.confidence, s.previous_confidence) == (94, 5, 7)
    assert (s.open_next_up_id, s.outcome_id) == (7, None)
    assert s.last_context_at == at and s.last_progress_at == at + timedelta(days=7)
    assert s.last_check_in_at == at + timedelta(days=7)


def test_without_check_ins_a_kr_is_back_at_its_start():
    s = replay(kr_type="increase", start_value=60, rows=[])
    assert s.current_value == 60
    assert s.last_check_in_at is None and s.confidence is None and s.open_next_up_id is None


def test_a_milestone_replays_reached_and_rolled_back():
    at = WRITTEN
    rows = [Row(1, "progress", at, reached=True), Row(2, "progress", at, reached=False)]
    assert replay(kr_type="milestone", start_value=0, rows=rows).current_value == 0.0


def test_a_standalone_closure_counts_as_a_check_in():
    at = WRITTEN - timedelta(days=3)
    rows = [Row(1, "next_up", at, closed_at=WRITTEN)]
    s = replay(kr_type="increase", start_value=0, rows=rows)
    assert s.last_check_in_at == WRITTEN and s.open_next_up_id is None


def test_the_examples_in_the_module_hold():
    assert doctest.testmod(corrections).failed == 0
