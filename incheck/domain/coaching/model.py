"""The learned part of the coach: a linear model per language and hint code over word and
character n-grams, trained on the development rows of the corpus (`training.py`).

Some hints ask what a sentence *means* — is there a why, a tactic, a risk, an action that
lowers it — and the ways people say those things are open-ended ("the chef is off for two
weeks", "sponsors only sign above 5k"). The word lists in `<lang>/patterns.py` name the common
forms; this model reads the rest, and reads what those lists found as features of their own
(`rule_features`), so it learns when to trust them. It can only take a hint away: a hint is
given when the rules find nothing *and* the model does not see the thing either (`rules.py`).
So a text the rules already read as explicit stays explicit, and the model's errors can cost
at most recall.

The weights are a JSON file in each language's folder (`<lang>/model.json`), written by
`python -m bench.coaching_train` and loaded once, on first use. A language without the file
reads with its rules alone.

>>> sorted(f for f in features(normalise("Plan B: 2 agencies.")) if not f.startswith("c:"))
['b:0 agencies', 'b:agencies .', 'b:b 0', 'b:plan b', 'len:1', 'w:0', 'w:agencies', 'w:b', 'w:plan']
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path

from .lexicon import Lexicon
from .text import normalise, words  # noqa: F401 (normalise: the doctest's input)

MODEL_FILE = "model.json"
_FOLDER = Path(__file__).resolve().parent

# Letters folded so Swedish typed without å/ä/ö ("behover", "mote") shares its features.
_FOLD = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", "ü": "u"})
_DIGITS = re.compile(r"\d+(?:[.,]\d+)?")
# Word n-grams see phrases ("plan b", "so we"); character n-grams inside words see stems and
# compounds ("eskaler", "uppföljningssamtal") that a word never seen in training still shares.
CHAR_NGRAM = 4
# Length buckets, in words: a two-word text hardly holds a reason or a plan.
_LENGTHS = (3, 6, 12, 24)
# What the word lists found, given to the model as features of their own: the model learns
# when to trust them ("a why was found and no tactic word": a problem statement, not a plan)
# instead of reading every domain's words afresh.
# Only the lists that bear on the kind's codes are read (each costs a regex pass per review).
RULE_FIELDS: dict[str, tuple[str, ...]] = {
    "context": ("why", "tactic", "baseline", "target", "now", "purpose", "method"),
    "confidence": ("obstacle", "mitigation", "way_around", "past", "purpose"),
}
_SENTENCE_END = re.compile(r"\.(?= )")
_DIGIT = re.compile(r"\d")


def rule_features(text: str, lexicon: Lexicon, kind: str) -> set[str]:
    """Which of the kind's word lists match an aliased, normalised text, and whether a
    sentence opens with an action verb (a plan in the imperative: "Build talent pools …")."""
    fields = RULE_FIELDS.get(kind, ())
    found = {f"r:{name}" for name in fields if getattr(lexicon, name).search(text)}
    # Where the lists match: a plan is mostly the last sentence of a context, the problem the
    # first ("Stockouts hit 7%. Customers walk out. Reorder twice a week.").
    sentences = [sentence for sentence in _SENTENCE_END.split(text) if words(sentence)]
    found.add(f"r:sentences{min(len(sentences), 3)}")
    if len(sentences) > 1:
        last = sentences[-1]
        found.update(f"r:last_{name}" for name in fields if getattr(lexicon, name).search(last))
        if _DIGIT.search(last):
            found.add("r:last_number")
    for sentence in _SENTENCE_END.split(text):
        opening = words(sentence)[:2]
        if opening and opening[0] in ("we", "vi", "i", "jag") and len(opening) > 1:
            opening = opening[1:]
        if opening and lexicon.concrete_verb.fullmatch(opening[0]):
            found.add("r:opens_with_verb")
    return found


def features(text: str, lexicon: Lexicon | None = None, kind: str = "") -> set[str]:
    """The binary features of one normalised text (`text.normalise`): words, word pairs,
    sentence ends, character 4-grams of words and a length bucket, and with a lexicon what
    the kind's word lists find in the aliased text (`rule_features`). Numbers become "0" so "14 %"
    and "31 %" match."""
    norm = _DIGITS.sub("0", text.translate(_FOLD))
    tokens: list[str] = []
    for sentence in norm.split(". "):
        tokens.extend(words(sentence))
        tokens.append(".")
    found = {f"w:{token}" for token in tokens if token != "."}
    found.update(f"b:{a} {b}" for a, b in pairwise(tokens))
    for token in tokens:
        padded = f"#{token}#"
        if len(token) > 2:
            found.update(
                f"c:{padded[i : i + CHAR_NGRAM]}" for i in range(len(padded) - CHAR_NGRAM + 1)
            )
    length = len(tokens) - norm.count(". ") - 1
    found.add(f"len:{sum(length > edge for edge in _LENGTHS)}")
    if lexicon is not None:
        found |= rule_features(lexicon.aliases(text), lexicon, kind)
    return found


@dataclass(frozen=True)
class Model:
    """A logistic regression for one hint code: P(the text says the thing) from features."""

    bias: float
    weights: Mapping[str, float]
    # The probability from which the thing counts as said when the rules found nothing
    # (chosen by cross-validation on the development rows).
    threshold: float
    # When the rules did find it: the probability below which the model overrules them (0:
    # never). Only worth it where the word lists fire on texts that lack the thing ("app",
    # "calls" in a problem statement read as a tactic).
    override: float = 0.0
    # Where the rules found the other thing of the kind and not this one ("r:why" for
    # no_tactic: a problem statement), how sure the model must be to take the hint away
    # (0: the threshold above). Problem statements share most words with plans.
    guard_feature: str = ""
    guard_threshold: float = 0.0

    def probability(self, feats: Iterable[str]) -> float:
        weights = self.weights
        margin = self.bias + sum(weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, margin))))

    def lacks(self, feats: Iterable[str], *, rules_found: bool) -> bool:
        """Whether the text lacks the thing, given what the rules found."""
        if rules_found:
            return self.probability(feats) < self.override
        threshold = self.threshold
        if self.guard_threshold and self.guard_feature in feats:
            threshold = self.guard_threshold
        return self.probability(feats) < threshold

    def as_dict(self) -> dict[str, object]:
        return {
            "bias": self.bias,
            "threshold": self.threshold,
            "override": self.override,
            "guard_feature": self.guard_feature,
            "guard_threshold": self.guard_threshold,
            "weights": dict(sorted(self.weights.items())),
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Model:
        weights = data["weights"]
        assert isinstance(weights, dict)
        return cls(
            bias=float(data["bias"]),  # type: ignore[arg-type]
            weights={str(k): float(v) for k, v in weights.items()},
            threshold=float(data["threshold"]),  # type: ignore[arg-type]
            override=float(data.get("override", 0.0)),  # type: ignore[arg-type]
            guard_feature=str(data.get("guard_feature", "")),
            guard_threshold=float(data.get("guard_threshold", 0.0)),  # type: ignore[arg-type]
        )


def model_path(lang: str) -> Path:
    return _FOLDER / lang / MODEL_FILE


@cache
def models(lang: str) -> Mapping[str, Model]:
    """One language's models by hint code, read once; empty when the language has none."""
    path = model_path(lang)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {code: Model.from_dict(model) for code, model in data["codes"].items()}
