"""The coach's checks per kind of check-in: each says whether a hint applies to a text."""

from __future__ import annotations

import re
from collections.abc import Callable
from re import Pattern

from .lexicon import Lexicon
from .text import NUMBER, words

# A check gets normalised text and the lexicon to read it with; True means "give this hint".
Check = Callable[[str, Lexicon], bool]

# A plan this short can hardly say how, unless it carries a number or a method ("Ring 20 kunder").
SHORT_PLAN_WORDS = 5
# "34/200, done" is an update, not a comment: a comment needs a few words that say something.
MIN_COMMENT_WORDS = 4
MIN_COMMENT_CONTENT_WORDS = 2
# Two different concrete verbs ("draft and send", "ring och mejla") already are steps.
MIN_STEP_VERBS = 2

_DIGITS = re.compile(rf"\b{NUMBER}\b")


def _lacks(pattern: Callable[[Lexicon], Pattern[str]]) -> Check:
    def check(text: str, lexicon: Lexicon) -> bool:
        return pattern(lexicon).search(text) is None

    return check


def _has_quantity(text: str, lexicon: Lexicon) -> bool:
    return _DIGITS.search(text) is not None or lexicon.number_word.search(text) is not None


def _has_steps(text: str, lexicon: Lexicon) -> bool:
    # Compare stems so "call" and "calling" count as one verb, "call" and "send" as two.
    stems = {match.group(0)[:4] for match in lexicon.concrete_verb.finditer(text)}
    return len(stems) >= MIN_STEP_VERBS


def no_how(text: str, lexicon: Lexicon) -> bool:
    """A Next Up that names an activity (or hardly anything) without saying how.

    Dates, durations and clock times are blanked first: "v. 49" or "in 2 weeks" is a time
    anchor, not the "3 options" that makes a plan explicit, and "before the board meeting"
    is a deadline, not a meeting to hold.
    """
    plan = lexicon.deadline.sub(" ", text)
    explicit = (
        lexicon.method.search(plan) is not None
        or lexicon.purpose.search(plan) is not None
        or _has_quantity(lexicon.not_quantity.sub(" ", plan), lexicon)
        or _has_steps(plan, lexicon)
    )
    if explicit:
        return False
    return lexicon.activity.search(plan) is not None or len(words(plan)) < SHORT_PLAN_WORDS


def no_comment(text: str, lexicon: Lexicon) -> bool:
    """A progress note that is only a number or a word like "done" / "uppdaterat"."""
    all_words = words(text)
    content = [w for w in all_words if not w[0].isdigit() and not lexicon.filler.fullmatch(w)]
    return len(all_words) < MIN_COMMENT_WORDS or len(content) < MIN_COMMENT_CONTENT_WORDS


CHECKS: dict[str, tuple[tuple[str, Check], ...]] = {
    "context": (
        ("no_why", _lacks(lambda lx: lx.why)),
        ("no_baseline", _lacks(lambda lx: lx.baseline)),
        ("no_tactic", _lacks(lambda lx: lx.tactic)),
    ),
    "progress": (("no_comment", no_comment),),
    "confidence": (
        ("no_obstacle", _lacks(lambda lx: lx.obstacle)),
        ("no_mitigation", _lacks(lambda lx: lx.mitigation)),
    ),
    "next_up": (
        ("no_deadline", _lacks(lambda lx: lx.deadline)),
        ("no_how", no_how),
    ),
    "outcome": (("no_reflection", _lacks(lambda lx: lx.reflection)),),
    "blocker": (("no_way_around", _lacks(lambda lx: lx.way_around)),),
}


def hint_codes(kind: str, text: str, lexicon: Lexicon) -> tuple[str, ...]:
    """The codes that apply to normalised `text`, in the contract's order; all of them if empty."""
    checks = CHECKS[kind]
    if not words(text):
        return tuple(code for code, _ in checks)
    return tuple(code for code, check in checks if check(text, lexicon))
