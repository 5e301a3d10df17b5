"""The habit loop's forms on the profile page: nudges, chat channels, the calendar feed.

Each form posts here and comes back to the profile (a form with errors is shown again with
them, and nothing is saved).
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incheck.accounts.views import profile_page
from incheck.errors import Invalid
from incheck.notify.forms import ChannelForm, NudgeForm
from incheck.notify.services.channels import channel_save, own_email_test
from incheck.notify.services.preferences import (
    calendar_token_regenerate,
    calendar_token_revoke,
    nudge_preferences_update,
)
from incheck.okrs.views.common import domain_errors, signed_in


def back(anchor: str) -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("profile") + f"#{anchor}")


@require_POST
@domain_errors
def nudges_save(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    form = NudgeForm(request.POST)
    if form.is_valid():
        try:
            nudge_preferences_update(user=user, **form.values())
        except Invalid as error:
            form.refused(error)
        else:
            messages.success(request, _("Your nudges are saved."))
            return back("nudges")
    return profile_page(request, nudge_form=form, status=422)


@require_POST
@domain_errors
def channel_add(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    form = ChannelForm(request.POST, team=False)
    if form.is_valid():
        try:
            channel_save(user=user, **form.values())
        except Invalid as error:
            form.refused(error)
        else:
            messages.success(request, _("The channel is saved. Send a test message to try it."))
            return back("channels")
    return profile_page(request, channel_form=form, status=422)


@require_POST
@domain_errors
def email_test(request: HttpRequest) -> HttpResponse:
    outcome = own_email_test(user=signed_in(request))
    if outcome.ok:
        messages.success(request, _("A test message went to your e-mail address."))
    else:
        messages.error(request, _("The test message failed: %(error)s") % {"error": outcome.error})
    return back("nudges")


@require_POST
@domain_errors
def calendar_change(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    if request.POST.get("action") == "revoke":
        calendar_token_revoke(user=user)
        messages.success(request, _("The calendar address is turned off: it no longer works."))
    else:
        calendar_token_regenerate(user=user)
        messages.success(
            request, _("Your calendar has a new secret address; the old one stops working.")
        )
    return back("calendar")
