"""GET,POST /key-results/{id}/check-ins and POST /next-ups/{id}/close."""

from __future__ import annotations

import pytest

from incheck.okrs.models import CheckIn, KeyResult, Period
from incheck.okrs.tests.api.helpers import assert_error, queries
from incheck.testing.factories import CheckInFactory

pytestmark = pytest.mark.django_db

DUE = "2026-12-04"
SITTING = {
    "entries": [
        {"kind": "progress", "value": 94, "text": "Two webinars brought 34 leads"},
        {"kind": "confidence", "level": 7, "text": "Webinars work; will book two more"},
        {
            "kind": "next_up",
            "text": "By Friday I will book 2 webinars",
            "due_on": DUE,
            "expected_value": 120,
        },
    ]
}


def check_ins(kr):
    return CheckIn.objects.filter(key_result=kr).count()


def url(kr):
    return f"/key-results/{kr.pk}/check-ins"


def test_the_owner_checks_in_a_whole_sitting(api, personas):
    response = api.post(url(personas.kr), SITTING)
    assert response.status_code == 201, response.content
    body = response.json()
    assert [c["kind"] for c in body["check_ins"]] == ["progress", "confidence", "next_up"]
    assert len({c["sitting"] for c in body["check_ins"]}) == 1
    assert body["check_ins"][0]["author"]["username"] == "alice"
    assert body["closed_next_up"] is None
    kr = body["key_result"]
    assert kr["current_value"] == 94
    assert kr["confidence"] == 7
    assert kr["open_next_up"]["text"] == "By Friday I will book 2 webinars"
    # No Context written yet: the method asks for the why first.
    assert {"code": "context_due", "severity": "warning"} in kr["health"]
    assert check_ins(personas.kr) == 3


def test_comment_and_plan_are_accepted_for_text(api, personas):
    body = {
        "entries": [
            {"kind": "progress", "value": 80, "comment": "A webinar"},
            {"kind": "next_up", "plan": "By Friday: call 5 leads", "due_on": DUE},
        ]
    }
    response = api.post(url(personas.kr), body)
    assert response.status_code == 201, response.content
    assert [c["text"] for c in response.json()["check_ins"]] == [
        "A webinar",
        "By Friday: call 5 leads",
    ]


def test_the_team_lead_may_check_in_on_alices_kr(api, personas):
    assert api.post(url(personas.kr), SITTING, as_="lena").status_code == 201


def test_a_teammate_may_not_check_in_and_nothing_is_written(api, personas):
    assert_error(api.post(url(personas.kr), SITTING, as_="bob"), 403, "forbidden")
    assert_error(api.post(url(personas.kr), SITTING, as_="charlie"), 403, "forbidden")
    assert check_ins(personas.kr) == 0


def test_without_a_token_it_is_401(api, personas):
    assert_error(api.post(url(personas.kr), SITTING, as_=None), 401, "not_authenticated")
    assert check_ins(personas.kr) == 0


@pytest.mark.parametrize(
    ("raw", "field"),
    [
        ('{"entries":[{"kind":"progress","value":NaN}]}', "entries.0.value"),
        ('{"entries":[{"kind":"progress","value":Infinity}]}', "entries.0.value"),
        ('{"entries":[{"kind":"progress","value":-Infinity}]}', "entries.0.value"),
        ('{"entries":[{"kind":"progress","value":1e999}]}', "entries.0.value"),
        ('{"entries":[{"kind":"progress","value":"lots"}]}', "entries.0.value"),
        ('{"entries":[{"kind":"progress","value":"34"}]}', "entries.0.value"),
        ('{"entries":[{"kind":"progress","value":true}]}', "entries.0.value"),
        ('{"entries":[{"kind":"progress","value":1' + "0" * 400 + "}]}", "entries.0.value"),
        ('{"entries":[{"kind":"confidence","level":7.5}]}', "entries.0.level"),
        ('{"entries":[{"kind":"confidence","level":"high"}]}', "entries.0.level"),
        ('{"entries":[{"kind":"next_up","text":"Call","due_on":"Friday"}]}', "entries.0.due_on"),
        ('{"entries":[{"kind":"gossip","text":"x"}]}', "entries.0.kind"),
        ('{"entries":[{"text":"no kind"}]}', "entries.0.kind"),
        ('{"entries":[{"kind":"progress","value":3,"vaule":4}]}', "entries.0.vaule"),
        ('{"entries":"progress"}', "entries"),
        ('{"entries":[{"kind":"context","text":"a\\u0000b"}]}', "entries.0.text"),
        ('{"entries":[{"kind":"context","text":"\\ud800"}]}', "entries.0.text"),
        ('{"entries":[], "closure": {"status":"maybe","happened":"x"}}', "closure.status"),
        ("[1, 2]", "body"),
    ],
)
def test_wrong_types_are_422_naming_the_field(api, personas, raw, field):
    body = assert_error(api.post(url(personas.kr), raw=raw), 422, "invalid")
    assert field in body["fields"], body
    assert check_ins(personas.kr) == 0


