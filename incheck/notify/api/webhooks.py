"""The API of outgoing webhooks (administrators): endpoints, their delivery log, a test.

The address and the signing secret are write-only: answers show the address's host only
(``url_hint``) and never the secret.
"""

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import field_validator

from incheck.notify.models import WebhookDelivery, WebhookEndpoint
from incheck.notify.services import webhooks as service
from incheck.notify.services.channels import url_hint
from incheck.okrs.api.context import user_of
from incheck.okrs.api.pagination import Mapped, Page
from incheck.okrs.api.types import Flag, Id, Input, Text

router = Router(tags=["webhooks"])

EventName = Literal[
    "check_in.created",
    "next_up.overdue",
    "blocker.raised",
    "blocker.resolved",
    "key_result.dead",
    "period.closed",
]


class WebhookOut(Schema):
    id: int
    url_hint: str
    events: list[str]
    description: str
    active: bool
    created_at: dt.datetime
    last_success_at: dt.datetime | None
    last_error: str
    last_error_at: dt.datetime | None


class WebhookIn(Input):
    """A new endpoint: its address, a Standard Webhooks signing secret (`whsec_…`, 24 to 64
    bytes), and the events it receives. Address and secret are never shown again."""

    url: Text
    secret: Text
    events: list[EventName]
    description: Text = ""
    active: Flag = True


class WebhookPatch(Input):
    """Only the fields sent change; a new `url` or `secret` replaces the stored one."""

    url: Text | None = None
    secret: Text | None = None
    events: list[EventName] | None = None
    description: Text | None = None
    active: Flag | None = None

    @field_validator("*")
    @classmethod
    def _not_null(cls, value: Any) -> Any:
        if value is None:
            raise ValueError("This field cannot be null.")
        return value


class DeliveryOut(Schema):
    id: int
    msg_id: str
    event_type: str
    state: str
    attempts: int
    last_status: int | None
    last_error: str
    last_attempt_at: dt.datetime | None
    next_attempt_at: dt.datetime | None
    delivered_at: dt.datetime | None
    created_at: dt.datetime


def webhook_out(endpoint: WebhookEndpoint) -> dict[str, Any]:
    return {
        "id": endpoint.pk,
        "url_hint": url_hint(endpoint.url),
        "events": list(endpoint.events or []),
        "description": endpoint.description,
        "active": endpoint.active,
        "created_at": endpoint.created_at,
        "last_success_at": endpoint.last_success_at,
        "last_error": endpoint.last_error,
        "last_error_at": endpoint.last_error_at,
    }


def delivery_out(delivery: WebhookDelivery) -> dict[str, Any]:
    pending = delivery.state == WebhookDelivery.State.PENDING
    return {
        "id": delivery.pk,
        "msg_id": delivery.message.msg_id,
        "event_type": delivery.message.event_type,
        "state": delivery.state,
        "attempts": delivery.attempts,
        "last_status": delivery.last_status,
        "last_error": delivery.last_error,
        "last_attempt_at": delivery.last_attempt_at,
        "next_attempt_at": delivery.next_attempt_at if pending else None,
        "delivered_at": delivery.delivered_at,
        "created_at": delivery.message.created_at,
    }


@router.get("/webhooks", response=list[WebhookOut])
@paginate(Page)
def list_webhooks(request: HttpRequest) -> Mapped:
    """List the outgoing webhooks (administrators)."""
    endpoints = service.endpoints(user=user_of(request))
    return Mapped(endpoints, lambda rows: [webhook_out(e) for e in rows])


@router.post("/webhooks", response={201: WebhookOut})
def create_webhook(request: HttpRequest, payload: WebhookIn) -> Status[dict[str, Any]]:
    """Add an outgoing webhook (administrators)."""
    endpoint = service.endpoint_create(user=user_of(request), **payload.model_dump())
    return Status(201, webhook_out(endpoint))


@router.get("/webhooks/{webhook_id}", response=WebhookOut)
def get_webhook(request: HttpRequest, webhook_id: Id) -> dict[str, Any]:
    """Read an outgoing webhook (administrators)."""
    return webhook_out(service.endpoint_get(user=user_of(request), endpoint_id=webhook_id))


@router.patch("/webhooks/{webhook_id}", response=WebhookOut)
def update_webhook(request: HttpRequest, webhook_id: Id, payload: WebhookPatch) -> dict[str, Any]:
    """Change an outgoing webhook (administrators)."""
    endpoint = service.endpoint_update(
        user=user_of(request), endpoint_id=webhook_id, **payload.model_dump(exclude_unset=True)
    )
    return webhook_out(endpoint)


@router.delete("/webhooks/{webhook_id}", response={204: None})
def delete_webhook(request: HttpRequest, webhook_id: Id) -> Status[None]:
    """Remove an outgoing webhook and its delivery log (administrators)."""
    service.endpoint_delete(user=user_of(request), endpoint_id=webhook_id)
    return Status(204, None)


@router.get("/webhooks/{webhook_id}/deliveries", response=list[DeliveryOut])
@paginate(Page)
def list_webhook_deliveries(request: HttpRequest, webhook_id: Id) -> Mapped:
    """Read an outgoing webhook's delivery log, newest first (administrators)."""
    deliveries = service.deliveries(user=user_of(request), endpoint_id=webhook_id)
    return Mapped(deliveries, lambda rows: [delivery_out(d) for d in rows])


@router.post("/webhooks/{webhook_id}/test", response=DeliveryOut)
def send_webhook_test(request: HttpRequest, webhook_id: Id) -> dict[str, Any]:
    """Send a `webhook.test` message to the endpoint now; the answer is its delivery."""
    return delivery_out(service.endpoint_test(user=user_of(request), endpoint_id=webhook_id))
