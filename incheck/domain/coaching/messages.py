"""Every language's advice in one table, keyed (lang, code); each language keeps its own in
`<lang>/messages.py`, and this view is built from them."""

from __future__ import annotations

from .registry import LANGUAGES

MESSAGES: dict[tuple[str, str], str] = {
    (code, hint): text
    for code, language in LANGUAGES.items()
    for hint, text in language.messages.items()
}


def message(lang: str, code: str) -> str:
    """The advice for `code` in `lang` (both already validated by the caller)."""
    return LANGUAGES[lang].messages[code]
