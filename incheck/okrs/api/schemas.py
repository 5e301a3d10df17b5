"""What the API answers: one output schema per thing, read from the models (`from_attributes`).

Request schemas live next to the operation that reads them (in each router module); the field
types they share are in `types`.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from ninja import Schema

from incheck.accounts.names import display_name
from incheck.okrs.selectors.health import KeyResultRow


class ErrorOut(Schema):
    """Every error: a stable code, a sentence for people, and a message per field."""

    error: str
    detail: str
    fields: dict[str, str]


class UserRef(Schema):
    id: int
    username: str
    display_name: str

    @staticmethod
    def resolve_display_name(obj: Any) -> str:
        return display_name(obj)


class PeriodOut(Schema):
    id: int
    name: str
    start_on: dt.date
    end_on: dt.date
    is_closed: bool
    closed_at: dt.datetime | None


class ObjectiveOut(Schema):
    id: int
    period_id: int
    title: str
    description: str
    team_id: int | None
    owner_id: int | None
    parent_id: int | None
    origin_id: int | None
    created_at: dt.datetime
    updated_at: dt.datetime
    archived: bool

    @staticmethod
    def resolve_archived(obj: Any) -> bool:
        return obj.archived_at is not None


class HealthOut(Schema):
    """One rule of the method the KR breaks now (`stale`, `next_up_missing`, …)."""

    code: str
    severity: str


class NextUpRef(Schema):
    id: int
    text: str
    due_on: dt.date | None
    expected_value: float | None


class KeyResultRef(Schema):
    id: int
    title: str


class KeyResultOut(Schema):
    id: int
    objective_id: int
    period_id: int
    team_id: int | None
    title: str
    owner: UserRef
    kr_type: str
    start_value: float
    target_value: float
    unit: str
    current_value: float | None
    confidence: int | None
    changed_at: dt.datetime
    last_check_in_at: dt.datetime | None
    last_progress_at: dt.datetime | None
    open_next_up: NextUpRef | None
    progress: float
    expected: float
    health: list[HealthOut]
    # Archived itself or under an archived objective: out of the pages and the default lists.
    archived: bool


def key_result_out(row: KeyResultRow) -> dict[str, Any]:
    """A KR row (with its health) as `KeyResultOut` reads it."""
    kr = row.kr
    return {
        "id": kr.pk,
        "objective_id": kr.objective_id,
        "period_id": kr.objective.period_id,
        "team_id": kr.objective.team_id,
        "title": kr.title,
        "owner": kr.owner,
        "kr_type": kr.kr_type,
        "start_value": kr.start_value,
        "target_value": kr.target_value,
        "unit": kr.unit,
        "current_value": kr.current_value,
        "confidence": kr.confidence,
        "changed_at": kr.changed_at,
        "last_check_in_at": kr.last_check_in_at,
        "last_progress_at": kr.last_progress_at,
        "open_next_up": kr.open_next_up,
        "progress": row.progress,
        "expected": row.expected,
        "health": [{"code": s.code, "severity": s.severity} for s in row.signals],
        "archived": kr.archived_at is not None or kr.objective.archived_at is not None,
    }


class CheckInOut(Schema):
    """One typed check-in; fields that do not belong to its kind are empty."""

    id: int
    key_result_id: int
    author: UserRef
    created_at: dt.datetime
    # Set when the author corrected the sitting (within a day of writing it).
    edited_at: dt.datetime | None
    sitting: uuid.UUID
    kind: str
    text: str
    signal: str
    value: float | None
    reached: bool | None
    level: int | None
    due_on: dt.date | None
    expected_value: float | None
    closure: str
    closed_at: dt.datetime | None
    happened: str
    learned: str
    actual_value: float | None
    score: float | None
    score_reason: str
    way_around: str
    resolved_at: dt.datetime | None
    resolution: str
    resolves_id: int | None


class SignalOut(CheckInOut):
    """A blocker or an insight, with the KR it is about."""

    key_result: KeyResultRef


class SittingOut(Schema):
    """What one sitting wrote, and the KR (with its health) after it."""

    sitting: uuid.UUID
    check_ins: list[CheckInOut]
    closed_next_up: CheckInOut | None
    key_result: KeyResultOut


class FeedbackOut(Schema):
    id: int
    key_result_id: int
    check_in_id: int | None
    author: UserRef
    signal: str
    text: str
    created_at: dt.datetime
