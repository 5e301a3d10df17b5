"""Django's database sessions, refusing session keys that Django itself would never issue.

A cookie like `sessionid=\\x00abc…` reached PostgreSQL as a query parameter, which rejects NUL
characters with an error: every page answered 500 to such a cookie. Keys Django makes are
lower-case letters and digits; anything else is treated as no session at all.
"""

from __future__ import annotations

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    def _validate_session_key(self, key: str | None) -> bool:
        # Django's own rule (a key of at least 8 characters), plus: only ASCII letters and digits.
        return key is not None and len(key) >= 8 and key.isascii() and key.isalnum()
