"""The languages the coach reads: one folder each, registered here.

Adding a language is a folder like `sv/` (patterns, messages, corpus) and one line below; see
README.md in this folder.
"""

from __future__ import annotations

from . import en, sv
from .lexicon import Language

# The first is the default: a text too short to tell ("34/200", "OK") is read as it.
LANGUAGES: dict[str, Language] = {
    language.code: language for language in (en.LANGUAGE, sv.LANGUAGE)
}
DEFAULT = next(iter(LANGUAGES))
