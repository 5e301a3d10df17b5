"""The JSON API at /api/v1/ (django-ninja): auth, the one error body, and the routers.

Auth. `Authorization: Bearer <token>` (per-user tokens, see `accounts.services`) for every
operation. The signed-in session of the web app is accepted too, so the interactive docs at
/api/v1/docs work in the browser; with a session, writes need the CSRF token like any form
post (ninja's `SessionAuth` checks it), which scripts never have to care about because they use
a token. Without either: 401, for a write too (CSRF guards a signed-in session, and without one
there is nothing to guard: a CSRF 403 would tell a script to look for the wrong problem).

Errors. Every error has one body, `{"error": CODE, "detail": TEXT, "fields": {KEY: TEXT}}`:

- 400 `malformed`: the body is not JSON;
- 401 `not_authenticated`; 403 `forbidden` (not yours to change, or a missing CSRF token);
- 404 `not_found`; 405 `method_not_allowed`; 409 e.g. `period_closed`;
- 413 `too_large` (over DATA_UPLOAD_MAX_MEMORY_SIZE);
- 429 `too_many_attempts`: repeated invalid tokens from one address (accounts/throttle.py),
  with `Retry-After`;
- 422 `invalid`: wrong types, unknown fields or kinds, NaN/Infinity, or a broken rule of the
  method; `fields` names each field (`entries.0.value`, `closure.status`, `title`).

Bad input is never a 5xx. A 500 (a bug) has the same body and is logged.

Adding a router: append it to ROUTERS.
"""

from __future__ import annotations

import logging
from typing import Any

from django.core import signals
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from django.utils.translation import gettext as _
from ninja import NinjaAPI, Router
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.operation import Operation
from ninja.parser import Parser
from ninja.security import HttpBearer, SessionAuth

from incheck.accounts.api import router as accounts_router
from incheck.accounts.api_rhythm import router as rhythm_router
from incheck.accounts.services import token_authenticate
from incheck.accounts.throttle import TooManyAttempts, bearer_token_failed
from incheck.domain.checkins import KINDS
from incheck.errors import DomainError
from incheck.notify.api import channels as team_channels
from incheck.notify.api import webhooks
from incheck.okrs.api import (
    alignment,
    blockers,
    check_ins,
    coach,
    feedback,
    insights,
    key_results,
    objectives,
    periods,
    review,
)
from incheck.okrs.messages import message
from incheck.people.api import router as people_router

logger = logging.getLogger("django.request")

ROUTERS: list[Router] = [
    accounts_router,
    rhythm_router,
    team_channels.router,
    webhooks.router,
    periods.router,
    objectives.router,
    key_results.router,
    check_ins.router,
    blockers.router,
    insights.router,
    feedback.router,
    coach.router,
    review.router,
    alignment.router,
    people_router,
]

ERROR_STATUSES = (400, 401, 403, 404, 409, 413, 422, 429)
# Every POST takes one (okrs/api/idempotency.py): a retry with it never writes twice.
IDEMPOTENCY_KEY = {
    "name": "Idempotency-Key",
    "in": "header",
    "required": False,
    "description": (
        "Any unique string (a UUID): a repeat of this request by you within 24 hours returns "
        "the first response and writes nothing; the same key with another request is a 422."
    ),
    "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": "^[!-~]+$"},
}
# Where ninja says an input came from; the client only cares about the field.
_SOURCES = {"body", "query", "path", "header", "cookie", "form", "file"}


class BearerToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_authenticate(token)
        if user is None:
            # Counted per address; repeated failures answer 429 (accounts/throttle.py).
            bearer_token_failed(request)
            return None
        request.user = user
        profile = getattr(user, "profile", None)
        if profile is not None and profile.language:
            # A script has no session to carry the language: the profile's choice decides.
            translation.activate(profile.language)
        return user


