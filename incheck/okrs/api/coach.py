"""The coaching contract over HTTP: how to make a check-in text better (DESIGN.md §4)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from incheck.domain.coaching import KINDS, review
from incheck.errors import Invalid
from incheck.okrs.api.types import Input, Text
from incheck.okrs.messages import message

router = Router(tags=["coach"])


class CoachIn(Input):
    kind: str = Field(json_schema_extra={"enum": list(KINDS)})
    text: Text
    lang: str | None = Field(
        None,
        # The schema says what is taken, so a client (and the fuzz test) knows before asking.
        pattern=r"^([Ee][Nn]|[Ss][Vv])([-_][A-Za-z0-9]+)*$",
        description="en or sv (also sv-SE and the like); detected from the text when null.",
    )


class HintOut(Schema):
    code: str
    message: str


class CoachingOut(Schema):
    kind: str
    lang: str
    ok: bool
    hints: list[HintOut]


@router.post("/coach", response=CoachingOut)
def review_check_in(request: HttpRequest, payload: CoachIn) -> dict[str, Any]:
    """Review a check-in text as a coach would: hints by stable code, with a message."""
    try:
        return review(payload.kind, payload.text, payload.lang).as_dict()
    except ValueError as exc:
        field = "kind" if payload.kind not in KINDS else "lang"
        raise Invalid(message("invalid_input"), code="invalid", fields={field: str(exc)}) from exc
