"""Display helpers for the insight library: marking the searched words, safely escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def highlight(text: str, terms: Sequence[str] | None) -> SafeString:
    """The text, HTML-escaped, with each word that starts with a searched term in `<mark>`.

    It marks what the search matched: a term at the start of a word, in any case.

    >>> highlight("Webinars <b>", ["webinar"])
    '<mark>Webinar</mark>s &lt;b&gt;'
    """
    text = str(text or "")
    if not terms:
        return escape(text)
    # Longest first, so "webinar" wins over "web" where both are searched.
    alternatives = "|".join(re.escape(term) for term in sorted(terms, key=len, reverse=True))
    # A term counts at the start of a word: not after a letter or a digit (as the search).
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})", re.IGNORECASE)
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of the text is escaped above
