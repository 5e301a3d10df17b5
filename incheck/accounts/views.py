"""The profile page: display name, language, time zone, reminders (and the API tokens)."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from incheck.accounts.forms import ProfileForm
from incheck.accounts.models import Profile
from incheck.accounts.services import profile_update
from incheck.accounts.time_zones import likely_zones
from incheck.errors import Invalid

# The session key the language middleware reads before authentication (see middleware.py).
LANGUAGE_SESSION_KEY = "incheck_language"


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = cast(AbstractBaseUser, request.user)
    current = getattr(user, "profile", None)
    initial: dict[str, Any] = {
        "display_name": current.display_name if current else "",
        "language": current.language if current else "",
        "time_zone": current.time_zone if current else "Europe/Stockholm",
        "wants_reminders": current.wants_reminders if current else True,
    }
    likely = likely_zones(
        current=initial["time_zone"],
        accept_language=request.headers.get("Accept-Language", ""),
        installation=settings.TIME_ZONE,
    )
    form = ProfileForm(request.POST or None, initial=initial, likely_zones=likely)
    if request.method == "POST" and form.is_valid():
        try:
            saved: Profile = profile_update(user=user, **form.cleaned_data)
        except Invalid as error:
            form.add_service_errors(error.fields, error.detail)
        else:
            # The next request reads the language from the session, before it knows the user.
            request.session[LANGUAGE_SESSION_KEY] = saved.language
            # Said in the language just chosen, which the next page is in.
            language = saved.language or translation.get_language_from_request(request)
            with translation.override(language):
                messages.success(request, _("Profile saved."))
            return HttpResponseRedirect(reverse("profile"))
    return render(request, "accounts/profile.html", {"form": form})
