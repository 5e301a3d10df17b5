"""API tokens on the profile page: list, create (the token is shown once), revoke.

The profile page includes `accounts/_tokens.html`, which loads the panel from `api_tokens` with
htmx; without JavaScript the same URL is a page of its own.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from incheck.accounts.selectors import token_list
from incheck.accounts.services import NAME_LIMIT, token_create, token_revoke
from incheck.errors import Invalid, NotFound


def _user(request: HttpRequest) -> User:
    user = request.user
    if not isinstance(user, User):  # pragma: no cover - the sign-in middleware stops them
        raise Http404
    return user


def _render(request: HttpRequest, status: int = 200, **context: Any) -> HttpResponse:
    panel_only = bool(request.headers.get("HX-Request"))
    template = "accounts/_tokens_panel.html" if panel_only else "accounts/tokens.html"
    context = {"tokens": token_list(_user(request)), "name_limit": NAME_LIMIT, **context}
    return render(request, template, context, status=status)


@require_http_methods(["GET", "POST"])
def api_tokens(request: HttpRequest) -> HttpResponse:
    """The token panel; a POST creates a token and shows it this once."""
    if request.method != "POST":
        return _render(request)
    name = request.POST.get("name", "")
    try:
        _, raw = token_create(user=_user(request), name=name, actor=_user(request))
    except Invalid as error:
        return _render(request, status=422, name=name, name_error=error.fields.get("name", ""))
    # No redirect: the token exists in plain text only in this response.
    response = _render(request, new_token=raw)
    response["Cache-Control"] = "no-store"
    return response


@require_POST
def api_token_revoke(request: HttpRequest, prefix: str) -> HttpResponse:
    """Revoke one of your own tokens."""
    try:
        token_revoke(prefix=prefix, user=_user(request))
    except NotFound as error:
        raise Http404(error.detail) from error
    if request.headers.get("HX-Request"):
        return _render(request)
    return HttpResponseRedirect(reverse("api_tokens"))
