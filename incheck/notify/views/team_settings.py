"""A team's settings page (leads and admins change it; everyone signed in reads it)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from incheck.accounts.rhythm import team_cadence_update
from incheck.errors import Forbidden, Invalid
from incheck.notify.forms import RhythmForm
from incheck.notify.selectors.team_settings import team_settings_page
from incheck.okrs.messages import message
from incheck.okrs.views.common import domain_errors, error_page, signed_in


@require_http_methods(["GET", "HEAD", "POST"])
@domain_errors
def team_settings(request: HttpRequest, team_id: int) -> HttpResponse:
    user = signed_in(request)
    page = team_settings_page(user, team_id, tz=timezone.get_current_timezone())
    cadence = page.cadence
    initial = {
        "every_weeks": cadence.every_weeks,
        "weekday": cadence.weekday,
        "anchor_on": cadence.anchor,
    }
    form = RhythmForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if not page.may_change:
            return error_page(request, Forbidden(message("forbidden"), code="forbidden"))
        status = 422
        if form.is_valid():
            try:
                team_cadence_update(user=user, team_id=page.team.pk, **form.values())
            except Invalid as error:
                form.add_service_errors(error.fields, error.detail)
            else:
                messages.success(request, _("The team's rhythm is saved."))
                return HttpResponseRedirect(reverse("team_settings", args=[page.team.pk]))
    return render(request, "notify/team_settings.html", {"page": page, "form": form}, status=status)