class SignedInSession(SessionAuth):
    """The web app's session, for the interactive docs. Without a signed-in session there is
    nothing to protect with CSRF: a write with no credentials at all is a 401, not a 403."""

    def _get_key(self, request: HttpRequest) -> str | None:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        return super()._get_key(request)


class OnceParser(Parser):
    """A query parameter that takes one value, given twice (`?team=1&team=2`), is a 422 naming
    it: ninja would silently take the last one, so the answer would not be for what was asked."""

    def parse_querydict(
        self, data: MultiValueDict[str, Any], list_fields: list[str], request: HttpRequest
    ) -> dict[str, Any]:
        parsed = super().parse_querydict(data, list_fields, request)
        for key in data:
            values = data.getlist(key)
            if key not in list_fields and len(values) > 1:
                parsed[key] = values  # not one value: the field's type refuses it
        return parsed


class IncheckAPI(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        # Verb-first names (`create_check_in`), unique across the API.
        return operation.view_func.__name__

    def get_openapi_schema(self, **kwargs: Any) -> Any:
        schema = super().get_openapi_schema(**kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = {
            "type": "object",
            "properties": {
                "error": {"type": "string"},
                "detail": {"type": "string"},
                "fields": {"type": "object", "additionalProperties": {"type": "string"}},
            },
            "required": ["error", "detail", "fields"],
        }
        error = {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
        }
        for path in schema["paths"].values():
            for method, operation in path.items():
                parameters = operation.setdefault("parameters", [])
                for parameter in parameters:
                    parameter["schema"] = _not_null(parameter["schema"])
                if method == "post" and IDEMPOTENCY_KEY not in parameters:
                    parameters.append(dict(IDEMPOTENCY_KEY))
                # The docstring's first line is the summary (ninja would title-case the name).
                description = operation.get("description") or ""
                if description:
                    operation["summary"] = description.strip().splitlines()[0]
                for status in ERROR_STATUSES:
                    operation["responses"].setdefault(
                        str(status), {"description": _status_text(status), **error}
                    )
        return schema


def _not_null(schema: dict[str, Any]) -> dict[str, Any]:
    """A query string cannot say null: an optional parameter is left out, so its schema is the
    value's alone (pydantic writes `anyOf: [value, null]` for `Id | None`)."""
    options = schema.get("anyOf")
    if not options or {"type": "null"} not in options:
        return schema
    kept = [option for option in options if option != {"type": "null"}]
    rest = {key: value for key, value in schema.items() if key not in {"anyOf", "default"}}
    if schema.get("default") is not None:
        rest["default"] = schema["default"]
    return {**kept[0], **rest} if len(kept) == 1 else {"anyOf": kept, **rest}


def _status_text(status: int) -> str:
    return {
        400: "Malformed JSON",
        401: "No valid token",
        403: "Not yours to change",
        404: "Not found",
        409: "Conflicts with the current state",
        413: "Body too large",
        422: "Invalid input",
        429: "Too many invalid tokens from this address",
    }[status]


api = IncheckAPI(
    title="Incheck API",
    version="1",
    description=(
        "OKR check-ins: key results, typed check-ins, health, blockers and insights. "
        "Authenticate with `Authorization: Bearer <token>` (create one on your profile page "
        "or with `incheck token create USERNAME`). Lists are paged with `limit` (≤ 200) and "
        '`offset`; errors are `{"error", "detail", "fields"}`.'
    ),
    urls_namespace="api",
    auth=[BearerToken(), SignedInSession()],
    parser=OnceParser(),
)
for _router in ROUTERS:
    api.add_router("", _router)

# Last, so it only catches what no operation matched: an unknown path is a JSON 404 too.
_fallback = Router()


@_fallback.api_operation(
    ["GET", "POST", "PUT", "PATCH", "DELETE"], "/{path:rest}", auth=None, include_in_schema=False
)
def unknown_path(request: HttpRequest, rest: str) -> None:
    raise Http404


api.add_router("", _fallback)


def error(
    request: HttpRequest, status: int, code: str, detail: str, fields: dict[str, str] | None = None
) -> HttpResponse:
    """The one error body."""
    body = {"error": code, "detail": detail, "fields": fields or {}}
    response = api.create_response(request, body, status=status)
    if status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="incheck"'
    return response


def field_key(loc: tuple[Any, ...] | list[Any]) -> str:
    """A pydantic location as the client wrote it: ("body", "payload", "entries", 0,
    "progress", "value") → "entries.0.value" (the source, the body's name and the union tag
    go)."""
    parts = list(loc)
    if parts and parts[0] in _SOURCES:
        source = parts.pop(0)
        if source == "body" and parts and parts[0] == "payload":
            parts.pop(0)
    kept: list[str] = []
    for i, part in enumerate(parts):
        if part in KINDS and i > 0 and isinstance(parts[i - 1], int):
            continue
        kept.append(str(part))
    return ".".join(kept) or "body"


def _pydantic_message(item: dict[str, Any]) -> str:
    kind = item.get("type", "")
    if kind == "missing":
        return _("This field is required.")
    if kind == "finite_number":
        return message("value_not_finite")
    if kind in {"union_tag_invalid", "union_tag_not_found"}:
        return message("unknown_kind")
    if kind == "extra_forbidden":
        return _("There is no such field.")
    return str(item.get("msg", ""))


@api.exception_handler(DomainError)
def on_domain_error(request: HttpRequest, exc: DomainError) -> HttpResponse:
    response = error(request, exc.status, exc.code, exc.detail, exc.fields)
    if isinstance(exc, TooManyAttempts):
        response["Retry-After"] = str(exc.retry_after)
    return response


@api.exception_handler(ValidationError)
def on_validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    fields: dict[str, str] = {}
    for item in exc.errors:
        key = field_key(item.get("loc", ()))
        if item.get("type") in {"union_tag_invalid", "union_tag_not_found"}:
            key = f"{key}.kind"
        fields.setdefault(key, _pydantic_message(item))
    return error(request, 422, "invalid", message("invalid_input"), fields)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    detail = _("Authenticate with a valid token: Authorization: Bearer <token>.")
    return error(request, 401, "not_authenticated", detail)


@api.exception_handler(HttpError)
def on_http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    # ninja raises these for a body that is not JSON (400) and a missing CSRF token (403).
    if exc.status_code == 400:
        return error(request, 400, "malformed", _("The body is not valid JSON."))
    if exc.status_code == 403:
        return error(request, 403, "forbidden", _("A session needs the CSRF token to write."))
    return error(request, exc.status_code, "error", str(exc))


@api.exception_handler(Http404)
def on_not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return error(request, 404, "not_found", message("not_found"))


@api.exception_handler(RequestDataTooBig)
def on_too_large(request: HttpRequest, exc: RequestDataTooBig) -> HttpResponse:
    return error(request, 413, "too_large", _("The body is too large."))


@api.exception_handler(Exception)
def on_bug(request: HttpRequest, exc: Exception) -> HttpResponse:
    # A bug, not bad input: log it the way Django would, and let the test client re-raise it.
    logger.error("API error on %s", request.path, exc_info=exc)
    signals.got_request_exception.send(sender=None, request=request)
    return error(request, 500, "server_error", _("Something went wrong on our side."))


class MethodNotAllowedBody:
    """Middleware: a known API path asked with the wrong method answers 405 with the one error
    body too (ninja answers it before any handler of ours runs, in plain text)."""

    def __init__(self, get_response: Any) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if response.status_code != 405 or not request.path.startswith("/api/"):
            return response
        allowed = response.get("Allow", "")
        replaced = error(
            request,
            405,
            "method_not_allowed",
            _("This address takes: %(methods)s.") % {"methods": allowed},
        )
        replaced["Allow"] = allowed
        return replaced
