"""What a language contributes to coaching: its patterns (a `Lexicon`), its messages, and the
words that tell it apart from the others (a `Language`)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields
from re import Pattern
from typing import Any

from .text import Aliases, alt

# Dates written the same way in both languages. A day/month needs a plausible day and month
# so that progress like "34/200" or "20/30" is not read as a date.
ISO_DATE = r"\d{4}-\d{1,2}-\d{1,2}"
NUMERIC_DATE = (
    r"(?<![\d/])(?:0?[1-9]|[12]\d|3[01])/(?:0?[1-9]|1[0-2])(?:/(?:\d{4}|\d{2}))?(?![\d/])"
)
# A one-to-one meeting is written like a time or a ratio; it is never a count of things.
ONE_TO_ONE = alt("1:1", "1-1", "1-on-1", "1on1", "one-on-one", "one on one")
CLOCK = r"\d{1,2}:\d{2}"
# Years of the tool's lifetime; older or larger four-digit numbers are more likely counts.
YEAR = r"20[2-3]\d"


@dataclass(frozen=True, eq=False)
class Lexicon:
    """Compiled patterns over normalised text (see `text.normalise`)."""

    aliases: Aliases  # short forms read as words first: "tmrw", "b4", "imorn"
    deadline: Pattern[str]  # a time anchor: date, weekday, "next week", "inom två veckor"
    # Times that are no anchor and are blanked before looking for one: recurring ("every
    # Monday", "varje måndag") or past ("since Monday", "i fredags").
    not_deadline: Pattern[str]
    past: Pattern[str]  # a report of what was done ("yesterday", "förra veckan"), not a plan
    not_quantity: Pattern[str]  # numbers that are durations, clock times, years or "1:1"
    number_word: Pattern[str]  # "three", "tre": a count written out
    vague_amount: Pattern[str]  # "some calls", "a few posts", "några samtal": no quantity
    activity: Pattern[str]  # a meeting in any form, or a vague effort verb
    method: Pattern[str]  # how: "by calling", "genom att", "then", "och sedan"
    purpose: Pattern[str]  # what for: "so that", "för att", "to decide"
    concrete_verb: Pattern[str]  # two clauses starting with one of these are steps
    joiner: Pattern[str]  # what separates the clauses of a plan: "and", "then", "och", ","
    why: Pattern[str]
    baseline: Pattern[str]
    # What makes a number in a clause the target or part of the plan, not where we are today:
    # "target", "by June", "to 200", "we'll", "ska".
    target: Pattern[str]
    # A number marked as the target where it stands ("to 75%", "under 200", "< 5%", "97%+",
    # "max 2 %", "minst 30"): blanked before a sentence's numbers are read as today's.
    target_number: Pattern[str]
    # A time that places a number today or in the past ("now", "last month", "i fjol").
    now: Pattern[str]
    tactic: Pattern[str]
    obstacle: Pattern[str]
    mitigation: Pattern[str]
    way_around: Pattern[str]
    reflection: Pattern[str]
    filler: Pattern[str]  # words that say nothing in a progress comment ("done", "uppdaterat")
    explanation: Pattern[str]  # what makes a progress note a comment: "after", "because", "men"


def merge(first: Lexicon, second: Lexicon) -> Lexicon:
    """One lexicon that matches wherever either of the two does."""
    merged: dict[str, Any] = {"aliases": first.aliases | second.aliases}
    for field in fields(Lexicon):
        if field.name == "aliases":
            continue
        a: Pattern[str] = getattr(first, field.name)
        b: Pattern[str] = getattr(second, field.name)
        merged[field.name] = re.compile(f"(?:{a.pattern})|(?:{b.pattern})")
    return Lexicon(**merged)


@dataclass(frozen=True)
class Language:
    """One language the coach reads and speaks; each lives in its own folder (`en/`, `sv/`)."""

    code: str  # ISO 639-1, as Django and browsers name it ("sv" for "sv-SE")
    name: str
    lexicon: Lexicon
    messages: dict[str, str]  # hint code -> advice
    # Detection: words frequent in this language and rare in the others, and letters only it
    # uses ("åäö"); ambiguous words ("i" is English "I" and Swedish "in") are left out.
    common_words: frozenset[str]
    letters: frozenset[str] = frozenset()


_FOLDABLE = {"å": "[åa]", "ä": "[äa]", "ö": "[öo]", "é": "[ée]"}
_CHARACTER_CLASS = re.compile(r"\[[^\]]*\]")


def without_diacritics_too(lexicon: Lexicon) -> Lexicon:
    """The same lexicon, also matching words typed without their diacritics ("mote", "pa").

    >>> without_diacritics_too(Lexicon(**{f.name: re.compile("möte") for f in fields(Lexicon)
    ...     if f.name != "aliases"}, aliases=Aliases({}))).activity.pattern
    'm[öo]te'
    """
    changed: dict[str, Any] = {"aliases": lexicon.aliases}
    for field in fields(Lexicon):
        if field.name == "aliases":
            continue
        pattern: Pattern[str] = getattr(lexicon, field.name)
        if any(set(_FOLDABLE) & set(c) for c in _CHARACTER_CLASS.findall(pattern.pattern)):
            raise ValueError(f"{field.name}: write letters with diacritics outside [...]")
        source = pattern.pattern
        for letter, either in _FOLDABLE.items():
            source = source.replace(letter, either)
        changed[field.name] = re.compile(source)
    return Lexicon(**changed)
