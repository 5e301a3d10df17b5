"""The DomainError family: stable codes that a form shows as an error and the API as a status.

Services raise these; views turn them into form errors and API operations into
`{"error": code, "detail": text, "fields": {...}}` with the status below.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    status = 400
    default_code = "bad_request"

    def __init__(
        self,
        detail: str | None = None,
        *,
        code: str | None = None,
        fields: Mapping[str, str] | None = None,
    ) -> None:
        self.code = code or self.default_code
        self.fields: dict[str, str] = {key: str(value) for key, value in (fields or {}).items()}
        self.detail = (
            str(detail) if detail is not None else str(_("The request could not be done."))
        )
        super().__init__(self.detail)


class Invalid(DomainError):
    """Input that breaks a rule: nothing was written."""

    status = 422
    default_code = "invalid"


class Forbidden(DomainError):
    status = 403
    default_code = "forbidden"


class NotFound(DomainError):
    status = 404
    default_code = "not_found"


class Conflict(DomainError):
    """The request fits the rules but not the current state (a closed period, an open Next Up)."""

    status = 409
    default_code = "conflict"