@pytest.mark.parametrize(
    ("entry", "field", "words"),
    [
        ({"kind": "confidence", "level": 11}, "entries.1.level", "0 to 10"),
        ({"kind": "context", "text": "x" * 281}, "entries.1.text", "280"),
        (
            {"kind": "next_up", "text": "Call 5 leads", "due_on": "2026-11-23"},
            "entries.1.due_on",
            "passed",
        ),
    ],
)
def test_broken_rules_are_422_naming_the_entry_and_nothing_is_written(
    api, personas, entry, field, words
):
    sitting = {"entries": [{"kind": "insight", "text": "Webinars beat ads"}, entry]}
    body = assert_error(api.post(url(personas.kr), sitting), 422, "invalid")
    assert words in body["fields"][field]
    assert check_ins(personas.kr) == 0
    assert KeyResult.objects.get(pk=personas.kr.pk).last_check_in_at is None


def test_a_value_on_a_milestone_is_422(api, personas):
    KeyResult.objects.filter(pk=personas.kr.pk).update(kr_type="milestone")
    body = assert_error(
        api.post(url(personas.kr), {"entries": [{"kind": "progress", "value": 1}]}), 422
    )
    assert "entries.0.value" in body["fields"]


def test_reached_on_a_numeric_outcome_is_422_not_500(api, personas):
    sitting = {"entries": [{"kind": "outcome", "value": 150, "reached": True}]}
    body = assert_error(api.post(url(personas.kr), sitting), 422)
    assert "entries.0.reached" in body["fields"]


def test_a_repeated_kind_is_named_where_it_repeats(api, personas):
    sitting = {"entries": [{"kind": "progress", "value": 70}, {"kind": "progress", "value": 80}]}
    body = assert_error(api.post(url(personas.kr), sitting), 422)
    assert "entries.1.kind" in body["fields"]
    assert check_ins(personas.kr) == 0


def test_malformed_json_is_400(api, personas):
    assert_error(api.post(url(personas.kr), raw='{"entries": ['), 400, "malformed")
    assert_error(api.post(url(personas.kr), raw=b"\xff\xfe"), 400, "malformed")


