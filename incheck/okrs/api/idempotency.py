"""`Idempotency-Key` on every POST of the API: a retry returns the first response.

Middleware, so that it holds for every POST operation, present and future, with the response
exactly as the client first got it:

- no header: nothing changes;
- a key that is not 1–255 visible ASCII characters: 422 naming the header;
- the first request with a key (per user): it runs in one transaction with the key's record,
  and its response (anything but a 5xx, which rolls both back) is kept 24 hours;
- a repeat with the same method, path and body: the first response, marked
  `Idempotent-Replayed: true`, and nothing is written;
- the same key with another request: 422 `idempotency_key_reused`;
- no valid credentials: the API answers 401 as always (nothing is recorded).

See `okrs.services.idempotency` for the record and `docs/api.md`, "Retries".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import RequestDataTooBig
from django.db import transaction
from django.http import HttpRequest, HttpResponse

from incheck.accounts.services import token_authenticate
from incheck.api import error
from incheck.okrs.messages import message
from incheck.okrs.services.idempotency import (
    claim,
    fingerprint,
    forget_expired,
    key_problem,
    remember,
)

HEADER = "Idempotency-Key"
REPLAYED = "Idempotent-Replayed"


def _requester(request: HttpRequest) -> Any:
    """Who the API will take the request to be from: the bearer token's user, else the
    session's (as the API's auth tries them), else None."""
    scheme, _, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token:
        user = token_authenticate(token)
        if user is not None:
            return user
    user = getattr(request, "user", None)
    return user if user is not None and user.is_authenticated else None


class IdempotencyKeys:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = request.headers.get(HEADER)
        if key is None or request.method != "POST" or not request.path.startswith("/api/"):
            return self.get_response(request)
        problem = key_problem(key)
        if problem:
            fields = {HEADER: message(problem)}
            return error(request, 422, "invalid", message("invalid_input"), fields)
        user = _requester(request)
        try:
            body = request.body
        except RequestDataTooBig:
            user = None  # the API answers 413 for it; nothing to remember
        if user is None:
            return self.get_response(request)
        request_print = fingerprint(request.method, request.get_full_path(), body)
        forget_expired()
        with transaction.atomic():
            claimed = claim(user_id=int(user.pk), key=key, fingerprint=request_print)
            if not claimed.first:
                earlier = claimed.record
                if earlier.fingerprint != request_print:
                    fields = {HEADER: message("idempotency_key_reused")}
                    detail = message("idempotency_key_reused")
                    return error(request, 422, "idempotency_key_reused", detail, fields)
                replay = HttpResponse(
                    earlier.body, status=earlier.status, content_type=earlier.content_type
                )
                replay[REPLAYED] = "true"
                return replay
            response = self.get_response(request)
            if response.status_code >= 500 or response.streaming:
                # A bug: nothing it did is kept, so a retry runs again.
                transaction.set_rollback(True)
                return response
            remember(
                claimed.record,
                status=response.status_code,
                content_type=response.get("Content-Type", ""),
                body=response.content.decode("utf-8", "replace"),
            )
            return response
