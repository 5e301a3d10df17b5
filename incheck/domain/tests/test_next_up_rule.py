"""Never leave a KR without a Next Up (rule 2), and a big confidence move needs a real reason
(rule 5): the sitting rules, without a database."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from incheck.domain.checkins import (
    Closure,
    Entry,
    SittingFacts,
    confidence_reason_problem,
    is_non_reason,
    sitting_problems,
)

TODAY = date(2026, 11, 24)
FACTS = SittingFacts(
    kr_type="increase", confidence=6, has_open_next_up=False, period_closed=False, today=TODAY
)
PROGRESS = Entry(kind="progress", value=70, text="Counted the CRM")
PLAN = Entry(kind="next_up", text="Call 10 leads by Friday", due_on=date(2026, 11, 27))
NONE = Entry(kind="no_next_up")
CLOSURE = Closure(status="done", happened="Called them all")


def test_a_sitting_that_leaves_the_kr_without_a_plan_asks_for_one():
    assert sitting_problems([PROGRESS], None, FACTS) == {"next_up.text": "next_up_required"}


def test_a_new_plan_or_the_recorded_choice_of_none_satisfies_it():
    assert sitting_problems([PROGRESS, PLAN], None, FACTS) == {}
    assert sitting_problems([PROGRESS, NONE], None, FACTS) == {}


def test_a_kr_keeping_its_open_next_up_needs_no_new_one():
    keeps = replace(FACTS, has_open_next_up=True)
    assert sitting_problems([PROGRESS], None, keeps) == {}


def test_closing_the_open_next_up_without_a_new_one_asks_for_one():
    keeps = replace(FACTS, has_open_next_up=True)
    assert sitting_problems([PROGRESS], CLOSURE, keeps) == {"next_up.text": "next_up_required"}
    assert sitting_problems([], CLOSURE, keeps) == {"next_up.text": "next_up_required"}
    assert sitting_problems([NONE], CLOSURE, keeps) == {}


def test_an_outcome_and_an_ended_period_ask_for_no_plan():
    outcome = Entry(kind="outcome", value=150, text="The webinars carried it")
    assert sitting_problems([outcome], None, FACTS) == {}
    assert sitting_problems([PROGRESS], None, replace(FACTS, period_ended=True)) == {}


def test_no_next_up_contradicting_the_sitting_is_refused():
    assert sitting_problems([PLAN, NONE], None, FACTS) == {
        "no_next_up.kind": "no_next_up_with_plan"
    }
    keeps = replace(FACTS, has_open_next_up=True)
    assert sitting_problems([PROGRESS, NONE], None, keeps) == {
        "no_next_up.kind": "no_next_up_keeps_plan"
    }


@pytest.mark.parametrize(
    "text",
    ["maybe", "Maybe.", "kanske", "Vet inte", "not sure", "idk 🤷", "?", "  ", "hmm, maybe"],
)
def test_a_hedge_is_no_reason(text):
    assert is_non_reason(text)


@pytest.mark.parametrize(
    "text",
    [
        "Legal blocks the webinar list",
        "Maybe: the partner cancelled the webinar",
        "Kanske, partnern ställde in webbinariet",
        "Two deals slipped to January",
    ],
)
def test_a_reason_is_a_reason_even_when_it_hedges(text):
    assert not is_non_reason(text)


def test_a_move_of_two_asks_for_a_reason_and_coaches_a_hedge():
    assert confidence_reason_problem(previous=7, level=5, text="") == "confidence_reason_required"
    assert confidence_reason_problem(previous=7, level=9, text="maybe") == (
        "confidence_reason_vague"
    )
    assert confidence_reason_problem(previous=7, level=5, text="Legal blocks the list") is None
    # One point, or the first forecast, asks for nothing.
    assert confidence_reason_problem(previous=7, level=6, text="") is None
    assert confidence_reason_problem(previous=None, level=2, text="") is None


def test_a_sitting_refuses_a_hedge_as_the_reason_for_a_big_move():
    moved = Entry(kind="confidence", level=3, text="maybe")
    assert sitting_problems([moved, NONE], None, FACTS) == {
        "confidence.text": "confidence_reason_vague"
    }
