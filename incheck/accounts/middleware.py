"""Sign-in required everywhere, and each person's language and time zone."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.utils import timezone, translation
from django.utils.cache import patch_vary_headers

from incheck import clock

Handler = Callable[[HttpRequest], HttpResponse]

# Paths that must answer before sign-in: the sign-in pages (password, single sign-on and an
# invitation's link), resetting a forgotten password, static files, and the API (which answers
# 401 itself, as JSON, rather than redirecting to a login form).
PUBLIC_PREFIXES = (
    "/accounts/login/",
    "/accounts/sso/",
    "/invitations/",
    "/accounts/password/reset/",
    "/static/",
    "/api/",
    "/healthz",
    # A personal calendar feed: calendar apps cannot sign in, the secret in its address is the
    # key (incheck.notify.views.calendar answers 404 to any other).
    "/calendar/",
)


class LoginRequiredMiddleware:
    """Nothing is readable without signing in."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not request.path.startswith(PUBLIC_PREFIXES):
            if request.headers.get("HX-Request"):
                response = HttpResponse(status=401)
                response["HX-Redirect"] = settings.LOGIN_URL
                return response
            return redirect_to_login(request.get_full_path())
        return self.get_response(request)


class ProfileLanguageMiddleware:
    """The language: the profile's choice, else the browser's (Accept-Language), else English.

    Runs before authentication, so it reads the choice the sign-in stored in the session.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = request.session.get("incheck_language") or translation.get_language_from_request(
            request
        )
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", translation.get_language())
        # The same URL answers in another language for another browser (the sign-in page).
        patch_vary_headers(response, ("Accept-Language",))
        translation.deactivate()
        return response


class UserPreferencesMiddleware:
    """Activates the signed-in person's time zone and remembers their language choice."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        profile = getattr(user, "profile", None) if user.is_authenticated else None
        if profile is not None:
            timezone.activate(clock.zone(profile.time_zone))
            # "" (the browser's language) must also replace a choice this session still holds
            # from before the profile changed on another device.
            if request.session.get("incheck_language", "") != profile.language:
                request.session["incheck_language"] = profile.language
                language = profile.language or translation.get_language_from_request(request)
                translation.activate(language)
                request.LANGUAGE_CODE = language
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class SingleSignOnFormAction:
    """Lets the sign-out form end the session at the OpenID provider too.

    The Content-Security-Policy allows forms to submit only to this site (`form-action
    'self'`), and browsers apply that to where the submission redirects as well: signing out
    redirects to the provider's end-session endpoint, so its origin joins `form-action` when
    single sign-on is configured. Read per response, as the settings may change in tests.
    """

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        issuer = urlsplit(settings.OIDC_ISSUER) if settings.OIDC_ISSUER else None
        if issuer is not None and issuer.netloc:
            update = dict(getattr(response, "_csp_update", None) or {})
            update["form-action"] = [
                *update.get("form-action", []),
                f"{issuer.scheme}://{issuer.netloc}",
            ]
            response._csp_update = update  # type: ignore[attr-defined]
        return response
