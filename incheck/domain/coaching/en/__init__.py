"""English: patterns (`patterns.py`), messages (`messages.py`) and a labelled corpus (`corpus/`)."""

from __future__ import annotations

from ..lexicon import Language
from ..text import words
from .messages import MESSAGES
from .patterns import LEXICON

LANGUAGE = Language(
    code="en",
    name="English",
    lexicon=LEXICON,
    messages=MESSAGES,
    common_words=frozenset(
        words(
            "the and to of is are we will by with next week it this that for on our my have has "
            "be not but if so about from at a an they she he them get got was were would should "
            "can meeting monday tuesday wednesday thursday friday i'll we'll because learned what "
            "how why"
        )
    ),
)
