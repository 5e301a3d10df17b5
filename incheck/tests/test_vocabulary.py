"""The method's words are one list (`domain.vocabulary`): every other list of them agrees.

A kind, a signal or a closure status added in one place and not another would be a value the
database accepts and the form cannot show, or one the API refuses: this contract test fails
first.
"""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from incheck.domain import coaching, rhythm
from incheck.domain.vocabulary import CLOSURES, FEEDBACK_SIGNALS, KINDS, SIGNAL_KINDS, SIGNALS
from incheck.okrs.api.check_ins import AnyEntry, ClosureIn, ContextEntry
from incheck.okrs.api.feedback import FeedbackIn
from incheck.okrs.forms import checkins as checkin_forms
from incheck.okrs.forms.reflection import FeedbackForm
from incheck.okrs.models import CheckIn, Feedback
from incheck.okrs.templatetags.incheck_ui import KIND_ORDER


def _enum(model: Any, name: str) -> list[str]:
    return list(model.model_json_schema()["properties"][name]["enum"])


def test_the_models_store_the_vocabulary_values_in_order() -> None:
    assert CheckIn.Kind.values == list(KINDS)
    assert CheckIn.Signal.values == list(SIGNALS)
    assert CheckIn.Closure.values == list(CLOSURES)
    assert Feedback.Signal.values == list(FEEDBACK_SIGNALS)


def test_the_forms_offer_the_vocabulary_values() -> None:
    assert [value for value, _label in checkin_forms.SIGNAL_CHOICES] == list(SIGNALS)
    assert [value for value, _label in checkin_forms.CLOSURE_CHOICES] == list(CLOSURES)
    assert [value for value, _label in FeedbackForm().fields["signal"].choices] == list(
        FEEDBACK_SIGNALS
    )
    assert set(checkin_forms.SIGNAL_KINDS) <= set(KINDS)


def test_the_api_accepts_exactly_the_vocabulary_values() -> None:
    assert _enum(ClosureIn, "status") == list(CLOSURES)
    assert _enum(ContextEntry, "signal") == list(SIGNALS)
    assert _enum(FeedbackIn, "signal") == list(FEEDBACK_SIGNALS)
    # One entry schema per kind, told apart by `kind`.
    schema = TypeAdapter(AnyEntry).json_schema()
    assert sorted(schema["discriminator"]["mapping"]) == sorted(KINDS)


def test_the_other_lists_of_kinds_are_parts_of_the_vocabulary() -> None:
    assert KIND_ORDER == KINDS
    assert set(coaching.KINDS) <= set(KINDS)
    assert set(rhythm.DOING_KINDS) <= set(KINDS)
    assert set(KINDS) >= SIGNAL_KINDS and set(SIGNALS) >= SIGNAL_KINDS
