"""POST /feedback: continue / consider on someone else's KR."""

from __future__ import annotations

import pytest

from incheck.okrs.models import Feedback
from incheck.okrs.tests.api.helpers import assert_error

pytestmark = pytest.mark.django_db


def test_the_lead_gives_feedback_on_alices_kr(api, personas):
    body = {"key_result_id": personas.kr.pk, "signal": "continue", "text": "Webinars work"}
    response = api.post("/feedback", body, as_="lena")
    assert response.status_code == 201, response.content
    assert response.json()["author"]["username"] == "lena"
    assert response.json()["signal"] == "continue"
    assert Feedback.objects.count() == 1


def test_nobody_gives_feedback_on_their_own_kr(api, personas):
    body = {"key_result_id": personas.kr.pk, "signal": "continue", "text": "Great job, me"}
    assert_error(api.post("/feedback", body, as_="alice"), 403, "feedback_on_own")
    assert Feedback.objects.count() == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"signal": "stop"}, "signal"),
        ({"text": "x" * 281}, "text"),
        ({"text": ""}, "text"),
        ({"check_in_id": 999999}, "check_in"),
        ({"key_result_id": "two"}, "key_result_id"),
    ],
)
def test_bad_feedback_is_422_naming_the_field(api, personas, change, field):
    body = {"key_result_id": personas.kr.pk, "signal": "consider", "text": "Try ads", **change}
    assert field in assert_error(api.post("/feedback", body, as_="bob"), 422)["fields"]
    assert Feedback.objects.count() == 0


def test_feedback_on_an_unknown_kr_is_404(api, personas):
    body = {"key_result_id": 999999, "signal": "consider", "text": "Try ads"}
    assert_error(api.post("/feedback", body, as_="bob"), 404)


def test_feedback_is_listed_newest_first_by_key_result_in_bounded_queries(api, personas):
    for text in ("Webinars work", "Try the partner channel"):
        body = {"key_result_id": personas.kr.pk, "signal": "consider", "text": text}
        assert api.post("/feedback", body, as_="lena").status_code == 201
    response = api.get(f"/feedback?key_result={personas.kr.pk}", as_="charlie")
    assert response.status_code == 200
    body = response.json()
    assert len(body["items"]) == 2
    assert [item["text"] for item in body["items"]] == ["Try the partner channel", "Webinars work"]
    assert api.get("/feedback?author=999").json()["items"] == []


def test_reading_feedback_needs_a_token(api, personas):
    assert_error(api.get("/feedback", as_=None), 401)
