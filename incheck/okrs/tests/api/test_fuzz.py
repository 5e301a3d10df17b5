"""Fuzz the API against its own OpenAPI spec: whatever a client sends, never a 5xx, and every
answer is what the document says (status, content type, headers, body schema); a request the
schema refuses is refused, one it allows is not refused for its shape (all schemathesis checks).

schemathesis generates valid and invalid requests for every operation (a bounded, derandomized
number each, so CI is reproducible) and sends them in-process to the WSGI app as Ada, the admin,
so that writes go deep into the services. Ids in paths and bodies are drawn from the rows that
exist as well as anywhere in their range, so both the 2xx and the 404 paths are exercised.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.test import Client
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.config._checks import PositiveDataAcceptanceConfig

from incheck.accounts.services import token_create
from incheck.okrs.models import CheckIn
from incheck.testing.factories import CheckInFactory
from incheck.wsgi import application

MAX_EXAMPLES = 25
_NUMERAL = re.compile(r"[-+]?[0-9]+(\.[0-9]*)?([eE][-+]?[0-9]+)?")

# Every check schemathesis has, named, so that none is left out by accident: its OpenAPI checks
# (response schema conformance and the rest) register only once their module is imported.
load_all_checks()
ALL_CHECKS = CHECKS.get_all()
assert {check.__name__ for check in ALL_CHECKS} >= {
    "not_a_server_error",
    "status_code_conformance",
    "content_type_conformance",
    "response_headers_conformance",
    "response_schema_conformance",
    "negative_data_rejection",
    "positive_data_acceptance",
    "missing_required_header",
    "unsupported_method",
    "use_after_free",
    "ensure_resource_availability",
    "ignored_auth",
}


def _with_known_ids(spec: dict[str, Any], known: dict[str, list[int]]) -> dict[str, Any]:
    """Let every id parameter or field also take the ids of rows that exist."""

    def widen(schema: dict[str, Any], name: str) -> dict[str, Any]:
        ids = known.get(name)
        return {"anyOf": [{"type": "integer", "enum": ids}, schema]} if ids else schema

    for path in spec["paths"].values():
        for operation in path.values():
            for parameter in operation.get("parameters", []):
                parameter["schema"] = widen(parameter["schema"], parameter["name"])
    for component in spec["components"]["schemas"].values():
        for name, field in component.get("properties", {}).items():
            component["properties"][name] = widen(field, name)
    return spec


@pytest.fixture
def api_schema(personas: Any, settings: Any) -> Iterator[Any]:
    # The auth check sends many invalid tokens from one address: throttling would answer 429
    # (test_throttle.py proves it does); here each must be the plain 401.
    settings.AXES_ENABLED = False
    next_up = CheckInFactory(key_result=personas.kr, kind="next_up", value=None, due_on=None)
    blocker = CheckInFactory(key_result=personas.kr, kind="blocker", signal="blocker", value=None)
    CheckInFactory(key_result=personas.kr, kind="insight", signal="insight", value=None)
    people = [personas.alice.pk, personas.bob.pk, personas.lena.pk, personas.charlie.pk]
    teams = [personas.growth.pk, personas.platform.pk]
    known = {
        "period_id": [personas.period.pk],
        "period": [personas.period.pk],
        "objective_id": [personas.objective.pk],
        "objective": [personas.objective.pk],
        "parent_id": [personas.objective.pk],
        "key_result_id": [personas.kr.pk],
        "key_result": [personas.kr.pk],
        "next_up_id": [next_up.pk],
        "blocker_id": [blocker.pk],
        "check_in_id": [next_up.pk, blocker.pk],
        "owner_id": people,
        "owner": people,
        "person": people,
        "team_id": teams,
        "team": teams,
    }
    spec = Client().get("/api/v1/openapi.json").json()
    schema = schemathesis.openapi.from_dict(_with_known_ids(spec, known))
    # The bearer token is ours to send; fuzzing the auth parameters themselves (a session cookie
    # with a NUL in it) reaches the session middleware before the API, see test_api_auth.
    schema.config.generation.update(
        max_examples=MAX_EXAMPLES, deterministic=True, with_security_parameters=False
    )
    schema.app = application
    # A request the schema allows may still break a rule of the method that no schema states
    # (a blank title, a period closed by an earlier case, a Next Up closed already): the API
    # answers those 409 or 422 with the error body, which response_schema_conformance checks.
    schema.config.checks.positive_data_acceptance = PositiveDataAcceptanceConfig(
        expected_statuses=["2xx", "401", "403", "404", "409", "422"]
    )

    @schema.hook
    def filter_path_parameters(context: Any, path_parameters: dict[str, Any] | None) -> bool:
        # The WSGI test client takes a "?" in a path for the start of the query string and a
        # "#" for a fragment: a limit of the transport, not of the app (a real client
        # percent-encodes them).
        values = [str(value) for value in (path_parameters or {}).values()]
        return not any("?" in value or "#" in value for value in values)

    @schema.hook
    def filter_query(context: Any, query: dict[str, Any] | None) -> bool:
        # A query string holds text, or a key repeated for a list of them: a null, an object, a
        # nested list, an empty list (the key is left out) or a list of one (`?team=1`, the same
        # as the one value) cannot be sent as it was generated, so such a "negative" case would
        # reach the app as another request than the one judged. Two values or more are sent, and
        # refused (OnceParser in incheck/api.py). Nor can a text that reads as a boolean or a
        # number ("false", "5"): sent, it is that value, so it is no "wrong type".
        def scalar(value: Any) -> bool:
            if isinstance(value, str):
                return value not in {"true", "false"} and not _NUMERAL.fullmatch(value)
            return isinstance(value, int | float)

        def sendable(value: Any) -> bool:
            if isinstance(value, list):
                return len(value) > 1 and all(scalar(item) for item in value)
            return scalar(value)

        return all(sendable(value) for value in (query or {}).values())

    # Django closes the connection around each request; in a test transaction that would drop
    # the test's data. The test client disconnects the same signals, and reconnects them after
    # each of its own requests: so only now, after the spec was read through it.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield schema
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def admin_token(personas: Any) -> str:
    return token_create(user=personas.ada, name="fuzz")[1]


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.fuzz
@pytest.mark.django_db
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
    # Generated cases only (bounded by max_examples): the coverage phase's boundary cases are
    # unbounded in number and would take minutes.
    phases=[Phase.generate, Phase.shrink],
)
@schema.parametrize()
def test_no_request_is_a_server_error(case: Any, admin_token: str) -> None:
    case.call_and_validate(
        app=application, headers={"Authorization": f"Bearer {admin_token}"}, checks=ALL_CHECKS
    )


# A sitting is the API's richest input: generate plausible ones (valid kinds, edge values) so
# that many pass the schema and reach the service, where the rules decide.
_texts = st.one_of(st.just(""), st.just("By Friday I will call 5 leads"), st.text(max_size=300))
_numbers = st.one_of(st.none(), st.floats(allow_nan=False, allow_infinity=False), st.integers())
_entry = st.one_of(
    st.fixed_dictionaries({"kind": st.just("progress"), "value": _numbers, "text": _texts}),
    st.fixed_dictionaries(
        {"kind": st.just("confidence"), "level": st.integers(-2, 12), "text": _texts}
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("next_up"),
            "text": _texts,
            "due_on": st.dates().map(str),
            "expected_value": _numbers,
        }
    ),
    st.fixed_dictionaries(
        {
            "kind": st.just("outcome"),
            "value": _numbers,
            "reached": st.one_of(st.none(), st.booleans()),
            "score": st.one_of(st.none(), st.floats(-1, 2)),
            "score_reason": _texts,
        }
    ),
    st.fixed_dictionaries(
        {"kind": st.sampled_from(["context", "insight", "blocker"]), "text": _texts},
        optional={"signal": st.sampled_from(["", "insight", "blocker"]), "way_around": _texts},
    ),
)
_closure = st.one_of(
    st.none(),
    st.fixed_dictionaries(
        {
            "status": st.sampled_from(["done", "partly", "not_done", "dropped"]),
            "happened": _texts,
            "learned": _texts,
        }
    ),
)


@pytest.mark.fuzz
@pytest.mark.django_db
@settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(entries=st.lists(_entry, max_size=4), closure=_closure)
def test_a_sitting_is_written_whole_or_not_at_all(
    personas: Any, admin_token: str, entries: list[dict[str, Any]], closure: Any
) -> None:
    before = CheckIn.objects.count()
    response = Client().post(
        f"/api/v1/key-results/{personas.kr.pk}/check-ins",
        json.dumps({"entries": entries, "closure": closure}),
        content_type="application/json",
        headers={"Authorization": f"Bearer {admin_token}"},
    )
    assert response.status_code in {201, 409, 422}, response.content
    written = CheckIn.objects.count() - before
    if response.status_code == 201:
        assert written == len(entries)
    else:
        assert written == 0
        assert set(response.json()) == {"error", "detail", "fields"}
