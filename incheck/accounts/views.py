"""The profile page: display name, language, time zone (and, from other apps, the nudges,
chat channels and calendar feed of the habit loop, and the API tokens)."""

from __future__ import annotations

from typing import Any, cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import AbstractBaseUser, User
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


def _profile_form(request: HttpRequest, current: Profile | None, data: Any = None) -> ProfileForm:
    """The name, language and time-zone form, the likely zones first."""
    initial: dict[str, Any] = {
        "display_name": current.display_name if current else "",
        "language": current.language if current else "",
        "time_zone": current.time_zone if current else "Europe/Stockholm",
    }
    likely = likely_zones(
        current=initial["time_zone"],
        accept_language=request.headers.get("Accept-Language", ""),
        installation=settings.TIME_ZONE,
    )
    return ProfileForm(data, initial=initial, likely_zones=likely)


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user = cast(User, request.user)
    form = _profile_form(request, getattr(user, "profile", None), request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            saved: Profile = profile_update(user=user, **form.cleaned_data)
        except Invalid as error:
            form.refused(error)
        else:
            # The next request reads the language from the session, before it knows the user.
            request.session[LANGUAGE_SESSION_KEY] = saved.language
            # Said in the language just chosen, which the next page is in.
            language = saved.language or translation.get_language_from_request(request)
            with translation.override(language):
                messages.success(request, _("Profile saved."))
            return HttpResponseRedirect(reverse("profile"))
    return profile_page(request, form=form)


def profile_page(
    request: HttpRequest,
    *,
    form: ProfileForm | None = None,
    nudge_form: Any = None,
    channel_form: Any = None,
    status: int = 200,
) -> HttpResponse:
    """The profile page with its forms; the habit loop's forms come back here with errors."""
    # Imported here: notify builds on accounts, not the other way round.
    from incheck.notify.forms import ChannelForm, NudgeForm
    from incheck.notify.selectors.profile import profile_habits

    user = cast(AbstractBaseUser, request.user)
    habits = profile_habits(user)
    current = habits.profile
    if form is None:
        form = _profile_form(request, current)
    if nudge_form is None:
        nudge_form = NudgeForm(
            initial={
                "nudge_hour": current.nudge_hour if current else 9,
                "wants_reminders": current.wants_reminders if current else True,
                "wants_digest": current.wants_digest if current else False,
                "wants_team_digest": current.wants_team_digest if current else True,
                "away_from": current.away_from if current else None,
                "away_until": current.away_until if current else None,
            }
        )
    context = {
        "form": form,
        "habits": habits,
        "nudge_form": nudge_form,
        "channel_form": channel_form or ChannelForm(team=False),
        "nudges_per_week": settings.INCHECK_NUDGES_PER_WEEK,
    }
    return render(request, "accounts/profile.html", context, status=status)
