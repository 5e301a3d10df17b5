"""Delivering webhook messages (signed per Standard Webhooks, retried with back-off), and the
daily scan for the events that happen by the calendar: an overdue Next Up, a KR gone dead.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from dataclasses import dataclass

from django.db.models import F, Q
from django.utils import timezone
from standardwebhooks import Webhook

from incheck import clock
from incheck.domain import webhooks as rules
from incheck.domain.cadence import DEFAULT_CADENCE, NEXT_UP_DUE, DueFacts, due_reasons
from incheck.notify import events
from incheck.notify.channels.errors import ChannelError
from incheck.notify.channels.http import post_json
from incheck.notify.jobs.claims import claim_due
from incheck.notify.jobs.planning import claim_day
from incheck.notify.models import WebhookDelivery, WebhookEndpoint
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.selectors.health import key_result_rows
from incheck.okrs.selectors.scopes import not_archived

logger = logging.getLogger("incheck.notify")

BATCH = 200


@dataclass
class DeliveryReport:
    delivered: int = 0
    retried: int = 0
    failed: int = 0


def signed_headers(secret: str, msg_id: str, body: str) -> dict[str, str]:
    """The three Standard Webhooks headers. The timestamp is the wall clock's, not the app's
    (``incheck.clock`` may be moved for the demo or the tests): receivers check it against
    theirs to refuse replays."""
    sent_at = timezone.now().astimezone(dt.UTC)
    signature = Webhook(secret).sign(msg_id=msg_id, timestamp=sent_at, data=body)
    return {
        "webhook-id": msg_id,
        "webhook-timestamp": str(int(sent_at.timestamp())),
        "webhook-signature": signature,
    }


def attempt(delivery: WebhookDelivery, *, now: dt.datetime) -> bool:
    """One try; the delivery and its endpoint are updated in memory (saved by the caller)."""
    endpoint, message = delivery.endpoint, delivery.message
    body = json.dumps(message.payload, ensure_ascii=False, separators=(",", ":"))
    delivery.attempts += 1
    delivery.last_attempt_at = now
    try:
        answer = post_json(
            endpoint.url,
            None,
            body=body,
            headers=signed_headers(endpoint.secret, message.msg_id, body),
        )
    except ChannelError as error:
        status = getattr(error.__cause__, "code", None)
        delivery.last_status = status if isinstance(status, int) else None
        delivery.last_error = str(error)
    else:
        delivery.last_status = answer.status
        delivery.last_error = ""
        if rules.is_success(answer.status):
            delivery.state = WebhookDelivery.State.DELIVERED
            delivery.delivered_at = now
            endpoint.last_success_at = now
            return True
        delivery.last_error = f"the server answered {answer.status}"
    wait = rules.retry_after(delivery.attempts)
    if wait is None:
        delivery.state = WebhookDelivery.State.FAILED
    else:
        delivery.state = WebhookDelivery.State.PENDING
        delivery.next_attempt_at = now + wait
    endpoint.last_error = delivery.last_error
    endpoint.last_error_at = now
    logger.warning(
        "webhook %s to endpoint %s failed (attempt %s): %s",
        message.msg_id,
        endpoint.pk,
        delivery.attempts,
        delivery.last_error,
    )
    return False


def deliver_webhooks(*, now: dt.datetime) -> DeliveryReport:
    """Try each delivery whose time has come (one batch), claimed so only one run tries it."""
    report = DeliveryReport()
    claim, ids = claim_due(
        WebhookDelivery, now=now, limit=BATCH, due_field="next_attempt_at", planned="pending"
    )
    if not ids:
        return report
    deliveries = list(
        WebhookDelivery.objects.filter(claim=claim)
        .select_related("endpoint", "message")
        .order_by("next_attempt_at", "id")  # events in the order they happened
    )
    endpoints: dict[int, WebhookEndpoint] = {}
    for delivery in deliveries:
        # One endpoint object per endpoint, so its last success or error is the latest.
        delivery.endpoint = endpoints.setdefault(delivery.endpoint_id, delivery.endpoint)
        if not delivery.endpoint.active:
            delivery.state = WebhookDelivery.State.FAILED
            delivery.last_error = "the endpoint is off"
            report.failed += 1
            continue
        if attempt(delivery, now=now):
            report.delivered += 1
        elif delivery.state == WebhookDelivery.State.FAILED:
            report.failed += 1
        else:
            report.retried += 1
        delivery.claim = None
    WebhookDelivery.objects.bulk_update(
        deliveries,
        [
            "state",
            "attempts",
            "next_attempt_at",
            "claim",
            "last_attempt_at",
            "last_status",
            "last_error",
            "delivered_at",
        ],
        batch_size=200,
    )
    WebhookEndpoint.objects.bulk_update(
        list(endpoints.values()), ["last_success_at", "last_error", "last_error_at"]
    )
    return report


def scan_calendar_events(*, now: dt.datetime) -> int:
    """Once a day: ``next_up.overdue`` for each Next Up whose date passed yesterday or before
    (within a week, so turning webhooks on does not replay a quarter), ``key_result.dead`` for
    each KR that died since it last checked in. Each is sent once (by its dedupe key)."""
    tz = clock.zone(None)
    today = now.astimezone(tz).date()
    overdue_hooks = events.subscribers(rules.NEXT_UP_OVERDUE)
    dead_hooks = events.subscribers(rules.KEY_RESULT_DEAD)
    if not (overdue_hooks or dead_hooks) or not claim_day("webhook_scan", today):
        return 0
    found = 0
    # Running, and in use: an archived KR's overdue plan or silence is no event.
    running = Q(key_result__objective__period__closed_at__isnull=True) & not_archived(
        key_result="key_result"
    )
    if overdue_hooks:
        overdue = (
            CheckIn.objects.filter(running, kind=CheckIn.Kind.NEXT_UP, closure="")
            .filter(due_on__lt=today, due_on__gte=today - dt.timedelta(days=7))
            .filter(key_result__open_next_up_id=F("pk"))
            .select_related("key_result__objective__period")
        )
        for next_up in overdue:
            kr = next_up.key_result
            period = kr.objective.period
            facts = DueFacts(
                last_check_in_on=clock.local_date(kr.last_check_in_at, tz),
                created_on=clock.local_date(kr.created_at, tz) or period.start_on,
                period_start=period.start_on,
                period_end=period.end_on,
                period_closed=period.is_closed,
                next_up_due_on=next_up.due_on,
                next_up_created_on=clock.local_date(next_up.created_at, tz),
            )
            # Overdue is "due" (domain.cadence) on a day after its date: not followed up.
            if NEXT_UP_DUE not in due_reasons(DEFAULT_CADENCE, facts, today=today):
                continue
            message = events.emit(
                rules.NEXT_UP_OVERDUE,
                {
                    "next_up": events.check_in_data(next_up),
                    "key_result": events.key_result_data(kr),
                },
                dedupe_key=f"{rules.NEXT_UP_OVERDUE}:{next_up.pk}",
                endpoints=overdue_hooks,
            )
            found += message is not None
    if dead_hooks:
        rows = key_result_rows(
            KeyResult.objects.filter(
                not_archived(),
                objective__period__closed_at__isnull=True,
                objective__period__start_on__lte=today,
                objective__period__end_on__gte=today,
            ),
            tz=tz,
        )
        for row in rows:
            if "dead" not in row.codes:
                continue
            kr = row.kr
            since = events._iso(kr.last_check_in_at) or "never"
            message = events.emit(
                rules.KEY_RESULT_DEAD,
                {
                    "key_result": {
                        **events.key_result_data(kr),
                        "last_check_in_at": events._iso(kr.last_check_in_at),
                    }
                },
                dedupe_key=f"{rules.KEY_RESULT_DEAD}:{kr.pk}:{since}",
                endpoints=dead_hooks,
            )
            found += message is not None
    return found
