"""Word forms for the insight search: "webinars" finds "webinar", "kunderna" finds "kund".

Insights are written in English and Swedish, often by one team, and a search does not know
which. So each search word stands for its own forms in both languages: the word itself and its
Snowball stems (English and Swedish, the algorithms PostgreSQL's own `english` and `swedish`
configurations use), each matched as a word or the start of one. The databases keep their
plain word index (migration 0002: PostgreSQL's `simple` tsvector, SQLite's FTS5 `unicode61`);
only the query grows, the same way on both, so both find the same insights.

>>> word_forms("webinars")
('webinar',)
>>> word_forms("kunderna")
('kund',)
>>> word_forms("happy")
('happi', 'happy')
"""

from __future__ import annotations

from functools import cache

import snowballstemmer

LANGUAGES = ("english", "swedish")
# A shorter stem would match too much as a prefix ("mö*"); the word itself is always kept.
MIN_STEM = 3


@cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(language)


@cache
def word_forms(word: str) -> tuple[str, ...]:
    """The prefixes that find a lowercase word's forms in English and Swedish, sorted.

    A form that starts with another form is left out: the shorter one finds it anyway.
    """
    forms = {word}
    for language in LANGUAGES:
        stem = _stemmer(language).stemWord(word)
        if len(stem) >= MIN_STEM:
            forms.add(stem)
    return tuple(
        sorted(
            form
            for form in forms
            if not any(other != form and form.startswith(other) for other in forms)
        )
    )
