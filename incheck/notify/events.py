"""Events for outgoing webhooks, written in the same transaction as what caused them.

A service that changes something an integration may follow calls ``emit`` (or one of the
helpers below) inside its transaction: the message and one pending delivery per subscribed
endpoint are written with the change, or not at all (an outbox). ``incheck jobs`` delivers
them. With no endpoint subscribed this costs one query and writes nothing.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import IntegrityError, transaction

from incheck import clock
from incheck.domain import webhooks as events
from incheck.notify.content.links import check_in_url
from incheck.notify.models import WebhookDelivery, WebhookEndpoint, WebhookMessage
from incheck.prepared import Prepared


def _iso(value: dt.datetime | dt.date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")
    return value.isoformat()


def new_message_id() -> str:
    return f"msg_{uuid.uuid4().hex}"


# Built once a process (`incheck.prepared`): each check-in sitting asks it.
_ACTIVE_ENDPOINTS = Prepared(lambda: WebhookEndpoint.objects.filter(active=True))


def subscribers(event_type: str) -> list[WebhookEndpoint]:
    """The active endpoints that subscribe to an event (one query; endpoints are few)."""
    return [endpoint for endpoint in _ACTIVE_ENDPOINTS() if event_type in (endpoint.events or [])]


def emit(
    event_type: str,
    data: dict[str, Any],
    *,
    dedupe_key: str | None = None,
    endpoints: list[WebhookEndpoint] | None = None,
) -> WebhookMessage | None:
    """Record an event for every endpoint that subscribes to it; None when none does, or when
    an event with the same ``dedupe_key`` was recorded already."""
    targets = subscribers(event_type) if endpoints is None else endpoints
    if not targets:
        return None
    now = clock.now()
    payload = {"type": event_type, "timestamp": _iso(now), "data": data}
    try:
        with transaction.atomic():
            message = WebhookMessage.objects.create(
                msg_id=new_message_id(),
                event_type=event_type,
                dedupe_key=dedupe_key,
                payload=payload,
                created_at=now,
            )
    except IntegrityError:
        return None  # found by another run already
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(endpoint=endpoint, message=message, next_attempt_at=now)
        for endpoint in targets
    )
    return message


def key_result_data(kr: Any) -> dict[str, Any]:
    return {"id": kr.pk, "title": kr.title, "owner_id": kr.owner_id, "url": check_in_url(kr.pk)}


def check_in_data(check_in: Any) -> dict[str, Any]:
    return {
        "id": check_in.pk,
        "kind": check_in.kind,
        "key_result_id": check_in.key_result_id,
        "author_id": check_in.author_id,
        "created_at": _iso(check_in.created_at),
        "sitting": str(check_in.sitting),
        "text": check_in.text,
        "signal": check_in.signal,
        "value": check_in.value,
        "reached": check_in.reached,
        "level": check_in.level,
        "due_on": _iso(check_in.due_on),
        "expected_value": check_in.expected_value,
        "way_around": check_in.way_around,
    }


def check_ins_created(check_ins: Iterable[Any], key_result: Any) -> None:
    """A sitting's check-ins: ``check_in.created`` each, ``blocker.raised`` for a blocker."""
    check_ins = list(check_ins)
    created = subscribers(events.CHECK_IN_CREATED)
    raised = (
        subscribers(events.BLOCKER_RAISED) if any(c.signal == "blocker" for c in check_ins) else []
    )
    kr = key_result_data(key_result)
    for check_in in check_ins:
        if created:
            emit(
                events.CHECK_IN_CREATED,
                {"check_in": check_in_data(check_in), "key_result": kr},
                endpoints=created,
            )
        if check_in.signal == "blocker" and raised:
            emit(
                events.BLOCKER_RAISED,
                {"blocker": check_in_data(check_in), "key_result": kr},
                endpoints=raised,
            )


def blocker_resolved(blocker: Any, key_result: Any) -> None:
    data = check_in_data(blocker)
    data.update(
        resolution=blocker.resolution,
        resolved_at=_iso(blocker.resolved_at),
        resolved_by_id=blocker.resolved_by_id,
    )
    emit(events.BLOCKER_RESOLVED, {"blocker": data, "key_result": key_result_data(key_result)})


def period_closed(period: Any) -> None:
    emit(
        events.PERIOD_CLOSED,
        {
            "period": {
                "id": period.pk,
                "name": period.name,
                "start_on": _iso(period.start_on),
                "end_on": _iso(period.end_on),
                "closed_at": _iso(period.closed_at),
                "closed_by_id": period.closed_by_id,
            }
        },
    )
