"""Signing in and out: the password form (unless turned off) and single sign-on."""

from __future__ import annotations

import logging
from typing import Any

import requests
from authlib.common.errors import AuthlibBaseError
from authlib.integrations.base_client.errors import MismatchingStateError
from django.conf import settings
from django.contrib.auth import login, logout
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import LoginView
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST, require_safe
from joserfc.errors import JoseError

from incheck.accounts.backends import BACKEND_PATH
from incheck.accounts.oidc import claims_of, end_session_url, oidc_client, sso_enabled
from incheck.people.messages import message
from incheck.people.sso import SignInRefused, person_for_sign_in

logger = logging.getLogger(__name__)

NEXT_KEY = "incheck_sso_next"
ID_TOKEN_KEY = "incheck_sso_id_token"


class SignInView(LoginView):
    """Django's sign-in form, with "Sign in with …" when single sign-on is configured."""

    redirect_authenticated_user = True

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not settings.INCHECK_PASSWORD_SIGN_IN:
            return sso_refused(request, "password_sign_in_off")
        return super().post(request, *args, **kwargs)


def sso_refused(request: HttpRequest, code: str) -> HttpResponse:
    """The sign-in page again, saying why (403: nobody was signed in)."""
    context = {
        "form": AuthenticationForm(request),
        "sso_error": message(code),
        "next": "",
    }
    return render(request, "registration/login.html", context, status=403)


def _safe_next(request: HttpRequest, candidate: str) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


@require_safe
def sso_start(request: HttpRequest) -> HttpResponse:
    """Off to the provider, with a fresh state, nonce and PKCE verifier in this session."""
    if not sso_enabled():
        raise Http404
    request.session[NEXT_KEY] = _safe_next(request, request.GET.get("next", ""))
    redirect_uri = request.build_absolute_uri(reverse("sso_callback"))
    try:
        response: HttpResponse = oidc_client().authorize_redirect(request, redirect_uri)
    except (requests.RequestException, AuthlibBaseError, ValueError, KeyError) as error:
        logger.warning("single sign-on: the provider's discovery failed: %s", error)
        return sso_refused(request, "sso_unreachable")
    return response


@require_safe
def sso_callback(request: HttpRequest) -> HttpResponse:
    """Back from the provider: check everything, find (or make) the person, sign them in."""
    if not sso_enabled():
        raise Http404
    client = oidc_client()
    try:
        token = client.authorize_access_token(request)
        claims = claims_of(client, token)
        issuer = str(client.load_server_metadata().get("issuer") or settings.OIDC_ISSUER)
        user = person_for_sign_in(issuer=issuer, claims=claims)
    except MismatchingStateError:
        return sso_refused(request, "sso_state")
    except SignInRefused as refusal:
        return sso_refused(request, refusal.code)
    except requests.RequestException as error:
        logger.warning("single sign-on: the provider did not answer: %s", error)
        return sso_refused(request, "sso_unreachable")
    except (AuthlibBaseError, JoseError, ValueError, KeyError) as error:
        # A refused code, a bad signature, a wrong nonce, issuer or audience: nobody signs in.
        logger.warning("single sign-on refused: %r", error)
        return sso_refused(request, "sso_failed")
    after = request.session.get(NEXT_KEY) or ""
    login(request, user, backend=BACKEND_PATH)
    request.session[ID_TOKEN_KEY] = token.get("id_token", "")
    return HttpResponseRedirect(_safe_next(request, after))


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """End the session here, and at the provider when it offers an end-session endpoint."""
    id_token = request.session.get(ID_TOKEN_KEY, "")
    logout(request)
    after = request.build_absolute_uri(resolve_url(settings.LOGOUT_REDIRECT_URL))
    if id_token and sso_enabled():
        try:
            url = end_session_url(id_token=id_token, after=after)
        except (requests.RequestException, AuthlibBaseError, ValueError, KeyError) as error:
            logger.warning("single sign-on: no end-session address: %s", error)
            url = None
        if url:
            return HttpResponseRedirect(url)
    return HttpResponseRedirect(after)
