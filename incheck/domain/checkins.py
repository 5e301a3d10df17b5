"""The rules for one check-in sitting: which entries are well-formed for this key result.

A sitting is several typed check-ins written at once (progress + confidence + next up, say).
`sitting_problems` returns every broken rule as `{field key: code}`, so a form can show them all
at once and the API can name each field; the service writes nothing unless the dict is empty.

>>> facts = SittingFacts(kr_type="increase", confidence=None, has_open_next_up=False,
...                      period_closed=False, today=date(2026, 12, 1))
>>> sitting_problems([Entry(kind="confidence", level=11)], None, facts)
{'confidence.level': 'level_out_of_range', 'next_up.text': 'next_up_required'}
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from incheck.domain.dates import in_range
from incheck.domain.progress import score, validate_value, value_left_by
from incheck.domain.vocabulary import CLOSURES, FEEDBACK_SIGNALS, KINDS, SIGNALS

# The method asks for short check-ins; the limit is visible in every form (DESIGN.md §1).
TEXT_LIMIT = 280

# A confidence move this big is a forecast changing its mind: the method asks why (rule 5).
CONFIDENCE_MOVE_NEEDS_REASON = 2
# Words that hedge or fill and name no reason, in English and Swedish: a confidence move
# explained only with these ("maybe", "kanske inte", "no idea") is coached for a real reason.
NON_REASON_WORDS = frozenset(
    {
        *("maybe", "perhaps", "possibly", "probably", "not", "sure", "unsure", "dunno", "idk"),
        *("don", "t", "know", "no", "idea", "hmm", "hm", "eh", "gut", "feeling", "just", "a"),
        *("bit", "guess", "i", "think", "so", "who", "knows", "tbd", "n", "na", "yes", "ok"),
        *("kanske", "eventuellt", "möjligen", "troligen", "nog", "inte", "säker", "osäker"),
        *("vet", "ej", "ingen", "aning", "typ", "känns", "så", "magkänsla", "jag", "tror"),
        *("det", "ja", "nej", "mm", "hmm", "okej"),
    }
)
# Kinds whose text is what they are: they cannot be written empty.
TEXT_REQUIRED_KINDS = frozenset({"context", "next_up", "insight", "blocker"})
# A score this far from the computed one is an adjustment, which needs a reason.
SCORE_ADJUSTMENT_EPSILON = 0.005


@dataclass(frozen=True)
class Entry:
    """One check-in of a sitting, as the person typed it."""

    kind: str
    text: str = ""
    signal: str = ""
    value: float | None = None
    reached: bool | None = None
    level: int | None = None
    due_on: date | None = None
    expected_value: float | None = None
    score: float | None = None
    score_reason: str = ""
    way_around: str = ""


@dataclass(frozen=True)
class Closure:
    """How the open Next Up went: done / partly / not done / dropped, and what happened."""

    status: str
    happened: str
    learned: str = ""


@dataclass(frozen=True)
class SittingFacts:
    """What the rules need to know about the key result at the time of the sitting."""

    kr_type: str
    confidence: int | None
    has_open_next_up: bool
    period_closed: bool
    today: date
    # Past the period's last day a KR only asks for its Outcome: no Next Up is asked for.
    period_ended: bool = False


def text_problems(prefix: str, values: dict[str, str]) -> dict[str, str]:
    """`text_too_long` for each text over the limit, keyed `prefix.field`."""
    return {
        f"{prefix}.{name}": "text_too_long"
        for name, value in values.items()
        if len(value) > TEXT_LIMIT
    }


def text_problem(value: str, *, required: bool = False, limit: int = TEXT_LIMIT) -> str | None:
    """The rule for one text field: `text_required` (when required and blank), `text_too_long`.

    >>> text_problem("  ", required=True)
    'text_required'
    >>> text_problem("x" * 281) is None
    False
    """
    if required and not value.strip():
        return "text_required"
    if len(value) > limit:
        return "text_too_long"
    return None


def resolution_problems(resolution: str) -> dict[str, str]:
    """The rules for the way around a blocker, as `{field: code}`."""
    problem = text_problem(resolution.strip(), required=True)
    if problem == "text_required":
        return {"resolution": "resolution_required"}
    return {"resolution": problem} if problem else {}


def feedback_problems(*, signal: str, text: str) -> dict[str, str]:
    """The rules for continue / consider feedback, as `{field: code}`."""
    problems: dict[str, str] = {}
    if signal not in FEEDBACK_SIGNALS:
        problems["signal"] = "feedback_signal_unknown"
    problem = text_problem(text.strip(), required=True)
    if problem:
        problems["text"] = problem
    return problems


def closure_problems(closure: Closure) -> dict[str, str]:
    """The rules for closing a Next Up, keyed `closure.field`."""
    problems = text_problems("closure", {"happened": closure.happened, "learned": closure.learned})
    if closure.status not in CLOSURES:
        problems["closure.status"] = "closure_status_unknown"
    if not closure.happened.strip():
        problems.setdefault("closure.happened", "happened_required")
    return problems


def _value_problem(kr_type: str, value: float | None) -> str | None:
    try:
        validate_value(kr_type=kr_type, value=value)
    except ValueError as exc:
        return str(exc.args[0])
    return None


def _finite_problem(value: float | None) -> str | None:
    if value is not None and not math.isfinite(value):
        return "value_not_finite"
    return None


def entry_problems(entry: Entry, facts: SittingFacts) -> dict[str, str]:
    """Every rule one entry breaks, keyed `kind.field` (a sitting adds its own rules)."""
    kind = entry.kind
    problems = text_problems(
        kind,
        {"text": entry.text, "score_reason": entry.score_reason, "way_around": entry.way_around},
    )
    if entry.signal not in SIGNALS:
        problems[f"{kind}.signal"] = "signal_unknown"
    if kind in TEXT_REQUIRED_KINDS and not entry.text.strip():
        problems.setdefault(f"{kind}.text", "text_required")
    if entry.signal == "blocker" and not entry.text.strip():
        problems.setdefault(f"{kind}.text", "blocker_text_required")

    if kind in {"progress", "outcome"}:
        problem = _value_problem(facts.kr_type, entry.value)
        if problem:
            problems[f"{kind}.value"] = problem
        elif facts.kr_type != "milestone" and entry.reached is not None:
            problems[f"{kind}.reached"] = "reached_on_numeric"
        elif facts.kr_type == "milestone" and entry.reached is None:
            problems[f"{kind}.reached"] = "reached_required"
        elif facts.kr_type != "milestone" and entry.value is None:
            problems[f"{kind}.value"] = "value_required"

    if kind == "confidence":
        if entry.level is None:
            problems["confidence.level"] = "level_required"
        elif not 0 <= entry.level <= 10:
            problems["confidence.level"] = "level_out_of_range"
        else:
            problem = confidence_reason_problem(
                previous=facts.confidence, level=entry.level, text=entry.text
            )
            if problem:
                problems["confidence.text"] = problem

    if kind == "next_up":
        if entry.due_on is None:
            problems["next_up.due_on"] = "due_on_required"
        elif entry.due_on < facts.today:
            problems["next_up.due_on"] = "due_on_in_past"
        elif not in_range(entry.due_on):
            problems["next_up.due_on"] = "date_out_of_range"
        problem = _value_problem(facts.kr_type, entry.expected_value)
        if problem:
            problems["next_up.expected_value"] = problem

    if kind == "outcome" and entry.score is not None:
        problem = _finite_problem(entry.score)
        if problem or not 0 <= entry.score <= 1:
            problems["outcome.score"] = "score_out_of_range"
    return problems


def sitting_problems(
    entries: Sequence[Entry], closure: Closure | None, facts: SittingFacts
) -> dict[str, str]:
    """Every rule the sitting breaks, as `{field key: code}`; empty when it may be written."""
    if facts.period_closed:
        return {"sitting": "period_closed"}
    if not entries and closure is None:
        return {"sitting": "empty_sitting"}
    problems: dict[str, str] = {}
    seen: set[str] = set()
    for entry in entries:
        if entry.kind not in KINDS:
            problems[f"{entry.kind}.kind"] = "unknown_kind"
            continue
        if entry.kind in seen:
            problems[f"{entry.kind}.kind"] = "duplicate_kind"
            continue
        seen.add(entry.kind)
        problems.update(entry_problems(entry, facts))
    if closure is not None:
        if not facts.has_open_next_up:
            problems["closure.status"] = "no_open_next_up"
        else:
            problems.update(closure_problems(closure))
    elif "next_up" in seen and facts.has_open_next_up:
        # A new plan replaces the old one only once the old one is closed (rule 4).
        problems["closure.status"] = "closure_required"
    problems.update(next_up_problems(seen, closing=closure is not None, facts=facts))
    return problems


def leaves_without_next_up(kinds: set[str], *, closing: bool, has_open_next_up: bool) -> bool:
    """Whether a sitting of these kinds leaves the KR with no open Next Up (rule 2).

    >>> leaves_without_next_up({"progress"}, closing=False, has_open_next_up=False)
    True
    >>> leaves_without_next_up({"progress"}, closing=False, has_open_next_up=True)
    False
    >>> leaves_without_next_up({"progress", "next_up"}, closing=True, has_open_next_up=True)
    False
    """
    return "next_up" not in kinds and (closing or not has_open_next_up)


def next_up_problems(kinds: set[str], *, closing: bool, facts: SittingFacts) -> dict[str, str]:
    """Never leave a KR without a Next Up (rule 2): ask for one in the same sitting.

    A sitting that would leave the KR without an open Next Up needs a new one, or the recorded
    choice "no Next Up this time" (kind ``no_next_up``), which the team's rhythm counts. An
    Outcome, and a period past its last day, ask for no plan. "No Next Up" beside a Next Up, or
    while the KR keeps its open one, contradicts itself.
    """
    leaves = leaves_without_next_up(kinds, closing=closing, has_open_next_up=facts.has_open_next_up)
    if "no_next_up" in kinds:
        if "next_up" in kinds:
            return {"no_next_up.kind": "no_next_up_with_plan"}
        if not leaves:
            return {"no_next_up.kind": "no_next_up_keeps_plan"}
        return {}
    if leaves and "outcome" not in kinds and not facts.period_ended:
        return {"next_up.text": "next_up_required"}
    return {}


def confidence_moved(previous: int | None, level: int | None) -> bool:
    """A move of 2 points or more since the last confidence (rule 5)."""
    return (
        previous is not None
        and level is not None
        and abs(level - previous) >= CONFIDENCE_MOVE_NEEDS_REASON
    )


def is_non_reason(text: str) -> bool:
    """True for a text that names no reason: only hedges and fillers ("maybe", "kanske",
    "not sure", "vet inte", "idk", "?"), in English or Swedish.

    >>> is_non_reason("Maybe.")
    True
    >>> is_non_reason("kanske, vet inte")
    True
    >>> is_non_reason("Maybe: the partner webinar was cancelled")
    False
    """
    words = re.findall(r"[^\W\d_]+", text.casefold())
    if not words:
        return True
    return all(word in NON_REASON_WORDS for word in words)


def confidence_reason_problem(*, previous: int | None, level: int | None, text: str) -> str | None:
    """A move of 2+ needs a reason (rule 5); a hedge like "maybe" is no reason.

    >>> confidence_reason_problem(previous=7, level=4, text="")
    'confidence_reason_required'
    >>> confidence_reason_problem(previous=7, level=4, text="maybe")
    'confidence_reason_vague'
    >>> confidence_reason_problem(previous=7, level=6, text="") is None
    True
    """
    if not confidence_moved(previous, level):
        return None
    if not text.strip():
        return "confidence_reason_required"
    if is_non_reason(text):
        return "confidence_reason_vague"
    return None


def outcome_score(
    entry: Entry, *, kr_type: str, start: float, target: float, current: float | None
) -> float:
    """The score an Outcome computes: the progress of the value it leaves, rounded (the one
    place a sitting computes it; an adjusted score differs from this and needs a reason).

    >>> outcome_score(Entry(kind="outcome", value=57), kr_type="increase", start=0, target=200,
    ...               current=40)
    0.29
    """
    final = value_left_by(
        kr_type=kr_type, current=current, entry_value=entry.value, reached=entry.reached
    )
    return score(kr_type=kr_type, start=start, target=target, current=final)


def needs_score_reason(*, computed: float, given: float | None, reason: str) -> bool:
    """True when an outcome's score was adjusted away from the computed one without a reason."""
    return (
        given is not None
        and abs(given - computed) > SCORE_ADJUSTMENT_EPSILON
        and not reason.strip()
    )


def default_due_on(today: date) -> date:
    """The due date a new Next Up starts with: "by next Friday", as the method's example says —
    the first Friday at least three days away, so a plan made on Thursday still has a week.

    >>> default_due_on(date(2026, 11, 24))  # a Tuesday
    datetime.date(2026, 11, 27)
    >>> default_due_on(date(2026, 11, 26))  # a Thursday
    datetime.date(2026, 12, 4)
    """
    days = (4 - today.weekday()) % 7
    return today + timedelta(days=days + 7 if days < 3 else days)
