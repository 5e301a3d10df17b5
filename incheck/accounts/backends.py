"""How people sign in: a password (unless turned off) or single sign-on (`accounts.oidc`)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse

# The backend a single sign-on session is recorded with (Django stores it in the session).
BACKEND_PATH = "incheck.accounts.backends.PasswordBackend"


class PasswordBackend(ModelBackend):
    """Django's user-name-and-password check, refusing everyone when password sign-in is off.

    It also loads the user of every session (password or SSO): Django's `user_can_authenticate`
    turns a deactivated person's open sessions into no session at all.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if not settings.INCHECK_PASSWORD_SIGN_IN:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class PasswordSignInOnly:
    """For the password pages (change, reset): not there when password sign-in is off, since a
    password could then never be used."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.INCHECK_PASSWORD_SIGN_IN:
            raise Http404
        return super().dispatch(request, *args, **kwargs)  # type: ignore[misc]


def sign_in_options(request: HttpRequest) -> dict[str, Any]:
    """Template context: how people sign in here (the sign-in, lockout and invitation pages)."""
    return {
        "sso_enabled": bool(settings.OIDC_ISSUER),
        "sso_name": settings.OIDC_NAME,
        "password_sign_in": settings.INCHECK_PASSWORD_SIGN_IN,
    }
