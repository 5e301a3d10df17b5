"""Text normalisation and the small regex vocabulary the word lists are written in."""

from __future__ import annotations

import re
import unicodedata
from re import Pattern

# Typographic quotes and dashes become their ASCII forms so "it’s" and "it's" read the same;
# long dashes separate clauses, so they become spaces rather than joining words.
_TYPOGRAPHY = str.maketrans(
    {
        "’": "'",
        "‘": "'",
        "´": "'",
        "`": "'",
        "‐": "-",
        "‑": "-",
        "–": " ",
        "—": " ",
        # Sentence and line ends become full stops so that `near` does not pair a number in
        # one sentence with a marker in the next.
        "!": " . ",
        "?": " . ",
        ";": " . ",
        "\n": " . ",
        # An arrow is how people write "from 20 to 34"; it is kept as one token.
        "→": " → ",
        "⇒": " → ",
    }
)
_ARROWS = re.compile(r"\s*(?:->|=>|-->)\s*")
# Keep the characters that carry meaning inside dates, times and numbers (2026-12-04, 4/12,
# 14:00, 5%, v.49, 4:e) and the comparisons of a target ("< 5%", "≥ 7,5"); everything else
# is a separator.
_SEPARATORS = re.compile(r"[^\w\s\-/.:'%+→<>≤≥]|_")
_WHITESPACE = re.compile(r"\s+")
_LONE_PLUS = re.compile(r"(?<= )\+(?= )")
_WORD = re.compile(r"[^\W_]+(?:['-][^\W_]+)*")

NUMBER = r"\d+(?:[.,]\d+)?"


def normalise(text: str) -> str:
    """Casefold, compose (NFC) and reduce punctuation to single spaces.

    >>> normalise("Senast  FREDAG – ”möte” med Åsa!")
    'senast fredag möte med åsa'
    """
    text = unicodedata.normalize("NFC", text).casefold().translate(_TYPOGRAPHY)
    # casefold() can decompose some characters again; compose once more so "å" is one letter.
    text = unicodedata.normalize("NFC", text)
    text = _ARROWS.sub(" → ", text)
    text = _SEPARATORS.sub(" ", text)
    text = _WHITESPACE.sub(" ", text).strip(" .:-/'")
    # A lone "+" joins items of a list ("webinars + ads"); "+3" stays a number.
    return _LONE_PLUS.sub("plus", text)


def words(text: str) -> list[str]:
    """The words of an already normalised text ("check-in" and "it's" are one word each)."""
    return _WORD.findall(text)


def alt(*parts: str) -> str:
    """A non-capturing alternation of regex fragments."""
    return "(?:" + "|".join(parts) + ")"


def rx(*parts: str) -> Pattern[str]:
    """Compile fragments into one whole-word pattern over normalised text.

    Normalised text has single spaces, so a literal space in a fragment is enough.
    """
    return re.compile(r"\b" + alt(*parts) + r"\b")


def near(markers: str, numbers: str, gap: int = 6) -> str:
    """A marker and a number at most `gap` words apart in one sentence, in either order."""
    between = rf"(?:[^\w.]+\w+){{0,{gap}}}?[^\w.]+"
    m, n = alt(markers), alt(numbers)
    return rf"{m}{between}{n}|{n}{between}{m}"


def before(markers: str, numbers: str, gap: int = 6) -> str:
    """A marker followed by a number at most `gap` words later, in one sentence."""
    between = rf"(?:[^\w.]+\w+){{0,{gap}}}?[^\w.]+"
    return rf"{alt(markers)}{between}{alt(numbers)}"


class Aliases:
    """Short forms people type, read as the words they stand for ("tmrw" is "tomorrow").

    Applied to normalised text, whole words only; a short form may hold "/" or "." ("w/").

    >>> Aliases({"tmrw": "tomorrow", "w/": "with"})("lunch w/ anna tmrw")
    'lunch with anna tomorrow'
    """

    def __init__(self, mapping: dict[str, str]) -> None:
        self.mapping = dict(mapping)
        keys = sorted(self.mapping, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<![\w/.-])(?:" + "|".join(map(re.escape, keys)) + r")(?![\w/-]|\.\w)")
            if keys
            else None
        )

    def __call__(self, text: str) -> str:
        if self._pattern is None:
            return text
        return self._pattern.sub(lambda m: self.mapping[m.group(0)], text)

    def __or__(self, other: Aliases) -> Aliases:
        return Aliases({**other.mapping, **self.mapping})
