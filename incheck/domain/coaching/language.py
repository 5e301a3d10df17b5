"""Telling English from Swedish by counting small, frequent words."""

from __future__ import annotations

from .text import normalise, words

# Words that are frequent in one language and rare or absent in the other. Ambiguous ones
# are left out on purpose: "i" (English "I", Swedish "in"), "man", "under", "in".
_SWEDISH = frozenset(
    words(
        "och att är det som för med inte vi jag ska till på en ett senast nästa vecka veckan "
        "veckor har om av den de kan hur nu så också eller sen sedan efter innan idag mot ut "
        "upp varför vad vår våra vårt min mitt mina hon han henne honom dem kunder möte mötet "
        "måndag tisdag onsdag torsdag fredag få fick blev eftersom skulle borde genom inom hade "
        "här där"
    )
)
_ENGLISH = frozenset(
    words(
        "the and to of is are we will by with next week it this that for on our my have has be "
        "not but if so about from at a an they she he them get got was were would should can "
        "meeting monday tuesday wednesday thursday friday i'll we'll because learned what how why"
    )
)
_SWEDISH_LETTERS = frozenset("åäö")


def detect_language(text: str) -> str:
    """Return "sv" when the text reads as Swedish, else "en" (also when empty or unsure).

    >>> detect_language("Senast nästa fredag ska jag ringa tio kunder")
    'sv'
    >>> detect_language("By next Friday I will call ten customers")
    'en'
    """
    sv = en = 0
    for word in words(normalise(text)):
        sv += (word in _SWEDISH) + (not _SWEDISH_LETTERS.isdisjoint(word))
        en += word in _ENGLISH
    return "sv" if sv > en else "en"
