"""Outgoing webhooks, for administrators: add, change, remove, test; the delivery log.

The signing secret ("whsec_" and base64, as Standard Webhooks has it) and the address are
write-only: the API and the pages never show them again (the address by its host only).
"""

from __future__ import annotations

import base64
import binascii
import re
import secrets
import uuid
from collections.abc import Sequence
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from incheck import clock
from incheck.audit.services import audit_record
from incheck.domain.webhooks import EVENTS, WEBHOOK_TEST
from incheck.errors import Forbidden, Invalid, NotFound
from incheck.notify import events
from incheck.notify.jobs.webhooks import attempt
from incheck.notify.models import WebhookDelivery, WebhookEndpoint
from incheck.notify.services.channels import url_hint, valid_url
from incheck.okrs.services.access import actor_for

SECRET_PREFIX = "whsec_"
SECRET_BYTES = (24, 64)
DESCRIPTION_LIMIT = 200
_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")


def new_secret() -> str:
    """A fresh signing secret: 32 random bytes."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def valid_secret(secret: str) -> bool:
    body = secret.removeprefix(SECRET_PREFIX)
    if not secret.startswith(SECRET_PREFIX) or not _BASE64.fullmatch(body):
        return False
    try:
        raw = base64.b64decode(body + "=" * (-len(body) % 4), validate=True)
    except (binascii.Error, ValueError):
        return False
    return SECRET_BYTES[0] <= len(raw) <= SECRET_BYTES[1]


def _admin(user: AbstractBaseUser) -> None:
    if not actor_for(user).is_admin:
        raise Forbidden(_("Only administrators manage webhooks."), code="forbidden")


def _problems(
    *,
    url: str | None,
    secret: str | None,
    event_types: Sequence[str] | None,
    description: str | None,
) -> dict[str, str]:
    problems: dict[str, str] = {}
    if url is not None and not valid_url(url):
        problems["url"] = _("Give an http or https address.")
    if secret is not None and not valid_secret(secret):
        problems["secret"] = _("A signing secret is whsec_ and 24 to 64 bytes in base64.")
    if event_types is not None:
        unknown = [event for event in event_types if event not in EVENTS]
        if unknown or not event_types:
            problems["events"] = _("Choose one or more of: %(events)s.") % {
                "events": ", ".join(EVENTS)
            }
    if description is not None and len(description) > DESCRIPTION_LIMIT:
        problems["description"] = _("Keep it short: at most %(limit)s characters.") % {
            "limit": DESCRIPTION_LIMIT
        }
    return problems


def _raise(problems: dict[str, str]) -> None:
    if problems:
        raise Invalid(_("Some fields need another look."), code="invalid", fields=problems)


@transaction.atomic
def endpoint_create(
    *,
    user: AbstractBaseUser,
    url: str,
    secret: str,
    events: Sequence[str],
    description: str = "",
    active: bool = True,
) -> WebhookEndpoint:
    """A new endpoint, subscribed to ``events``."""
    _admin(user)
    url, secret, description = url.strip(), secret.strip(), description.strip()
    _raise(_problems(url=url, secret=secret, event_types=events, description=description))
    now = clock.now()
    endpoint = WebhookEndpoint.objects.create(
        url=url,
        secret=secret,
        events=sorted(set(events), key=EVENTS.index),
        description=description,
        active=active,
        created_by_id=user.pk,
        created_at=now,
        updated_at=now,
    )
    _audit(user, "webhook.added", endpoint)
    return endpoint


def _audit(
    user: AbstractBaseUser, action: str, endpoint: WebhookEndpoint, changed: Sequence[str] = ()
) -> None:
    """A webhook's change in the audit log, named by its description or its host: never its
    address or secret (only whether they changed)."""
    details: dict[str, Any] = {
        "url_hint": url_hint(endpoint.url),
        "events": list(endpoint.events or []),
        "active": endpoint.active,
    }
    if action == "webhook.changed":
        details["changed"] = list(changed)
    audit_record(
        actor=user,
        action=action,
        target=endpoint,
        target_name=endpoint.description or url_hint(endpoint.url),
        details=details,
    )


def endpoint_get(*, user: AbstractBaseUser, endpoint_id: int) -> WebhookEndpoint:
    _admin(user)
    endpoint = WebhookEndpoint.objects.filter(pk=endpoint_id).first()
    if endpoint is None:
        raise NotFound(code="not_found")
    return endpoint


@transaction.atomic
def endpoint_update(
    *,
    user: AbstractBaseUser,
    endpoint_id: int,
    url: str | None = None,
    secret: str | None = None,
    events: Sequence[str] | None = None,
    description: str | None = None,
    active: bool | None = None,
) -> WebhookEndpoint:
    """Change what is given (None leaves it); a new URL or secret replaces the old for good."""
    _admin(user)
    endpoint = WebhookEndpoint.objects.select_for_update().filter(pk=endpoint_id).first()
    if endpoint is None:
        raise NotFound(code="not_found")
    url = url.strip() if url else None
    secret = secret.strip() if secret else None
    description = description.strip() if description is not None else None
    _raise(_problems(url=url, secret=secret, event_types=events, description=description))
    before = _audited(endpoint)
    if url is not None:
        endpoint.url = url
        endpoint.last_error = ""
    if secret is not None:
        endpoint.secret = secret
    if events is not None:
        endpoint.events = sorted(set(events), key=EVENTS.index)
    if description is not None:
        endpoint.description = description
    if active is not None:
        endpoint.active = active
    endpoint.updated_at = clock.now()
    endpoint.save()
    after = _audited(endpoint)
    changed = [name for name in after if before[name] != after[name]]
    if changed:
        _audit(user, "webhook.changed", endpoint, changed)
    return endpoint


def _audited(endpoint: WebhookEndpoint) -> dict[str, Any]:
    """What a change to an endpoint is told apart by (compared only: the log names, never
    holds, the address and the secret)."""
    return {
        "url": endpoint.url,
        "secret": endpoint.secret,
        "events": list(endpoint.events or []),
        "description": endpoint.description,
        "active": endpoint.active,
    }


@transaction.atomic
def endpoint_delete(*, user: AbstractBaseUser, endpoint_id: int) -> None:
    """Remove an endpoint with its delivery log."""
    endpoint = endpoint_get(user=user, endpoint_id=endpoint_id)
    _audit(user, "webhook.removed", endpoint)
    endpoint.delete()


def endpoint_test(*, user: AbstractBaseUser, endpoint_id: int) -> WebhookDelivery:
    """Send a ``webhook.test`` message to one endpoint now; it is in the log like any other
    (and retried like any other if it fails)."""
    endpoint = endpoint_get(user=user, endpoint_id=endpoint_id)
    with transaction.atomic():
        message = events.emit(
            WEBHOOK_TEST,
            {"endpoint_id": endpoint.pk, "text": "Incheck test message"},
            endpoints=[endpoint],
        )
    assert message is not None
    now = clock.now()
    # Claimed like the jobs claim it, so a run of `incheck jobs` does not also send it.
    WebhookDelivery.objects.filter(endpoint=endpoint, message=message).update(
        state=WebhookDelivery.State.SENDING, claim=uuid.uuid4(), claimed_at=now
    )
    delivery = WebhookDelivery.objects.select_related("endpoint", "message").get(
        endpoint=endpoint, message=message
    )
    attempt(delivery, now=now)
    delivery.claim = None
    delivery.save()
    delivery.endpoint.save(update_fields=["last_success_at", "last_error", "last_error_at"])
    return delivery


def deliveries(*, user: AbstractBaseUser, endpoint_id: int) -> QuerySet[WebhookDelivery]:
    """An endpoint's delivery log, newest first (unevaluated: the caller pages it)."""
    endpoint = endpoint_get(user=user, endpoint_id=endpoint_id)
    return (
        WebhookDelivery.objects.filter(endpoint=endpoint).select_related("message").order_by("-id")
    )


def endpoints(*, user: AbstractBaseUser) -> QuerySet[WebhookEndpoint]:
    """Every endpoint, oldest first (unevaluated: the caller pages it)."""
    _admin(user)
    return WebhookEndpoint.objects.order_by("id")
