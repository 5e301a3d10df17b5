"""Sign-in throttling (django-axes): guessing passwords or API tokens stops after a few tries.

Five failed sign-ins for one user name, or five failures of any kind (wrong passwords, invalid
bearer tokens) from one address, and that user name or address is refused for 15 minutes
(`settings.AXES_*`). Failures are counted until 15 minutes pass without one. django-axes keeps
the count in the database, so it holds across all app processes and machines.

- The sign-in form (and the admin's) is refused whole while locked, the right password too:
  otherwise a guesser would still learn when a guess is right. The page says why, in the
  reader's language, and answers 429 with `Retry-After`.
- The API counts invalid bearer tokens per address only (a token names no user; nor does a
  failed single sign-on, also counted per address only) and answers
  429 with the one error body. A valid token is not checked against the lock: a token has 256
  random bits, so there is nothing to guess, and scripts behind the same address as a scanner
  keep working.
- "Address" is `client_address`: the connecting address, or with `INCHECK_TRUSTED_PROXIES=N`
  the one N entries from the right of X-Forwarded-For (docs/operations.md).
- Resetting the password by e-mail lifts the lock on that user name: the person proved they
  own the account.
"""

from __future__ import annotations

import ipaddress
import math
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import ngettext

from incheck.errors import DomainError

API_PREFIX = "/api/"
# What a failure that names no user is recorded under: an invalid API token, or a sign-in by
# another backend (single sign-on) without a user name. Not NULL: django-axes keeps one row per
# (user name, address, agent) by a unique constraint, and NULLs never collide on PostgreSQL, so
# concurrent failures would make duplicate rows that its get_or_create then trips over (a 500).
# No user can have these names (Django's user names have no spaces or brackets), and such
# failures count only against the address (`lockout_parameters`).
TOKEN_FAILURE_USERNAME = "(API token)"
NO_USERNAME = "(no user name)"
_NOT_USER_NAMES = {TOKEN_FAILURE_USERNAME, NO_USERNAME}


def client_address(request: HttpRequest) -> str | None:
    """The address a request comes from, as far as this installation can trust it.

    Each of the `INCHECK_TRUSTED_PROXIES` proxies appends the address it saw to X-Forwarded-For,
    so the client is that many entries from the right; anything further left was written by
    the client and is ignored. Too few entries (a request that went around a proxy) or
    something that is not an address: the connecting address.
    """
    remote = request.META.get("REMOTE_ADDR") or None
    proxies: int = settings.INCHECK_TRUSTED_PROXIES
    if proxies == 0:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    if len(forwarded) < proxies:
        return remote
    candidate = forwarded[-proxies]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def lockout_parameters(request_or_attempt: Any, credentials: dict[str, Any] | None) -> list[str]:
    """What a failure counts against: a sign-in's against the user name and, separately, the
    address; one that names no user (an API token, a single sign-on failure) only against the
    address — counting those under one shared name would lock out everyone who has none."""
    username = getattr(request_or_attempt, "username", None) or (credentials or {}).get("username")
    path = getattr(request_or_attempt, "path_info", "") or ""
    if path.startswith(API_PREFIX) or not username or username in _NOT_USER_NAMES:
        return ["ip_address"]
    return ["username", "ip_address"]


def cooldown_minutes(request: HttpRequest | None = None) -> int:
    cool_off = get_cool_off(request)
    return max(1, math.ceil(cool_off.total_seconds() / 60)) if cool_off else 0


def locked_out_message(request: HttpRequest | None = None) -> str:
    minutes = cooldown_minutes(request)
    return ngettext(
        "Too many failed sign-ins. For safety, signing in is paused for %(minutes)s minute.",
        "Too many failed sign-ins. For safety, signing in is paused for %(minutes)s minutes.",
        minutes,
    ) % {"minutes": minutes}


class TooManyAttempts(DomainError):
    """Refused for a while after repeated failures (429, with Retry-After)."""

    status = 429
    default_code = "too_many_attempts"

    def __init__(self, request: HttpRequest) -> None:
        self.retry_after = cooldown_minutes(request) * 60
        minutes = cooldown_minutes(request)
        super().__init__(
            ngettext(
                "Too many invalid tokens from this address. Try again in %(minutes)s minute.",
                "Too many invalid tokens from this address. Try again in %(minutes)s minutes.",
                minutes,
            )
            % {"minutes": minutes}
        )


def bearer_token_failed(request: HttpRequest) -> None:
    """Count an invalid bearer token against the request's address; raise TooManyAttempts
    when the address is (now) locked out."""
    if not settings.AXES_ENABLED:
        return
    credentials: dict[str, Any] = {"username": TOKEN_FAILURE_USERNAME}
    if AxesProxyHandler.is_locked(request, credentials):
        raise TooManyAttempts(request)
    AxesProxyHandler.user_login_failed(sender=__name__, credentials=credentials, request=request)
    if getattr(request, "axes_locked_out", False):
        raise TooManyAttempts(request)


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None, credentials: Any
) -> HttpResponse:
    """What a locked-out request gets (AXES_LOCKOUT_CALLABLE): the API's error body, or the
    sign-in page saying why and for how long."""
    retry_after = str(cooldown_minutes(request) * 60)
    if request.path_info.startswith(API_PREFIX):
        from incheck.api import error  # the API module imports this one

        problem = TooManyAttempts(request)
        response = error(request, problem.status, problem.code, problem.detail)
    else:
        username = (credentials or {}).get("username") or ""
        form = AuthenticationForm(request, initial={"username": username})
        response = TemplateResponse(
            request,
            "registration/login.html",
            {
                "form": form,
                "locked_out": locked_out_message(request),
                "next": request.POST.get("next", ""),
            },
            status=429,
        )
        response.render()
    response["Retry-After"] = retry_after
    return response


class SignInThrottle(AxesStandaloneBackend):
    """django-axes' check before any password is compared (first in AUTHENTICATION_BACKENDS).

    Without a request (a management command, a test's `authenticate()`) there is no address and
    no sign-in to throttle; django-axes would raise, this lets the next backend decide.
    """

    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def _storable(request: Any) -> None:
    # PostgreSQL refuses a NUL character, which a path or a header may hold.
    for name in ("axes_user_agent", "axes_path_info", "axes_http_accept"):
        value = getattr(request, name, None)
        if isinstance(value, str):
            setattr(request, name, value.replace("\x00", "\ufffd"))


class SignInAttempts(AxesDatabaseHandler):
    """django-axes' database handler, with the request's details made storable first, so that
    a failed sign-in never turns into a 500."""

    def user_login_failed(
        self, sender: Any, credentials: dict[str, Any], request: Any = None, **kwargs: Any
    ) -> None:
        if request is not None:
            _storable(request)
        if not (credentials or {}).get("username"):
            credentials = {**(credentials or {}), "username": NO_USERNAME}
        super().user_login_failed(sender, credentials, request, **kwargs)

    def user_logged_in(self, sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
        _storable(request)
        super().user_logged_in(sender, request, user, **kwargs)


def sign_in_lock_lift(*, username: str) -> int:
    """Forget the failed sign-ins for a user name (after a password reset); returns how many
    counted attempts were dropped."""
    return AxesProxyHandler.reset_attempts(username=username)