def test_an_oversize_body_is_413_not_500(api, personas, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    raw = '{"entries":[{"kind":"context","text":"' + "x" * 2000 + '"}]}'
    assert_error(api.post(url(personas.kr), raw=raw), 413, "too_large")
    assert check_ins(personas.kr) == 0


def test_a_closed_period_is_409(api, personas, frozen_time):
    Period.objects.filter(pk=personas.period.pk).update(closed_at=frozen_time)
    assert_error(api.post(url(personas.kr), SITTING), 409, "period_closed")
    assert check_ins(personas.kr) == 0


def test_an_unknown_kr_is_404(api, personas):
    assert_error(api.post("/key-results/999999/check-ins", SITTING), 404, "not_found")
    assert_error(api.get("/key-results/999999/check-ins"), 404, "not_found")


def test_a_new_next_up_needs_the_open_one_closed_in_the_same_sitting(api, personas):
    api.post(url(personas.kr), SITTING)
    again = {"entries": [{"kind": "next_up", "text": "By Monday: call 10 leads", "due_on": DUE}]}
    body = assert_error(api.post(url(personas.kr), again), 422)
    assert "closure.status" in body["fields"]
    closed = {
        **again,
        "closure": {"status": "partly", "happened": "Booked one", "learned": "Early"},
    }
    response = api.post(url(personas.kr), closed)
    assert response.status_code == 201, response.content
    assert response.json()["closed_next_up"]["closure"] == "partly"


def test_the_timeline_is_paged_newest_first(api, personas):
    for value in (10, 20, 30):
        CheckInFactory(key_result=personas.kr, value=value)
    body = api.get(url(personas.kr) + "?limit=2", as_="charlie").json()
    assert len(body["items"]) == 2
    assert [c["id"] for c in body["items"]] == sorted(
        (c["id"] for c in body["items"]), reverse=True
    )
    assert body["next"] is not None
    rest = api.follow(body["next"], as_="charlie").json()
    assert len(rest["items"]) == 1 and rest["next"] is None


def test_a_limit_over_200_is_422(api, personas):
    body = assert_error(api.get(url(personas.kr) + "?limit=201"), 422)
    assert "limit" in body["fields"]


def test_the_timeline_reads_the_same_number_of_queries_for_3_or_30(api, personas):
    for _ in range(3):
        CheckInFactory(key_result=personas.kr)
    few, body = queries(api, url(personas.kr))
    assert len(body["items"]) == 3
    for _ in range(27):
        CheckInFactory(key_result=personas.kr)
    many, body = queries(api, url(personas.kr))
    assert len(body["items"]) == 30
    assert few == many


def next_up(personas, **kwargs):
    return CheckInFactory(
        key_result=personas.kr,
        kind="next_up",
        value=None,
        text="By Friday: book 2 webinars",
        due_on=DUE,
        **kwargs,
    )


def test_the_owner_closes_a_next_up(api, personas):
    plan = next_up(personas)
    KeyResult.objects.filter(pk=personas.kr.pk).update(open_next_up=plan)
    response = api.post(
        f"/next-ups/{plan.pk}/close", {"status": "done", "happened": "Booked both", "learned": ""}
    )
    assert response.status_code == 200, response.content
    assert response.json()["closure"] == "done"
    assert KeyResult.objects.get(pk=personas.kr.pk).open_next_up_id is None


def test_a_teammate_may_not_close_alices_next_up(api, personas):
    plan = next_up(personas)
    body = {"status": "done", "happened": "Booked both"}
    assert_error(api.post(f"/next-ups/{plan.pk}/close", body, as_="bob"), 403)
    assert CheckIn.objects.get(pk=plan.pk).closed_at is None


def test_closing_a_closed_next_up_is_409(api, personas, frozen_time):
    plan = next_up(personas, closed_at=frozen_time, closure="done", happened="Done")
    body = {"status": "done", "happened": "Again"}
    assert_error(api.post(f"/next-ups/{plan.pk}/close", body), 409, "next_up_closed")


def test_closing_without_saying_what_happened_is_422(api, personas):
    plan = next_up(personas)
    body = assert_error(api.post(f"/next-ups/{plan.pk}/close", {"status": "done"}), 422)
    assert "happened" in body["fields"]
    body = assert_error(
        api.post(f"/next-ups/{plan.pk}/close", {"status": "done", "happened": " "}), 422
    )
    assert "closure.happened" in body["fields"]


def test_a_sitting_that_leaves_no_next_up_is_refused_until_one_is_chosen(api, personas):
    progress = {"kind": "progress", "value": 70, "text": "Counted the CRM"}
    response = api.post(url(personas.kr), {"entries": [progress]})
    assert_error(response, 422, "invalid")
    assert "Never leave a key result without a Next Up" in response.json()["fields"]["entries"]
    assert check_ins(personas.kr) == 0
    # The recorded choice of no plan this time, with an optional why.
    skip = {"kind": "no_next_up", "text": "Waiting for the board's decision"}
    response = api.post(url(personas.kr), {"entries": [progress, skip]})
    assert response.status_code == 201, response.content
    kinds = [c["kind"] for c in response.json()["check_ins"]]
    assert kinds == ["progress", "no_next_up"]
    timeline = api.get(url(personas.kr)).json()["items"]
    assert {"no_next_up", "progress"} == {item["kind"] for item in timeline}


def test_no_next_up_beside_a_plan_is_named_on_its_entry(api, personas):
    body = {"entries": [*SITTING["entries"], {"kind": "no_next_up"}]}
    response = api.post(url(personas.kr), body)
    assert_error(response, 422, "invalid")
    assert "entries.3.kind" in response.json()["fields"]


def test_the_author_corrects_a_sitting_through_the_api(api, personas):
    sitting = api.post(url(personas.kr), SITTING).json()["sitting"]
    body = {"entries": [{"kind": "progress", "value": 49, "text": "Typo: 49, not 94"}]}
    response = api.patch(f"/sittings/{sitting}", body)
    assert response.status_code == 200, response.content
    result = response.json()
    assert result["key_result"]["current_value"] == 49
    progress = next(c for c in result["check_ins"] if c["kind"] == "progress")
    assert progress["edited_at"] is not None and progress["text"] == "Typo: 49, not 94"
    # A lead may check in on the KR but not rewrite what Alice said.
    assert_error(api.patch(f"/sittings/{sitting}", body, as_="lena"), 403, "forbidden")
    assert_error(api.call("DELETE", f"/sittings/{sitting}", as_="charlie"), 403, "forbidden")


def test_a_correction_that_breaks_a_rule_is_named_on_its_entry(api, personas):
    sitting = api.post(url(personas.kr), SITTING).json()["sitting"]
    body = {"entries": [{"kind": "progress", "value": "NaN"}]}
    assert api.patch(f"/sittings/{sitting}", body).status_code == 422
    body = {"entries": [{"kind": "next_up", "text": "", "due_on": DUE}]}
    fields = assert_error(api.patch(f"/sittings/{sitting}", body), 422, "invalid")["fields"]
    assert "entries.0.text" in fields


def test_the_author_deletes_a_sitting_and_the_kr_is_as_before(api, personas):
    sitting = api.post(url(personas.kr), SITTING).json()["sitting"]
    response = api.call("DELETE", f"/sittings/{sitting}")
    assert response.status_code == 204
    assert check_ins(personas.kr) == 0
    kr = KeyResult.objects.get(pk=personas.kr.pk)
    assert (kr.current_value, kr.confidence, kr.open_next_up_id) == (60, None, None)
    assert_error(api.call("DELETE", f"/sittings/{sitting}"), 404, "not_found")
