"""Outgoing webhooks against a real receiver on loopback: each delivery signed per Standard
Webhooks and verified with the `standardwebhooks` library, a failed first delivery retried
after the back-off, the delivery log, and the API (administrators; secrets never shown)."""

from __future__ import annotations

import datetime as dt

import pytest
from standardwebhooks import Webhook

from incheck import clock
from incheck.domain.checkins import Entry
from incheck.notify.jobs.webhooks import deliver_webhooks, scan_calendar_events
from incheck.notify.models import WebhookDelivery, WebhookMessage
from incheck.notify.services.webhooks import endpoint_create, new_secret
from incheck.okrs.models import KeyResult
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.okrs.services.checkout import period_close
from incheck.okrs.services.signals import blocker_resolve
from incheck.okrs.tests.api.helpers import api, assert_error

__all__ = ["api"]

pytestmark = pytest.mark.django_db

SECRET = new_secret()
ALL = [
    "check_in.created",
    "next_up.overdue",
    "blocker.raised",
    "blocker.resolved",
    "key_result.dead",
    "period.closed",
]


@pytest.fixture
def verified(receiver):
    """The receiver verifies every signature with the library and fails the first delivery."""
    seen: list[dict] = []
    webhook = Webhook(SECRET)

    def answer(request):
        payload = webhook.verify(request.body, request.headers)  # raises if the signature is bad
        seen.append({"id": request.headers["webhook-id"], "payload": payload})
        return (503, {}) if len(seen) == 1 else (200, {})

    receiver.answer = answer
    return seen


def a_plan_first(personas):
    """An open Next Up on Alice's KR, written before any endpoint listens: the sittings below
    then leave the KR with a plan (the Next Up rule) and add no check-in of their own."""
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(
                kind="next_up", text="By Friday I will book 2 webinars", due_on=dt.date(2026, 12, 4)
            )
        ],
    )


def test_a_check_in_is_delivered_signed_and_retried_after_a_failure(personas, receiver, verified):
    a_plan_first(personas)
    endpoint = endpoint_create(
        user=personas.ada, url=receiver.url + "/hook", secret=SECRET, events=["check_in.created"]
    )
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[Entry(kind="progress", value=80, text="Two webinars: 20 leads.")],
    )
    now = clock.now()
    first = deliver_webhooks(now=now)
    assert (first.delivered, first.retried) == (0, 1)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("pending", 1, 503)
    assert delivery.next_attempt_at == now + dt.timedelta(minutes=1)
    # Not before its time …
    assert deliver_webhooks(now=now + dt.timedelta(seconds=30)).retried == 0
    # … then again, with the same message id.
    second = deliver_webhooks(now=now + dt.timedelta(minutes=1))
    assert second.delivered == 1
    assert [v["id"] for v in verified] == [delivery.message.msg_id] * 2
    payload = verified[1]["payload"]
    assert payload["type"] == "check_in.created"
    assert payload["data"]["check_in"]["value"] == 80
    assert payload["data"]["key_result"]["url"].endswith(f"/key-results/{personas.kr.pk}/#check-in")
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts, delivery.last_status) == ("delivered", 2, 200)


def test_only_subscribed_endpoints_get_an_event_and_nothing_is_written_without_one(
    personas, receiver
):
    a_plan_first(personas)
    entries = [Entry(kind="progress", value=70, text="More leads.")]
    checkin_sitting_create(actor=personas.alice, key_result_id=personas.kr.pk, entries=entries)
    assert not WebhookMessage.objects.exists()
    endpoint_create(
        user=personas.ada, url=receiver.url + "/p", secret=SECRET, events=["period.closed"]
    )
    checkin_sitting_create(actor=personas.alice, key_result_id=personas.kr.pk, entries=entries)
    assert not WebhookMessage.objects.exists()


def test_blockers_raised_and_resolved_and_a_closed_period_are_events(personas, receiver):
    a_plan_first(personas)
    endpoint_create(user=personas.ada, url=receiver.url + "/all", secret=SECRET, events=ALL)
    sitting = checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[Entry(kind="blocker", text="No budget for ads.", way_around="Ask Lena.")],
    )
    blocker_resolve(
        actor=personas.alice, blocker_id=sitting.check_ins[0].pk, resolution="Lena found budget."
    )
    period_close(actor=personas.lena, period_id=personas.period.pk)
    deliver_webhooks(now=clock.now())
    types = [request.json()["type"] for request in receiver.to("/all")]
    assert types == ["check_in.created", "blocker.raised", "blocker.resolved", "period.closed"]
    resolved = receiver.to("/all")[2].json()["data"]["blocker"]
    assert resolved["resolution"] == "Lena found budget."


