"""The personal calendar feed at its secret address (no sign-in: calendar apps have none)."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from incheck.notify.selectors.calendar import calendar_feed as feed
from incheck.notify.selectors.calendar import calendar_profile


@require_safe
def calendar_feed(request: HttpRequest, token: str) -> HttpResponse:
    profile = calendar_profile(token)
    if profile is None:
        raise Http404  # revoked, regenerated or never was: the same answer
    response = HttpResponse(feed(profile), content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, no-cache"
    response["Content-Disposition"] = 'inline; filename="incheck.ics"'
    response["X-Robots-Tag"] = "noindex"
    return response
