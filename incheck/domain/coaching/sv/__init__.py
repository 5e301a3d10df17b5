"""Swedish: patterns (`patterns.py`), messages (`messages.py`) and a labelled corpus (`corpus/`)."""

from __future__ import annotations

from ..lexicon import Language
from ..text import words
from .messages import MESSAGES
from .patterns import LEXICON

LANGUAGE = Language(
    code="sv",
    name="Svenska",
    lexicon=LEXICON,
    messages=MESSAGES,
    common_words=frozenset(
        words(
            "och att är det som för med inte vi jag ska till på en ett senast nästa vecka veckan "
            "veckor har om av den de kan hur nu så också eller sen sedan efter innan idag mot ut "
            "upp varför vad vår våra vårt mitt mina hon han henne honom dem kunder möte "
            "mötet måndag tisdag onsdag torsdag fredag få fick blev eftersom skulle borde genom "
            "inom hade här där"
        )
    ),
    letters=frozenset("åäö"),
)