def test_overdue_next_ups_and_dead_krs_are_found_once_a_day_and_sent_once(personas, receiver):
    endpoint_create(
        user=personas.ada,
        url=receiver.url + "/cal",
        secret=SECRET,
        events=["next_up.overdue", "key_result.dead"],
    )
    early = dt.datetime(2026, 11, 1, 9, tzinfo=dt.UTC)
    KeyResult.objects.filter(pk=personas.kr.pk).update(created_at=early, changed_at=early)
    clock.freeze(dt.datetime(2026, 11, 2, 9, tzinfo=dt.UTC))
    checkin_sitting_create(
        actor=personas.alice,
        key_result_id=personas.kr.pk,
        entries=[
            Entry(kind="context", text="Why: the pipeline. Baseline 60. Tactic: webinars."),
            Entry(
                kind="next_up",
                text="By Friday I will run one webinar.",
                due_on=dt.date(2026, 11, 20),
            ),
        ],
    )
    later = dt.datetime(2026, 11, 24, 9, tzinfo=dt.UTC)
    clock.freeze(later)
    assert scan_calendar_events(now=later) == 2  # overdue since the 20th; dead after 21 days
    assert scan_calendar_events(now=later + dt.timedelta(hours=3)) == 0  # once a day
    assert scan_calendar_events(now=later + dt.timedelta(days=1)) == 0  # and once each
    deliver_webhooks(now=later)
    assert sorted(r.json()["type"] for r in receiver.to("/cal")) == [
        "key_result.dead",
        "next_up.overdue",
    ]


def test_a_delivery_gives_up_after_the_last_retry(personas, receiver):
    receiver.answer = lambda request: (500, {})
    endpoint = endpoint_create(
        user=personas.ada, url=receiver.url + "/down", secret=SECRET, events=ALL
    )
    period_close(actor=personas.lena, period_id=personas.period.pk)
    now = clock.now()
    for _ in range(20):
        deliver_webhooks(now=now)
        now += dt.timedelta(hours=11)
    delivery = WebhookDelivery.objects.get(endpoint=endpoint)
    assert (delivery.state, delivery.attempts) == ("failed", 8)
    assert len(receiver.to("/down")) == 8


# The API


def test_the_api_manages_webhooks_for_admins_and_never_shows_a_secret(api, personas, receiver):
    body = {"url": receiver.url + "/hook?token=abc", "secret": SECRET, "events": ["period.closed"]}
    assert_error(api.post("/webhooks", body, as_="lena"), 403, "forbidden")
    created = api.post("/webhooks", body, as_="ada")
    assert created.status_code == 201, created.content
    webhook = created.json()
    assert webhook["url_hint"] == receiver.url + "/…"
    text = created.content.decode() + api.get("/webhooks", as_="ada").content.decode()
    assert SECRET not in text and "token=abc" not in text
    path = f"/webhooks/{webhook['id']}"
    assert api.patch(path, {"events": ALL, "active": False}, as_="ada").json()["active"] is False
    assert_error(api.get(path, as_="alice"), 403, "forbidden")
    test = api.post(path + "/test", as_="ada")
    assert test.json()["event_type"] == "webhook.test" and test.json()["state"] == "delivered"
    log = api.get(path + "/deliveries", as_="ada").json()
    assert len(log["items"]) == 1 and log["next"] is None
    assert log["items"][0]["last_status"] == 200
    assert api.call("DELETE", path, as_="ada").status_code == 204
    assert_error(api.get(path, as_="ada"), 404, "not_found")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"url": "ftp://x", "secret": SECRET, "events": ["period.closed"]}, "url"),
        (
            {"url": "http://127.0.0.1/h", "secret": "whsec_short", "events": ["period.closed"]},
            "secret",
        ),
        ({"url": "http://127.0.0.1/h", "secret": "plain", "events": ["period.closed"]}, "secret"),
        ({"url": "http://127.0.0.1/h", "secret": SECRET, "events": []}, "events"),
        (
            {"url": "http://127.0.0.1/h", "secret": SECRET, "events": ["key_result.born"]},
            "events.0",
        ),
        ({"url": "http://127.0.0.1/h", "secret": SECRET}, "events"),
    ],
)
def test_bad_webhook_input_is_a_422_naming_the_field(api, personas, body, field):
    response = api.post("/webhooks", body, as_="ada")
    assert field in assert_error(response, 422)["fields"]
