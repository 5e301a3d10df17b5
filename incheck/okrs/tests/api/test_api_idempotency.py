"""`Idempotency-Key` on every POST: a retry returns the first response and writes nothing.

Concurrency (two identical requests at once write once) is in test_concurrency_served.py.
"""

from __future__ import annotations

import datetime as dt
import json
import uuid

import pytest
from django.test import Client

from incheck import clock
from incheck.api import api as ninja_api
from incheck.okrs.messages import message
from incheck.okrs.models import CheckIn, Feedback, IdempotentRequest, Period
from incheck.okrs.tests.api.helpers import BASE, assert_error

pytestmark = pytest.mark.django_db

SITTING = {
    "entries": [
        {"kind": "progress", "value": 94, "text": "Webinar brought 34 leads"},
        {"kind": "no_next_up"},
    ]
}


def post(api, path, body, *, key=None, as_="alice", **headers):
    if key is not None:
        headers["Idempotency-Key"] = key
    headers["Authorization"] = f"Bearer {api.tokens[as_]}"
    return api.client.post(
        BASE + path, json.dumps(body), content_type="application/json", headers=headers
    )


def sitting_path(personas):
    return f"/key-results/{personas.kr.pk}/check-ins"


def test_a_retry_with_the_key_returns_the_first_response_and_writes_nothing(api, personas):
    key = str(uuid.uuid4())
    first = post(api, sitting_path(personas), SITTING, key=key)
    again = post(api, sitting_path(personas), SITTING, key=key)

    assert first.status_code == again.status_code == 201
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert "Idempotent-Replayed" not in first
    assert CheckIn.objects.filter(kind="progress").count() == 1


def test_without_a_key_every_post_writes(api, personas):
    post(api, sitting_path(personas), SITTING)
    post(api, sitting_path(personas), SITTING)
    assert CheckIn.objects.filter(kind="progress").count() == 2


def test_the_same_key_with_another_body_is_422_and_writes_nothing(api, personas):
    key = "retry-1"
    assert post(api, sitting_path(personas), SITTING, key=key).status_code == 201
    other = {
        "entries": [{"kind": "progress", "value": 95, "text": "One more"}, {"kind": "no_next_up"}]
    }
    body = assert_error(post(api, sitting_path(personas), other, key=key), 422)
    assert body["error"] == "idempotency_key_reused"
    assert body["fields"] == {"Idempotency-Key": message("idempotency_key_reused")}
    # Another path with the key is another request too.
    period = {"name": "2027 Q1", "start_on": "2027-01-01", "end_on": "2027-03-31"}
    assert_error(post(api, "/periods", period, key=key, as_="alice"), 422)
    assert CheckIn.objects.filter(kind="progress").count() == 1
    assert not Period.objects.filter(name="2027 Q1").exists()


def test_a_key_belongs_to_its_user(api, personas):
    feedback = {"key_result_id": personas.kr.pk, "signal": "continue", "text": "Good call"}
    assert post(api, "/feedback", feedback, key="k", as_="bob").status_code == 201
    assert post(api, "/feedback", feedback, key="k", as_="lena").status_code == 201
    assert Feedback.objects.count() == 2


def test_a_key_is_remembered_24_hours_and_then_forgotten(api, personas, frozen_time):
    key = "weekly-script-2026-11-24"
    post(api, sitting_path(personas), SITTING, key=key)
    clock.freeze(frozen_time + dt.timedelta(hours=23, minutes=59))
    assert post(api, sitting_path(personas), SITTING, key=key)["Idempotent-Replayed"] == "true"
    assert CheckIn.objects.filter(kind="progress").count() == 1

    clock.freeze(frozen_time + dt.timedelta(hours=24, minutes=1))
    again = post(api, sitting_path(personas), SITTING, key=key)
    assert again.status_code == 201
    assert "Idempotent-Replayed" not in again
    assert CheckIn.objects.filter(kind="progress").count() == 2
    # The old record was cleaned, the new one is the only one left.
    assert list(IdempotentRequest.objects.values_list("created_at", flat=True)) == [clock.now()]


def test_expired_keys_of_everyone_are_cleaned(api, personas, frozen_time):
    feedback = {"key_result_id": personas.kr.pk, "signal": "consider", "text": "Try a partner"}
    post(api, "/feedback", feedback, key="a", as_="bob")
    post(api, "/feedback", feedback, key="b", as_="charlie")
    assert IdempotentRequest.objects.count() == 2
    clock.freeze(frozen_time + dt.timedelta(days=2))
    post(api, "/feedback", feedback, key="c", as_="lena")
    assert list(IdempotentRequest.objects.values_list("key", flat=True)) == ["c"]


def test_an_error_is_replayed_too(api, personas, frozen_time):
    Period.objects.filter(pk=personas.period.pk).update(closed_at=frozen_time)
    first = post(api, sitting_path(personas), SITTING, key="late")
    assert_error(first, 409, "period_closed")
    Period.objects.filter(pk=personas.period.pk).update(closed_at=None)
    again = post(api, sitting_path(personas), SITTING, key="late")
    assert again.status_code == 409
    assert again["Idempotent-Replayed"] == "true"
    assert CheckIn.objects.count() == 0


def test_a_server_error_is_not_remembered_so_the_retry_runs(api, personas, monkeypatch):
    from incheck.okrs.api import feedback as feedback_api

    real = feedback_api.feedback_create

    def broken(**kwargs):
        real(**kwargs)
        raise RuntimeError("a bug after the write")

    monkeypatch.setattr(feedback_api, "feedback_create", broken)
    api.client = Client(raise_request_exception=False)
    feedback = {"key_result_id": personas.kr.pk, "signal": "continue", "text": "Good call"}
    assert post(api, "/feedback", feedback, key="k", as_="bob").status_code == 500
    # The bug's write went with the key: nothing is half done.
    assert Feedback.objects.count() == 0
    assert IdempotentRequest.objects.count() == 0
    monkeypatch.setattr(feedback_api, "feedback_create", real)
    assert post(api, "/feedback", feedback, key="k", as_="bob").status_code == 201
    assert Feedback.objects.count() == 1


@pytest.mark.parametrize("key", ["", " ", "x" * 256, "naïve", "two words", "tab\tkey"])
def test_a_malformed_key_is_422_naming_the_header(api, personas, key):
    body = assert_error(post(api, sitting_path(personas), SITTING, key=key), 422, "invalid")
    assert body["fields"] == {"Idempotency-Key": message("idempotency_key_invalid")}
    assert CheckIn.objects.count() == 0


def test_a_key_without_credentials_is_still_401(api, personas):
    response = Client().post(
        BASE + sitting_path(personas),
        json.dumps(SITTING),
        content_type="application/json",
        headers={"Idempotency-Key": "anonymous"},
    )
    assert_error(response, 401, "not_authenticated")
    assert IdempotentRequest.objects.count() == 0


def test_every_post_of_the_api_documents_the_header():
    schema = ninja_api.get_openapi_schema()
    posts = [
        (path, operation)
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
        if method == "post"
    ]
    assert len(posts) >= 10
    for path, operation in posts:
        names = [parameter["name"] for parameter in operation.get("parameters", [])]
        assert names.count("Idempotency-Key") == 1, path
