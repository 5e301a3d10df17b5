"""Display helpers for the insight library: marking the searched words, safely escaped."""

from __future__ import annotations

import re
from collections.abc import Sequence

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from incheck.domain.search import word_forms

register = template.Library()


@register.filter
def highlight(text: str, terms: Sequence[str] | None) -> SafeString:
    """The text, HTML-escaped, with each word the search matched in `<mark>`.

    It marks what the search matched: a word that starts with one of a searched term's forms
    (`domain.search.word_forms`: "webinars" matches "webinar"), in any case.

    >>> highlight("Webinar <b>", ["webinars"])
    '<mark>Webinar</mark> &lt;b&gt;'
    """
    text = str(text or "")
    if not terms:
        return escape(text)
    forms = {form for term in terms for form in word_forms(term)}
    # Longest first, so "webinar" wins over "web" where both are searched.
    alternatives = "|".join(re.escape(form) for form in sorted(forms, key=len, reverse=True))
    # A form counts at the start of a word (not after a letter or a digit, as the search), and
    # the whole word is marked.
    pattern = re.compile(rf"(?<![^\W_])(?:{alternatives})[^\W_]*", re.IGNORECASE)
    pieces: list[str] = []
    last = 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # noqa: S308 - every piece of the text is escaped above
