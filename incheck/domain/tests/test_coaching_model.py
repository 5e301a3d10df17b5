"""The learned part of the coach (`coaching/model.py`, `coaching/training.py`): trained on the
development rows only, deterministic, loaded once, and only ever a second reader of the rules."""

from __future__ import annotations

import json

import pytest

from incheck.domain.coaching import LANGUAGES
from incheck.domain.coaching import training as training_module
from incheck.domain.coaching.corpus import load
from incheck.domain.coaching.model import Model, features, model_path, models
from incheck.domain.coaching.registry import LANGUAGES as REGISTERED
from incheck.domain.coaching.rules import hint_codes
from incheck.domain.coaching.text import normalise
from incheck.domain.coaching.training import (
    LEARNED_CODES,
    Example,
    dev_fingerprint,
    fit,
)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_each_language_ships_a_model_trained_on_its_current_development_rows(lang):
    # A corpus change without `python -m bench.coaching_train` would leave stale weights.
    document = json.loads(model_path(lang).read_text(encoding="utf-8"))
    assert document["trained_on"] == dev_fingerprint(lang), "run python -m bench.coaching_train"
    assert set(document["codes"]) == set(LEARNED_CODES)
    for code, trained in models(lang).items():
        assert 0 < trained.threshold < 1
        assert 0 <= trained.override <= trained.threshold
        if code not in training_module.OVERRULED_CODES:
            assert trained.override == 0
        assert len(trained.weights) > 100


def test_the_models_are_read_once():
    assert models("en") is models("en")


def test_a_language_without_a_model_file_reads_with_its_rules_alone():
    assert models("xx") == {}


def test_training_reads_the_development_rows_only(monkeypatch):
    parts = []

    def load(lang, part):
        parts.append(part)
        return []

    monkeypatch.setattr(training_module, "load", load)
    monkeypatch.setattr(training_module, "out_of_fold", lambda rows, code, lexicon=None: {})
    training_module.train_language("en", REGISTERED["en"].lexicon)
    assert parts == ["dev"]


def _toy() -> list[Example]:
    said = ["we will call every customer", "plan: webinars and ads", "we call all leads"]
    missing = ["super important", "top priority 🚀", "the board wants it"]
    return [Example(frozenset(features(normalise(t))), True) for t in said] + [
        Example(frozenset(features(normalise(t))), False) for t in missing
    ]


def test_fitting_is_deterministic_and_learns_what_it_is_shown():
    first, second = fit(_toy()), fit(_toy())
    assert first == second
    assert first.probability(features("we will call the leads")) > 0.5
    assert first.probability(features("super important for the board")) < 0.5


def test_the_model_only_takes_a_hint_away_where_the_rules_give_it_unless_it_is_sure():
    sure_it_is_there = Model(bias=5.0, weights={}, threshold=0.5, override=0.1)
    sure_it_is_missing = Model(bias=-5.0, weights={}, threshold=0.5, override=0.1)
    lexicon = REGISTERED["en"].lexicon
    text = normalise("We need 200 new leads this quarter.")  # no why, no tactic for the rules
    assert hint_codes("context", text, lexicon) == ("no_why", "no_baseline", "no_tactic")
    learned = {"no_why": sure_it_is_there, "no_tactic": sure_it_is_missing}
    assert hint_codes("context", text, lexicon, [learned]) == ("no_baseline", "no_tactic")
    # Codes without a model (no_baseline) are the rules' alone, whatever the model says.
    explicit = normalise("Because renewals pay for us; 4 % churn today; we call every account.")
    assert hint_codes("context", explicit, lexicon) == ()
    assert hint_codes("context", explicit, lexicon, [learned]) == ("no_tactic",)


def test_read_with_every_language_a_hint_is_given_only_when_no_model_sees_the_thing():
    there = Model(bias=5.0, weights={}, threshold=0.5)
    missing = Model(bias=-5.0, weights={}, threshold=0.5)
    lexicon = REGISTERED["en"].lexicon
    text = normalise("7")
    assert hint_codes("confidence", text, lexicon, [{"no_obstacle": missing}]) == (
        "no_obstacle",
        "no_mitigation",
    )
    both = [{"no_obstacle": missing}, {"no_obstacle": there}]
    assert hint_codes("confidence", text, lexicon, both) == ("no_mitigation",)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_shipped_models_are_wired_in_where_the_rules_were_not_written(lang):
    # Rows written after the word lists (wave 4 on): the rules alone give hints a coach would
    # not; read with the models the engine agrees with the labels more often.
    rows = [
        row
        for row in load(lang, "dev")
        if row.wave >= training_module.RULES_UNSEEN_FROM_WAVE
        and row.kind in set(LEARNED_CODES.values())
    ]
    lexicon = REGISTERED[lang].lexicon

    def agreed(learned):
        return sum(
            (code in hint_codes(row.kind, normalise(row.text), lexicon, learned))
            == (code in row.codes)
            for row in rows
            for code, kind in LEARNED_CODES.items()
            if kind == row.kind
        )

    assert agreed([models(lang)]) > agreed([])
