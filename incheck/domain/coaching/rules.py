"""The coach's checks per kind of check-in: each says whether a hint applies to a text."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from functools import lru_cache
from re import Pattern

from .lexicon import Lexicon
from .model import Model, features
from .text import NUMBER, words

# A check gets normalised text and the lexicon to read it with; True means "give this hint".
Check = Callable[[str, Lexicon], bool]

# A plan this short can hardly say how, unless it carries a number or a method ("Ring 20 kunder").
SHORT_PLAN_WORDS = 5
# "34/200, done" or "now at 34 leads" is an update, not a comment: without a word that explains
# ("after", "because", "men"), a comment needs a few words beyond the number and status words.
MIN_COMMENT_CONTENT_WORDS = 3
# Two clauses that each start with a concrete verb ("draft X and send it", "ring … och mejla")
# already are steps. A concrete verb later in a clause is likely a noun ("blog posts").
MIN_STEP_VERBS = 2
CLAUSE_START_WORDS = 3
# A Context this long, in sentences or with a why or a plan, reads a bare "measure and number"
# as where it is today; shorter, it is the key result restated ("80 dogs!!", "Utilisation 80%,
# it's our promise").
EXPLAINED_CONTEXT_WORDS = 10

_DIGITS = re.compile(rf"\b{NUMBER}\b")
# Sentences of normalised text: "." before a space ("!", "?", ";" and line ends became ".").
_SENTENCES = re.compile(r"\.(?= )")


def _lacks(pattern: Callable[[Lexicon], Pattern[str]]) -> Check:
    def check(text: str, lexicon: Lexicon) -> bool:
        return pattern(lexicon).search(text) is None

    return check


def _has_quantity(text: str, lexicon: Lexicon) -> bool:
    return _DIGITS.search(text) is not None or lexicon.number_word.search(text) is not None


def _has_steps(text: str, lexicon: Lexicon) -> bool:
    steps = 0
    for clause in lexicon.joiner.split(text):
        start = " ".join(words(clause)[:CLAUSE_START_WORDS])
        steps += lexicon.concrete_verb.search(start) is not None
    return steps >= MIN_STEP_VERBS


@lru_cache(maxsize=64)
def _plan(text: str, lexicon: Lexicon) -> tuple[str, int]:
    """The plan with its times blanked, and how many time anchors it had.

    Recurring and past times ("every Monday", "i fredags") go first, so their weekday does not
    count as an anchor. Both Next Up checks read it, so it is worked out once.
    """
    return lexicon.deadline.subn(" ", lexicon.not_deadline.sub(" ", text))


def no_deadline(text: str, lexicon: Lexicon) -> bool:
    """A Next Up without a time anchor (a recurring or past time is none)."""
    return _plan(text, lexicon)[1] == 0


def no_how(text: str, lexicon: Lexicon) -> bool:
    """A Next Up that names an activity (or hardly anything) without saying how.

    Times are blanked first: "v. 49" or "in 2 weeks" is a time anchor, not the "3 options"
    that makes a plan explicit, and "before the board meeting" is a deadline, not a meeting to
    hold. A method, a purpose, a quantity or two steps make any plan explicit; otherwise a
    meeting, a vague effort or amount ("some calls"), a report of the past, or a plan too short
    to say anything gets the hint.
    """
    plan = _plan(text, lexicon)[0]
    explicit = (
        lexicon.method.search(plan) is not None
        or lexicon.purpose.search(plan) is not None
        or _has_quantity(lexicon.not_quantity.sub(" ", plan), lexicon)
        or _has_steps(plan, lexicon)
    )
    if explicit:
        return False
    return (
        lexicon.activity.search(plan) is not None
        or lexicon.vague_amount.search(plan) is not None
        or lexicon.past.search(text) is not None
        or len(words(plan)) < SHORT_PLAN_WORDS
    )


def no_baseline(text: str, lexicon: Lexicon) -> bool:
    """A Context that does not say where the measure is today, in numbers.

    A baseline is named ("we get 60 leads now", "from 20 to 50", "11 % → 5 %"), or it is a
    number in a sentence that speaks of no target or plan ("Stockouts hit 7% of lines"). A
    number marked as the target ("to 75%", "under 200", "< 5%", "97%+", "by summer") is
    none. A bare "measure and number" ("99% uptime on chargers") is the key result restated
    unless a time puts it today, or the text goes on to explain it (a problem or a plan, in a
    few sentences' worth of words): "Newsletter open rate 19%. Advertisers price our slots
    on opens …".
    """
    if lexicon.baseline.search(text) is not None:
        return False
    bare = False
    for sentence in _SENTENCES.split(text):
        if lexicon.target.search(sentence):
            continue
        numbers = lexicon.target_number.sub(" ", lexicon.not_quantity.sub(" ", sentence))
        if not _DIGITS.search(numbers):
            continue
        if lexicon.now.search(sentence):
            return False
        bare = True
    return not (bare and _explained(text, lexicon))


def _explained(text: str, lexicon: Lexicon) -> bool:
    """Whether a Context says more than its number: a few sentences, or a why or a plan."""
    return len(words(text)) >= EXPLAINED_CONTEXT_WORDS and (
        len(_SENTENCES.split(text)) > 1
        or lexicon.why.search(text) is not None
        or lexicon.tactic.search(text) is not None
    )


def no_comment(text: str, lexicon: Lexicon) -> bool:
    """A progress note that is only a number, a status word ("done", "uppdaterat") or the
    number restated ("now at 34 leads")."""
    if lexicon.explanation.search(text) is not None:
        return False
    content = [w for w in words(text) if not w[0].isdigit() and not lexicon.filler.fullmatch(w)]
    return len(content) < MIN_COMMENT_CONTENT_WORDS


CHECKS: dict[str, tuple[tuple[str, Check], ...]] = {
    "context": (
        ("no_why", _lacks(lambda lx: lx.why)),
        ("no_baseline", no_baseline),
        ("no_tactic", _lacks(lambda lx: lx.tactic)),
    ),
    "progress": (("no_comment", no_comment),),
    "confidence": (
        ("no_obstacle", _lacks(lambda lx: lx.obstacle)),
        ("no_mitigation", _lacks(lambda lx: lx.mitigation)),
    ),
    "next_up": (
        ("no_deadline", no_deadline),
        ("no_how", no_how),
    ),
    "outcome": (("no_reflection", _lacks(lambda lx: lx.reflection)),),
    "blocker": (("no_way_around", _lacks(lambda lx: lx.way_around)),),
}


def hint_codes(
    kind: str, text: str, lexicon: Lexicon, models: Sequence[Mapping[str, Model]] = ()
) -> tuple[str, ...]:
    """The codes that apply to normalised `text`, in the contract's order; all of them if empty.

    Where a language of the reading has a learned model for a code (`model.py`), the rules'
    verdict goes through it: a hint the rules would give is kept only if no model sees the
    thing in the text, and one they would not give is given only if a model is sure the thing
    is missing (`Model.lacks`).
    """
    checks = CHECKS[kind]
    if not words(text):
        return tuple(code for code, _ in checks)
    aliased = lexicon.aliases(text)
    feats: set[str] | None = None  # worked out once, if a model is asked
    given = []
    for code, check in checks:
        lacks = check(aliased, lexicon)
        learned = [of_language[code] for of_language in models if code in of_language]
        if learned:
            # The model reads the text as it was trained: normalised, short forms as typed.
            feats = features(text, lexicon, kind) if feats is None else feats
            lacks = all(model.lacks(feats, rules_found=not lacks) for model in learned)
        if lacks:
            given.append(code)
    return tuple(given)
