"""The check-in timeline of a KR, a sitting of typed check-ins, and closing a Next Up.

POST body (one sitting; each kind at most once; field names per kind in the OpenAPI spec):

    {"entries": [{"kind": "progress", "value": 34, "text": "…"},
                 {"kind": "confidence", "level": 7, "text": "…"},
                 {"kind": "next_up", "text": "…", "due_on": "2026-12-04", "expected_value": 50}],
     "closure": {"status": "done", "happened": "…", "learned": "…"}}

`comment` (progress) and `plan` (next up) are accepted for `text`, as DESIGN.md first wrote
them. A sitting that would leave the KR without an open Next Up needs one, or the entry
`{"kind": "no_next_up"}` (no plan this time; recorded and counted in the team's rhythm).
The rules (limits, ranges, dates, a closure before a new Next Up) are the domain's: an error
names the entry by its index, e.g. `entries.2.due_on`.
"""

import uuid
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import AliasChoices, Field

from incheck.domain.checkins import Closure, Entry
from incheck.domain.vocabulary import KINDS, ClosureStatus, Signal
from incheck.errors import Invalid
from incheck.okrs.api.context import tz_of, user_of
from incheck.okrs.api.pagination import Page
from incheck.okrs.api.schemas import CheckInOut, KeyResultOut, SittingOut, key_result_out
from incheck.okrs.api.types import Day, Flag, Id, Input, Number, Text, Whole
from incheck.okrs.models import CheckIn
from incheck.okrs.selectors.checkins import check_in_timeline
from incheck.okrs.selectors.key_results import key_result_get
from incheck.okrs.services.checkins import Sitting, checkin_sitting_create, next_up_close
from incheck.okrs.services.corrections import sitting_correct, sitting_delete

router = Router(tags=["check-ins"])


class _Entry(Input):
    text: Text = ""
    signal: Signal = Field("", description="Flag this check-in as an insight or a blocker.")
    way_around: Text = Field("", description="With a blocker: the way around it.")


class ContextEntry(_Entry):
    """Why this KR matters, the baseline, what it enables, the tactic."""

    kind: Literal["context"]


class ProgressEntry(_Entry):
    """The new value (`reached` for a milestone) and what happened since last time."""

    kind: Literal["progress"]
    value: Number | None = None
    reached: Flag | None = None
    text: Text = Field("", validation_alias=AliasChoices("text", "comment"))


class ConfidenceEntry(_Entry):
    """How likely the KR is reached (0–10), what stands in the way, how to lower the risk."""

    kind: Literal["confidence"]
    level: Whole | None = None


class NextUpEntry(_Entry):
    """The plan for the next week or two: how, by when, and the value expected by then."""

    kind: Literal["next_up"]
    text: Text = Field("", validation_alias=AliasChoices("text", "plan"))
    due_on: Day | None = None
    expected_value: Number | None = None


class NoNextUpEntry(_Entry):
    """No plan this time, where the KR would be left without a Next Up; recorded, and counted
    against the team's rhythm. `text` may say why."""

    kind: Literal["no_next_up"]


class OutcomeEntry(_Entry):
    """The final value and the reflection; a score other than the computed one needs a reason."""

    kind: Literal["outcome"]
    value: Number | None = None
    reached: Flag | None = None
    score: Number | None = None
    score_reason: Text = ""


class InsightEntry(_Entry):
    kind: Literal["insight"]


class BlockerEntry(_Entry):
    kind: Literal["blocker"]


AnyEntry = Annotated[
    ContextEntry
    | ProgressEntry
    | ConfidenceEntry
    | NextUpEntry
    | NoNextUpEntry
    | OutcomeEntry
    | InsightEntry
    | BlockerEntry,
    Field(discriminator="kind"),
]


class ClosureIn(Input):
    """How the open Next Up went."""

    status: ClosureStatus
    happened: Text
    learned: Text = ""

    def closure(self) -> Closure:
        return Closure(status=self.status, happened=self.happened, learned=self.learned)


class SittingIn(Input):
    entries: list[AnyEntry] = []
    closure: ClosureIn | None = Field(
        None, description="Closes the open Next Up; required before a new Next Up replaces it."
    )


