"""Check-in coaching: read a check-in the way an OKR coach would and say how to improve it.

Pure Python (no Django, no database), so the CLI, the API and the HTML form all give the same
advice. A coach reads for substance, not for form: a Next Up needs a time anchor and must say
*how* ("compare 3 options and present them to Laura so she can decide"), not only *what*
("have a meeting with Laura").

>>> review("next_up", "Ha ett möte med Laura om nya marknadsföringskanaler").as_dict()["lang"]
'sv'
>>> [h.code for h in review("next_up", "Have a meeting with Laura about new channels").hints]
['no_deadline', 'no_how']
>>> review("next_up", "By Friday I will call 20 customers to find out why they churned").ok
True
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from typing import Any

from .language import best_language, detect_language, language_scores
from .lexicon import Lexicon, merge
from .messages import message
from .model import models
from .registry import LANGUAGES as _REGISTERED
from .rules import CHECKS, hint_codes
from .text import normalise

__all__ = ["HINT_CODES", "KINDS", "LANGUAGES", "Hint", "Review", "detect_language", "review"]

KINDS: tuple[str, ...] = ("context", "progress", "confidence", "next_up", "outcome", "blocker")
HINT_CODES: dict[str, tuple[str, ...]] = {
    kind: tuple(code for code, _ in CHECKS[kind]) for kind in KINDS
}
LANGUAGES: tuple[str, ...] = tuple(_REGISTERED)

_MERGED: dict[frozenset[str], Lexicon] = {}


def _lexicon(codes: frozenset[str]) -> Lexicon:
    """One language's lexicon, or several merged (built once, then kept)."""
    if codes not in _MERGED:
        lexicons = [_REGISTERED[code].lexicon for code in LANGUAGES if code in codes]
        _MERGED[codes] = reduce(merge, lexicons)
    return _MERGED[codes]


@dataclass(frozen=True)
class Hint:
    """One piece of advice: a stable `code` from the contract and a localised `message`."""

    code: str
    message: str


@dataclass(frozen=True)
class Review:
    """The coach's reading of one check-in text."""

    kind: str
    lang: str
    ok: bool
    hints: tuple[Hint, ...]

    def as_dict(self) -> dict[str, Any]:
        """The JSON shape of the coaching contract (DESIGN.md §4)."""
        return {
            "kind": self.kind,
            "lang": self.lang,
            "ok": self.ok,
            "hints": [{"code": h.code, "message": h.message} for h in self.hints],
        }


def _supported(lang: str) -> str:
    # Accept the forms Django and browsers use ("sv-SE", "en_GB", "SV").
    base = lang.strip().replace("_", "-").split("-")[0].casefold()
    if base not in LANGUAGES:
        raise ValueError(f"unsupported lang {lang!r}; allowed: {', '.join(LANGUAGES)}")
    return base


def review(kind: str, text: str, lang: str | None = None) -> Review:
    """Review `text` as a check-in of `kind`; messages are in `lang` (detected when None).

    Raises ValueError for a kind not in KINDS or a lang not in LANGUAGES.

    >>> review("progress", "34/200").as_dict()["hints"][0]["code"]
    'no_comment'
    """
    if kind not in HINT_CODES:
        raise ValueError(f"unknown kind {kind!r}; allowed: {', '.join(KINDS)}")
    written_in, sure = best_language(language_scores(text))
    lang = written_in if lang is None else _supported(lang)
    # People write in the language of their team while their profile may say another, mix in
    # the other language's words, or write too little to tell: then read with every word list
    # that may apply.
    reading = frozenset({lang, written_in}) if sure else frozenset(LANGUAGES)
    learned = [models(code) for code in LANGUAGES if code in reading]
    codes = hint_codes(kind, normalise(text), _lexicon(reading), learned)
    hints = tuple(Hint(code=code, message=message(lang, code)) for code in codes)
    return Review(kind=kind, lang=lang, ok=not hints, hints=hints)
