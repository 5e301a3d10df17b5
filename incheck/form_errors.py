"""A service's refusal shown on the form that asked for it: one rule for every HTML form.

The services judge and raise a `DomainError` whose `fields` name the problem in the API's own
words (`progress.value`, `owner_id`); a form shows each on the field the person typed it in,
and anything without a visible field above the form, so no refusal is ever silent.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from incheck.errors import DomainError


class ServiceErrors:
    """Mixin for a `forms.Form`: `refused(error)` puts a service's refusal on the form."""

    # A problem's name in the service's words → the form field that holds it, where they differ.
    aliases: Mapping[str, str] = {}

    def field_for(self, problem: str) -> str | None:
        """The visible field a problem belongs to (`progress.value` → `progress_value`)."""
        form: Any = self
        name = self.aliases.get(problem, problem.replace(".", "_"))
        return name if name in form.fields else None

    def add_service_errors(self, fields: Mapping[str, str], detail: str = "") -> None:
        form: Any = self
        for problem, text in fields.items():
            form.add_error(self.field_for(problem), text)
        if not fields and detail:
            form.add_error(None, detail)

    def refused(self, error: DomainError) -> int:
        """Show the refusal on the form; the status the page answers with (422, 409, 403)."""
        self.add_service_errors(error.fields, error.detail)
        return error.status