def _entry_fields(problems: dict[str, str], entries: list[Entry]) -> dict[str, str]:
    # The domain names a field by kind ("progress.value"); the client sent a list, so name the
    # entry by its index ("entries.0.value"). A duplicate kind is named where it repeats. Keys
    # without a kind ("closure.status", "sitting") stay as they are; a kind the sitting lacks
    # (the Next Up it needs) names the list itself, "entries".
    first: dict[str, int] = {}
    last: dict[str, int] = {}
    for i, entry in enumerate(entries):
        first.setdefault(entry.kind, i)
        last[entry.kind] = i
    renamed = {}
    for key, text in problems.items():
        kind, _, name = key.partition(".")
        index = (last if name == "kind" else first).get(kind)
        if index is None and kind in KINDS:
            renamed["entries"] = text
            continue
        renamed[f"entries.{index}.{name}" if index is not None and name else key] = text
    return renamed


@router.get("/key-results/{key_result_id}/check-ins", response=list[CheckInOut])
@paginate(Page)
def list_check_ins(request: HttpRequest, key_result_id: Id) -> Any:
    """List a key result's check-ins, newest first."""
    return check_in_timeline(key_result_id)


@router.post("/key-results/{key_result_id}/check-ins", response={201: SittingOut})
def create_check_in(
    request: HttpRequest, key_result_id: Id, payload: SittingIn
) -> Status[dict[str, Any]]:
    """Check in: one sitting of typed check-ins, written together or not at all."""
    user = user_of(request)
    entries = [Entry(**entry.model_dump()) for entry in payload.entries]
    tz = tz_of(request)
    try:
        sitting: Sitting = checkin_sitting_create(
            actor=user,
            key_result_id=key_result_id,
            entries=entries,
            closure=payload.closure.closure() if payload.closure else None,
            tz=tz,
        )
    except Invalid as exc:
        raise Invalid(exc.detail, code=exc.code, fields=_entry_fields(exc.fields, entries)) from exc
    for check_in in sitting.check_ins:
        check_in.author = user  # the author is the actor: no query per check-in
    return Status(
        201,
        {
            "sitting": sitting.id,
            "check_ins": sitting.check_ins,
            "closed_next_up": sitting.closed_next_up,
            "key_result": key_result_out(key_result_get(key_result_id, tz=tz)),
        },
    )


@router.post("/next-ups/{next_up_id}/close", response=CheckInOut)
def close_next_up(request: HttpRequest, next_up_id: Id, payload: ClosureIn) -> CheckIn:
    """Close a Next Up: done, partly, not done or dropped, what happened and what was learned."""
    return next_up_close(actor=user_of(request), next_up_id=next_up_id, closure=payload.closure())


class CorrectionIn(Input):
    entries: list[AnyEntry] = Field(
        description="Each names a kind of the sitting and holds that check-in as it should read."
    )


class CorrectedOut(Schema):
    sitting: uuid.UUID
    check_ins: list[CheckInOut]
    key_result: KeyResultOut


@router.patch("/sittings/{sitting}", response=CorrectedOut)
def update_sitting(request: HttpRequest, sitting: uuid.UUID, payload: CorrectionIn) -> Any:
    """Correct your own sitting's text or values, within a day of writing it."""
    entries = [Entry(**entry.model_dump()) for entry in payload.entries]
    try:
        rows = sitting_correct(
            actor=user_of(request), sitting_id=sitting, entries=entries, tz=tz_of(request)
        )
    except Invalid as exc:
        raise Invalid(exc.detail, code=exc.code, fields=_entry_fields(exc.fields, entries)) from exc
    key_result_id = rows[0].key_result_id
    return {
        "sitting": sitting,
        "check_ins": check_in_timeline(key_result_id).filter(sitting=sitting),
        "key_result": key_result_out(key_result_get(key_result_id, tz=tz_of(request))),
    }


@router.delete("/sittings/{sitting}", response={204: None})
def delete_sitting(request: HttpRequest, sitting: uuid.UUID) -> Status[None]:
    """Delete your own sitting within a day of writing it; the key result is as before it."""
    sitting_delete(actor=user_of(request), sitting_id=sitting)
    return Status(204, None)
