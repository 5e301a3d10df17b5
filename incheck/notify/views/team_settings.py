"""A team's settings page: its rhythm, its channels, the nudges to come.

Everyone signed in reads it; the team's leads and admins change it.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from incheck.accounts.rhythm import team_cadence_update
from incheck.errors import Forbidden, Invalid
from incheck.notify.forms import ChannelForm, RhythmForm
from incheck.notify.selectors.team_settings import TeamSettingsPage, team_settings_page
from incheck.notify.services.channels import channel_save
from incheck.okrs.messages import message
from incheck.okrs.views.common import domain_errors, error_page, signed_in


def _render(
    request: HttpRequest,
    page: TeamSettingsPage,
    *,
    form: RhythmForm | None = None,
    channel_form: ChannelForm | None = None,
    status: int = 200,
) -> HttpResponse:
    cadence = page.cadence
    initial = {
        "every_weeks": cadence.every_weeks,
        "weekday": cadence.weekday,
        "anchor_on": cadence.anchor,
    }
    context: dict[str, Any] = {
        "page": page,
        "form": form or RhythmForm(initial=initial),
        "channel_form": channel_form or ChannelForm(team=True),
    }
    return render(request, "notify/team_settings.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
@domain_errors
def team_settings(request: HttpRequest, team_id: int) -> HttpResponse:
    user = signed_in(request)
    page = team_settings_page(user, team_id, tz=timezone.get_current_timezone())
    if request.method != "POST":
        return _render(request, page)
    if not page.may_change:
        return error_page(request, Forbidden(message("forbidden"), code="forbidden"))
    form = RhythmForm(request.POST)
    if form.is_valid():
        try:
            team_cadence_update(user=user, team_id=page.team.pk, **form.values())
        except Invalid as error:
            form.refused(error)
        else:
            messages.success(request, _("The team's rhythm is saved."))
            return HttpResponseRedirect(reverse("team_settings", args=[page.team.pk]))
    return _render(request, page, form=form, status=422)


@require_POST
@domain_errors
def team_channel_add(request: HttpRequest, team_id: int) -> HttpResponse:
    user = signed_in(request)
    page = team_settings_page(user, team_id, tz=timezone.get_current_timezone())
    if not page.may_change:
        return error_page(request, Forbidden(message("forbidden"), code="forbidden"))
    form = ChannelForm(request.POST, team=True)
    if form.is_valid():
        try:
            channel_save(user=user, team_id=page.team.pk, **form.values())
        except Invalid as error:
            form.refused(error)
        else:
            messages.success(request, _("The channel is saved. Send a test message to try it."))
            return HttpResponseRedirect(reverse("team_settings", args=[page.team.pk]) + "#channels")
    return _render(request, page, channel_form=form, status=422)
