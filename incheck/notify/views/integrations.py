"""Integrations, for administrators: the Slack bot, and outgoing webhooks with their log."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from incheck.errors import Forbidden, Invalid
from incheck.notify.channels.errors import ChannelError
from incheck.notify.forms import SlackTokenForm, WebhookForm
from incheck.notify.models import SlackSettings, WebhookDelivery
from incheck.notify.services import webhooks as service
from incheck.notify.services.channels import url_hint
from incheck.notify.services.slack import slack_token_set, slack_token_test
from incheck.okrs.messages import message
from incheck.okrs.services.access import actor_for
from incheck.okrs.views.common import domain_errors, signed_in

LOG_PAGE = 50

Saved = TypeVar("Saved")


def _admin(request: HttpRequest) -> None:
    if not actor_for(signed_in(request)).is_admin:
        raise Forbidden(message("forbidden"), code="forbidden")


def _page(
    request: HttpRequest,
    *,
    slack_form: SlackTokenForm | None = None,
    webhook_form: WebhookForm | None = None,
    status: int = 200,
) -> HttpResponse:
    slack = SlackSettings.objects.filter(pk=1).first()
    endpoints = list(service.endpoints(user=signed_in(request)))
    context: dict[str, Any] = {
        "slack": slack,
        "slack_from_environment": bool(settings.SLACK_BOT_TOKEN),
        "slack_set": bool(settings.SLACK_BOT_TOKEN or (slack and slack.bot_token)),
        "slack_form": slack_form or SlackTokenForm(),
        "endpoints": [(endpoint, url_hint(endpoint.url)) for endpoint in endpoints],
        "webhook_form": webhook_form
        or WebhookForm(initial={"secret": service.new_secret(), "active": True}),
    }
    return render(request, "notify/integrations.html", context, status=status)


def _saved(
    form: SlackTokenForm | WebhookForm, write: Callable[[dict[str, Any]], Saved]
) -> Saved | None:
    """What the service (`write`, given the form's values) saved, or None when the form or the
    service refused: the service's `Invalid` lands on the form's fields, to show again (422)."""
    if not form.is_valid():
        return None
    try:
        return write(dict(form.cleaned_data))
    except Invalid as error:
        form.refused(error)
        return None


def _back(anchor: str = "") -> HttpResponseRedirect:
    return HttpResponseRedirect(reverse("integrations") + (f"#{anchor}" if anchor else ""))


@require_safe
@domain_errors
def integrations(request: HttpRequest) -> HttpResponse:
    _admin(request)
    return _page(request)


@require_POST
@domain_errors
def slack_save(request: HttpRequest) -> HttpResponse:
    _admin(request)
    form = SlackTokenForm(request.POST)
    saved = _saved(
        form, lambda values: slack_token_set(user=signed_in(request), token=values["token"])
    )
    if saved is not None:
        messages.success(request, _("The Slack bot token is saved."))
        return _back("slack")
    return _page(request, slack_form=form, status=422)


@require_POST
@domain_errors
def slack_test(request: HttpRequest) -> HttpResponse:
    _admin(request)
    try:
        workspace = slack_token_test(user=signed_in(request))
    except ChannelError as error:
        messages.error(request, _("Slack did not accept the token: %(error)s") % {"error": error})
    else:
        messages.success(
            request, _("The bot works in the workspace %(name)s.") % {"name": workspace}
        )
    return _back("slack")


@require_POST
@domain_errors
def webhook_add(request: HttpRequest) -> HttpResponse:
    _admin(request)
    form = WebhookForm(request.POST)
    endpoint = _saved(
        form, lambda values: service.endpoint_create(user=signed_in(request), **values)
    )
    if endpoint is not None:
        messages.success(request, _("The webhook is saved. Send a test message to try it."))
        return HttpResponseRedirect(reverse("webhook_detail", args=[endpoint.pk]))
    return _page(request, webhook_form=form, status=422)


@require_http_methods(["GET", "HEAD", "POST"])
@domain_errors
def webhook_detail(request: HttpRequest, webhook_id: int) -> HttpResponse:
    _admin(request)
    user = signed_in(request)
    endpoint = service.endpoint_get(user=user, endpoint_id=webhook_id)
    form = WebhookForm(
        request.POST if request.method == "POST" else None,
        initial={
            "events": endpoint.events,
            "description": endpoint.description,
            "active": endpoint.active,
        },
    )
    status = 200
    if request.method == "POST":
        status = 422
        # The address and the secret are write-only: left empty, the stored ones stay.
        saved = _saved(
            form,
            lambda values: service.endpoint_update(
                user=user,
                endpoint_id=endpoint.pk,
                **{**values, "url": values["url"] or None, "secret": values["secret"] or None},
            ),
        )
        if saved is not None:
            messages.success(request, _("The webhook is saved."))
            return HttpResponseRedirect(reverse("webhook_detail", args=[endpoint.pk]))
    raw_page = request.GET.get("page", "1")
    number = int(raw_page) if re.fullmatch(r"[0-9]{1,6}", raw_page) else 1
    log = Paginator(service.deliveries(user=user, endpoint_id=endpoint.pk), LOG_PAGE).get_page(
        number
    )
    context = {
        "endpoint": endpoint,
        "hint": url_hint(endpoint.url),
        "form": form,
        "log": log,
        "states": WebhookDelivery.State,
    }
    return render(request, "notify/webhook_detail.html", context, status=status)


@require_POST
@domain_errors
def webhook_test(request: HttpRequest, webhook_id: int) -> HttpResponse:
    _admin(request)
    delivery = service.endpoint_test(user=signed_in(request), endpoint_id=webhook_id)
    if delivery.state == WebhookDelivery.State.DELIVERED:
        messages.success(
            request,
            _("The test message was delivered (%(status)s).") % {"status": delivery.last_status},
        )
    else:
        messages.error(
            request,
            _("The test message failed: %(error)s. It will be tried again.")
            % {"error": delivery.last_error},
        )
    return HttpResponseRedirect(reverse("webhook_detail", args=[webhook_id]))


@require_POST
@domain_errors
def webhook_remove(request: HttpRequest, webhook_id: int) -> HttpResponse:
    _admin(request)
    service.endpoint_delete(user=signed_in(request), endpoint_id=webhook_id)
    messages.success(request, _("The webhook is removed."))
    return _back("webhooks")
