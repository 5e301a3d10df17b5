"""Auth and the error body across the API: tokens, sessions, unknown paths, the spec itself."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from incheck.accounts.services import token_revoke
from incheck.okrs.models import CheckIn
from incheck.okrs.tests.api.helpers import BASE, assert_error

pytestmark = pytest.mark.django_db

READS = ["/me", "/teams", "/periods", "/objectives", "/key-results", "/blockers", "/insights"]


@pytest.mark.parametrize("path", READS)
def test_every_read_needs_a_token(api, personas, path):
    assert_error(api.get(path, as_=None), 401, "not_authenticated")


@pytest.mark.parametrize(
    "token", ["garbage", "inc_" + "x" * 43, "inc_", "Bearer inc_x", "x" * 5000, "inc_\u00e5"]
)
def test_a_garbage_token_is_401(api, personas, token):
    response = api.get("/me", token=token)
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_revoked_token_is_401(api, personas):
    assert api.get("/me").status_code == 200
    token_revoke(prefix=api.tokens["alice"][:12])
    assert_error(api.get("/me"), 401)


def test_an_inactive_users_token_is_401(api, personas):
    personas.alice.is_active = False
    personas.alice.save()
    assert_error(api.get("/me"), 401)


def test_a_token_of_another_scheme_is_401(api, personas):
    response = api.client.get(
        BASE + "/me", headers={"Authorization": f"Token {api.tokens['alice']}"}
    )
    assert_error(response, 401)


def test_the_signed_in_session_may_read(personas):
    client = Client()
    client.force_login(personas.alice)
    response = client.get(BASE + "/me")
    assert response.status_code == 200
    assert response.json()["username"] == "alice"


def test_the_session_may_not_write_without_the_csrf_token(personas):
    client = Client(enforce_csrf_checks=True)
    client.force_login(personas.alice)
    body = '{"entries": [{"kind": "insight", "text": "Webinars beat ads"}]}'
    response = client.post(
        f"{BASE}/key-results/{personas.kr.pk}/check-ins", body, content_type="application/json"
    )
    assert_error(response, 403, "forbidden")
    assert CheckIn.objects.count() == 0


def writes() -> list[tuple[str, str]]:
    """Every write of the API, with its path's ids filled in (1)."""
    from incheck.api import api as ninja_api

    schema = ninja_api.get_openapi_schema()
    return [
        (method, re.sub(r"\{[^}]+\}", "1", path).removeprefix(BASE))
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"post", "put", "patch", "delete"}
    ]


@pytest.mark.parametrize(("method", "path"), writes())
def test_a_write_without_credentials_is_401_not_a_csrf_403(personas, method, path):
    client = Client(enforce_csrf_checks=True)  # as a browser or a script without a token
    response = getattr(client, method)(BASE + path, "{}", content_type="application/json")
    assert_error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert CheckIn.objects.count() == 0


@pytest.mark.parametrize("path", ["/nowhere", "/key-results/1/nowhere", "/api/v2/me"])
def test_an_unknown_path_is_a_json_404(api, personas, path):
    assert_error(api.get(path), 404, "not_found")


def test_an_id_past_the_database_range_is_422_not_500(api, personas):
    assert_error(api.get("/key-results/99999999999999999999999"), 422)
    assert_error(api.get("/objectives?owner=99999999999999999999"), 422)


def test_errors_follow_the_profile_language(api, personas):
    personas.alice.profile.language = "sv"
    personas.alice.profile.save()
    response = api.get("/periods/999999")
    assert_error(response, 404)
    assert response["Content-Language"] == "sv"


def test_the_spec_is_public_and_every_operation_is_named_and_summarised(client):
    response = client.get(BASE + "/openapi.json")
    assert response.status_code == 200
    spec = response.json()
    operations = [op for path in spec["paths"].values() for op in path.values()]
    assert len(operations) >= 20
    for operation in operations:
        assert re.fullmatch(
            r"(get|list|create|update|delete|send|close|carry|resolve|review|invite|hand|add|remove|import)_[a-z_]+",
            operation["operationId"],
        ), operation["operationId"]
        summary = operation["summary"]
        assert summary.endswith(".") and summary[0].isupper(), summary
        assert "422" in operation["responses"] and "401" in operation["responses"]


def test_the_check_in_kinds_and_their_fields_are_in_the_spec(client):
    schemas = client.get(BASE + "/openapi.json").json()["components"]["schemas"]
    assert set(schemas["NextUpEntry"]["properties"]) >= {"text", "due_on", "expected_value"}
    assert set(schemas["ConfidenceEntry"]["properties"]) >= {"level", "text"}
    assert set(schemas["ProgressEntry"]["properties"]) >= {"value", "reached", "text"}
    assert schemas["ProgressEntry"]["additionalProperties"] is False


def test_the_docs_page_answers(personas):
    client = Client()
    client.force_login(personas.alice)
    assert client.get(BASE + "/docs").status_code == 200


def test_a_wrong_method_on_a_known_path_is_405_with_the_error_body(api, personas):
    response = api.call("DELETE", f"/key-results/{personas.kr.pk}")
    body = assert_error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"] and "PATCH" in response["Allow"]
    assert "GET" in body["detail"]
