"""Training the coach's linear models (`model.py`) on the development rows of the corpus.

Deterministic: the same rows give the same weights on any machine (no random start, rows in
id order, fixed folds by a hash of the id). Pure Python, so training needs nothing the coach
does not; `python -m bench.coaching_train` runs it and writes `<lang>/model.json`.

The held-out rows are never read here: `train_language` loads the "dev" part only.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from .corpus import Row, corpus_path, load
from .lexicon import Lexicon
from .model import Model, features
from .rules import CHECKS
from .text import normalise, words

# The codes a model helps with: each asks whether a sentence means something (a reason, an
# approach, a risk, an action against it), which word lists only approximate.
LEARNED_CODES: dict[str, str] = {
    "no_why": "context",
    "no_tactic": "context",
    "no_obstacle": "confidence",
    "no_mitigation": "confidence",
}
# Codes whose word lists also fire on texts that lack the thing: the words of a tactic name
# the measure itself as often as the plan ("abandoned calls", "uteblivna besök", "triagetid").
# Only there may a sure model overrule rules that found the thing; for the others the rules
# find a why, a risk or an action by words that mean it, and the model can only take a hint away.
OVERRULED_CODES = frozenset({"no_tactic"})
# Codes whose model reads a problem statement as the thing: when the rules found a why and no
# tactic, the text is most often the problem alone. There the model gets a threshold of its
# own, fit on every dev row of that shape (the why list is as reliable on old rows as new).
GUARDED_CODES: dict[str, str] = {"no_tactic": "r:why"}
# A feature seen in fewer development rows than this is noise (and would bloat the file).
MIN_ROWS_PER_FEATURE = 2
L2 = 1.0  # ridge penalty on the weights (not the bias), in units of the summed log-loss
ITERATIONS = 150
STEP = 0.5
FOLDS = 5
# Weights this small change no decision; they are dropped from the file.
PRUNE_BELOW = 1e-3
# Rows of this wave on were written after the word lists: there the rules' output is what it
# will be on unseen text, so only those rows can say when the model should overrule them.
RULES_UNSEEN_FROM_WAVE = 4
# Rows that share this much of their longer-than-three-letter words (Jaccard) are one group
# for cross-validation.
SHORT_WORD = 3
RELATED_OVERLAP = 0.3
THRESHOLDS = tuple(round(0.05 * step, 2) for step in range(2, 19))
OVERRIDES = (0.0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)


@dataclass(frozen=True)
class Example:
    feats: frozenset[str]
    says_it: bool  # the label: the thing is there, so no hint


def examples(rows: Sequence[Row], code: str, lexicon: Lexicon | None = None) -> list[Example]:
    kind = LEARNED_CODES[code]
    return [
        Example(frozenset(features(normalise(row.text), lexicon, kind)), code not in row.codes)
        for row in sorted(rows, key=lambda row: row.id)
        if row.kind == kind
    ]


def fit(train: Sequence[Example], threshold: float = 0.5) -> Model:
    """L2-regularised logistic regression by full-batch gradient descent with AdaGrad steps
    (deterministic: zero start, fixed order)."""
    counts = Counter(f for example in train for f in example.feats)
    vocabulary = sorted(f for f, n in counts.items() if n >= MIN_ROWS_PER_FEATURE)
    index = {f: i for i, f in enumerate(vocabulary)}
    rows = [
        (sorted(index[f] for f in example.feats if f in index), 1.0 if example.says_it else 0.0)
        for example in train
    ]
    weights = [0.0] * len(vocabulary)
    squared = [1e-8] * len(vocabulary)
    positive = sum(label for _, label in rows)
    prior = (positive + 1) / (len(rows) + 2)
    bias = math.log(prior / (1 - prior))
    bias_squared = 1e-8
    for _ in range(ITERATIONS):
        gradient = [L2 * w for w in weights]
        bias_gradient = 0.0
        for feats, label in rows:
            margin = bias + sum(weights[i] for i in feats)
            error = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, margin)))) - label
            bias_gradient += error
            for i in feats:
                gradient[i] += error
        for i, g in enumerate(gradient):
            squared[i] += g * g
            weights[i] -= STEP * g / math.sqrt(squared[i])
        bias_squared += bias_gradient * bias_gradient
        bias -= STEP * bias_gradient / math.sqrt(bias_squared)
    kept = {
        f: round(w, 4) for f, w in zip(vocabulary, weights, strict=True) if abs(w) >= PRUNE_BELOW
    }
    return Model(bias=round(bias, 4), weights=kept, threshold=threshold)


def fold_of(example_id: str) -> int:
    return int(hashlib.sha256(f"fold:{example_id}".encode()).hexdigest()[:8], 16) % FOLDS


def _content(row: Row) -> frozenset[str]:
    return frozenset(w for w in words(normalise(row.text)) if len(w) > SHORT_WORD)


def related_groups(rows: Sequence[Row]) -> dict[str, str]:
    """Each row's group: rows sharing much of their wording ("7/10, X" and "7/10, X; asked
    Y") are written as pairs, and a fold that holds one while training on the other would
    score the model on what it has as good as seen. The group is named by its first id."""
    parent = {row.id: row.id for row in rows}

    def root(row_id: str) -> str:
        while parent[row_id] != row_id:
            parent[row_id] = parent[parent[row_id]]
            row_id = parent[row_id]
        return row_id

    contents = [(row.id, _content(row)) for row in sorted(rows, key=lambda row: row.id)]
    for i, (first, a) in enumerate(contents):
        for second, b in contents[i + 1 :]:
            if a and b and len(a & b) / len(a | b) >= RELATED_OVERLAP:
                low, high = sorted((root(first), root(second)))
                parent[high] = low
    return {row.id: root(row.id) for row in rows}


def out_of_fold(rows: Sequence[Row], code: str, lexicon: Lexicon | None = None) -> dict[str, float]:
    """Each development row's probability from a model trained on the other folds; related
    rows (`related_groups`) always share a fold."""
    kind = LEARNED_CODES[code]
    of_kind = sorted((row for row in rows if row.kind == kind), key=lambda row: row.id)
    group = related_groups(of_kind)
    probabilities: dict[str, float] = {}
    for fold in range(FOLDS):
        train = [row for row in of_kind if fold_of(group[row.id]) != fold]
        model = fit(examples(train, code, lexicon))
        for row in of_kind:
            if fold_of(group[row.id]) == fold:
                probabilities[row.id] = model.probability(
                    features(normalise(row.text), lexicon, kind)
                )
    return probabilities


def best_threshold(
    rows: Sequence[Row], code: str, probabilities: dict[str, float], lexicon: Lexicon
) -> float:
    """The threshold with the most out-of-fold agreement on the rows it decides: those where
    the rules find nothing (elsewhere the model is only asked for an override), among rows
    the rules were not written against — on the others the rules look better than they are
    on unseen text. Ties go to the one nearest 0.5."""
    labelled = [
        (probabilities[row.id], code not in row.codes)
        for row in rows
        if row.id in probabilities
        and row.wave >= RULES_UNSEEN_FROM_WAVE
        and not rules_find(row, code, lexicon)
    ]

    def agreement(threshold: float) -> tuple[int, float]:
        agreed = sum((p >= threshold) == says for p, says in labelled)
        return agreed, -abs(threshold - 0.5)

    return max(THRESHOLDS, key=agreement)


def rules_find(row: Row, code: str, lexicon: Lexicon) -> bool:
    """Whether the word lists alone find the thing (no hint) in a row."""
    check = dict(CHECKS[row.kind])[code]
    return not check(lexicon.aliases(normalise(row.text)), lexicon)


def best_override(
    rows: Sequence[Row],
    code: str,
    probabilities: dict[str, float],
    lexicon: Lexicon,
    ceiling: float = 1.0,
) -> float:
    """How sure the model must be that the thing is missing to overrule rules that found it,
    judged on rows the rules were not written against; ties go to not overruling."""
    unseen = [
        (probabilities[row.id], code not in row.codes)
        for row in rows
        if row.id in probabilities
        and row.wave >= RULES_UNSEEN_FROM_WAVE
        and rules_find(row, code, lexicon)
    ]

    def agreement(override: float) -> tuple[int, float]:
        return sum((p >= override) == says for p, says in unseen), -override

    # Overruling rules that found the thing asks at least as sure a model as giving a hint
    # where they found nothing.
    return max((o for o in OVERRIDES if o <= ceiling), key=agreement)


def best_guard(
    rows: Sequence[Row],
    code: str,
    probabilities: dict[str, float],
    lexicon: Lexicon,
    guard: str,
) -> float:
    """The threshold with the most out-of-fold agreement on rows where the rules find nothing
    and the guard feature is present; ties go to the one nearest 0.5."""
    kind = LEARNED_CODES[code]
    labelled = [
        (probabilities[row.id], code not in row.codes)
        for row in rows
        if row.id in probabilities
        and not rules_find(row, code, lexicon)
        and guard in features(normalise(row.text), lexicon, kind)
    ]

    def agreement(threshold: float) -> tuple[int, float]:
        return sum((p >= threshold) == says for p, says in labelled), -abs(threshold - 0.5)

    return max(THRESHOLDS, key=agreement)


def train_language(lang: str, lexicon: Lexicon) -> dict[str, Model]:
    """The models of one language, trained on its development rows only."""
    rows = load(lang, "dev")
    trained = {}
    for code in LEARNED_CODES:
        probabilities = out_of_fold(rows, code, lexicon)
        threshold = best_threshold(rows, code, probabilities, lexicon)
        model = fit(examples(rows, code, lexicon), threshold)
        override = (
            best_override(rows, code, probabilities, lexicon, threshold)
            if code in OVERRULED_CODES
            else 0.0
        )
        guard = GUARDED_CODES.get(code, "")
        guard_threshold = best_guard(rows, code, probabilities, lexicon, guard) if guard else 0.0
        trained[code] = Model(
            model.bias, model.weights, model.threshold, override, guard, guard_threshold
        )
    return trained


def dev_fingerprint(lang: str) -> str:
    """The sha256 of a language's development rows: what its model was trained on."""
    return hashlib.sha256(corpus_path(lang, "dev").read_bytes()).hexdigest()
