"""A channel's buttons: send a test message, remove. Back to where the channel lives."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incheck.notify.models import Channel
from incheck.notify.services.channels import channel_delete, channel_test
from incheck.okrs.views.common import domain_errors, signed_in


def home(channel_team_id: int | None) -> HttpResponseRedirect:
    if channel_team_id is None:
        return HttpResponseRedirect(reverse("profile") + "#channels")
    return HttpResponseRedirect(reverse("team_settings", args=[channel_team_id]) + "#channels")


def _team_of(channel_id: int) -> int | None:
    return Channel.objects.filter(pk=channel_id).values_list("team_id", flat=True).first()


@require_POST
@domain_errors
def channel_test_send(request: HttpRequest, channel_id: int) -> HttpResponse:
    outcome = channel_test(user=signed_in(request), channel_id=channel_id)
    if outcome.ok:
        messages.success(
            request,
            _("The test message went out. Look for it in %(channel)s.")
            % {"channel": outcome.channel.get_kind_display() if outcome.channel else ""},
        )
    else:
        messages.error(request, _("The test message failed: %(error)s") % {"error": outcome.error})
    return home(outcome.channel.team_id if outcome.channel else None)


@require_POST
@domain_errors
def channel_remove(request: HttpRequest, channel_id: int) -> HttpResponse:
    team_id = _team_of(channel_id)
    channel_delete(user=signed_in(request), channel_id=channel_id)
    messages.success(request, _("The channel is removed."))
    return home(team_id)
