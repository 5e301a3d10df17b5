"""An API client for tests: a persona's bearer token and the one error body checked."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from incheck.accounts.services import token_create

BASE = "/api/v1"


@dataclass
class Api:
    client: Client
    tokens: dict[str, str]

    def call(
        self,
        method: str,
        path: str,
        body: Any = None,
        *,
        as_: str | None = "alice",
        raw: str | bytes | None = None,
        token: str | None = None,
    ) -> Any:
        """Call `path` (under /api/v1) as a persona; `raw` sends the body as is."""
        headers = {}
        bearer = token if token is not None else (self.tokens[as_] if as_ else None)
        if bearer is not None:
            headers["Authorization"] = f"Bearer {bearer}"
        data = raw if raw is not None else (json.dumps(body) if body is not None else None)
        kwargs: dict[str, Any] = {"headers": headers}
        if data is not None:
            kwargs.update(data=data, content_type="application/json")
        return getattr(self.client, method.lower())(BASE + path, **kwargs)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.call("GET", path, **kwargs)

    def post(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.call("POST", path, body, **kwargs)

    def follow(self, url: str, **kwargs: Any) -> Any:
        """GET a `next` link (an absolute URL) as a persona."""
        return self.get(url.split(BASE, 1)[1], **kwargs)

    def patch(self, path: str, body: Any = None, **kwargs: Any) -> Any:
        return self.call("PATCH", path, body, **kwargs)

    def delete(self, path: str, **kwargs: Any) -> Any:
        return self.call("DELETE", path, **kwargs)


def assert_error(response: Any, status: int, code: str | None = None) -> dict[str, Any]:
    """The response is the one error body with this status (and code)."""
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error", "detail", "fields"}, body
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["fields"], dict)
    if code is not None:
        assert body["error"] == code, body
    return body


def queries(api: Api, path: str, *, as_: str = "alice") -> tuple[int, Any]:
    """How many queries a GET reads, and its body (after a first call that warms the token)."""
    api.get(path, as_=as_)
    with CaptureQueriesContext(connection) as context:
        response = api.get(path, as_=as_)
    assert response.status_code == 200, response.content
    return len(context.captured_queries), response.json()


@pytest.fixture
def api(personas: Any) -> Api:
    """The test client with a token for each persona."""
    tokens = {
        name: token_create(user=getattr(personas, name), name="tests")[1]
        for name in ("alice", "bob", "lena", "charlie", "ada")
    }
    return Api(client=Client(), tokens=tokens)
