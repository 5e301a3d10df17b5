"""Telling the registered languages apart by counting small, frequent words."""

from __future__ import annotations

from .registry import DEFAULT, LANGUAGES
from .text import normalise, words

# A language must lead by this many points to be sure; below it the text is read with every
# language's patterns ("Fixa buggen imorgon" has no common word of either language).
SURE_MARGIN = 2


def language_scores(text: str) -> dict[str, int]:
    """Each registered language's score for the text (see `detect_language`)."""
    scores = dict.fromkeys(LANGUAGES, 0)
    for word in words(normalise(text)):
        for code, language in LANGUAGES.items():
            scores[code] += (word in language.common_words) + (
                not language.letters.isdisjoint(word)
            )
    return scores


def best_language(scores: dict[str, int]) -> tuple[str, bool]:
    """The leading language and whether it leads by `SURE_MARGIN` (the default when all are 0)."""
    ranked = sorted(scores.values(), reverse=True)
    best = ranked[0]
    if best == 0:
        return DEFAULT, False
    code = next(code for code, score in scores.items() if score == best)
    runner_up = ranked[1] if len(ranked) > 1 else 0
    return code, best - runner_up >= SURE_MARGIN


def detect_language(text: str) -> str:
    """The code of the language the text reads as; the default (English) when empty or unsure.

    Each language scores a point per word from its `common_words` and per word holding one of
    its own `letters`; the highest score wins and a tie goes to the earlier-registered language.

    >>> detect_language("Senast nästa fredag ska jag ringa tio kunder")
    'sv'
    >>> detect_language("By next Friday I will call ten customers")
    'en'
    >>> detect_language("34/200")
    'en'
    """
    return best_language(language_scores(text))[0]
