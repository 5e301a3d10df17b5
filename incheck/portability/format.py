"""The export document's shape: its name and version, its sections, and the fields of each.

The field lists are written out here on purpose (a test checks that they cover every column of
every model), so that adding a column to a model is a visible change to the format. How a value
is written and checked follows from the model field's type (see `Field`).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.contrib.auth import get_user_model
from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations

from incheck.accounts.models import Membership, Profile, Team
from incheck.audit.models import AuditEvent
from incheck.okrs.models import CheckIn, Feedback, KeyResult, Objective, Period

FORMAT = "incheck-export"
# 2: teams' check-in rhythm and `archived_at`, memberships' `from_sso`, the profile's nudges,
# away days and digests, and the `audit_events` section.
# 3: the profile's `reminded_on` is gone (the reminder job became part of `incheck jobs`).
# 4: archived objectives and KRs (`archived_at`) and corrected check-ins (`edited_at`).
VERSION = 4
# Versions an import reads. An older document is read without what later versions added; the
# keys it lacks take their model field's default, and keys later versions dropped are ignored.
READABLE_VERSIONS = (1, 2, 3, 4)
REMOVED_PROFILE_FIELDS: dict[int, tuple[str, ...]] = {3: ("reminded_on",)}
ADDED_COLUMNS: dict[int, dict[str, tuple[str, ...]]] = {
    2: {
        "teams": ("check_in_every_weeks", "check_in_weekday", "check_in_anchor_on", "archived_at"),
        "memberships": ("from_sso",),
    },
    4: {
        "objectives": ("archived_at",),
        "key_results": ("archived_at",),
        "check_ins": ("edited_at",),
    },
}
ADDED_PROFILE_FIELDS: dict[int, tuple[str, ...]] = {
    2: ("nudge_hour", "away_from", "away_until", "wants_digest", "wants_team_digest"),
}
ADDED_SECTIONS: dict[int, tuple[str, ...]] = {2: ("audit_events",)}
# The header keys, in the order the writer puts them and the reader expects them.
HEADER = ("format", "version", "exported_at", "with_password_hashes")

USER_FIELDS = (
    "id",
    "username",
    "password",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
    "last_login",
    "date_joined",
)
# A user's profile sits inside the user record under "profile" (or is null); nothing refers to
# a profile by its own id, so that id is not part of the document.
PROFILE_FIELDS = (
    *("display_name", "language", "time_zone", "manager"),
    "wants_reminders",
    *("nudge_hour", "away_from", "away_until", "wants_digest", "wants_team_digest"),
)
# Profile columns that are not the organisation's data: the calendar feed's secret (a
# capability, like a password: a restored installation hands out new ones) and the jobs'
# planning claim (state of a run, not of a person).
NOT_EXPORTED_PROFILE_FIELDS = frozenset({"calendar_token", "planned_on", "plan_claim"})
OPTIONAL_USER_FIELDS = frozenset({"password"})

# Columns derived from others of the same row: not in the document, the importer computes them
# with the domain's rule (a KR's progress, from its type, start, target and current value).
DERIVED_FIELDS: dict[str, tuple[str, ...]] = {"key_results": ("progress",)}

SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    "users": USER_FIELDS,
    "teams": (
        *("id", "name", "parent"),
        *("check_in_every_weeks", "check_in_weekday", "check_in_anchor_on"),
        "archived_at",
    ),
    "memberships": ("id", "user", "team", "role", "from_sso"),
    "periods": ("id", "name", "start_on", "end_on", "closed_at", "closed_by"),
    "objectives": (
        *("id", "period", "title", "description", "team", "owner", "parent", "origin"),
        *("created_by", "created_at", "updated_at", "archived_at"),
    ),
    "key_results": (
        *("id", "objective", "title", "owner", "kr_type", "start_value", "target_value", "unit"),
        *("origin", "created_at", "updated_at", "changed_at", "current_value"),
        *("last_check_in_at", "last_progress_at", "last_context_at", "confidence"),
        *("previous_confidence", "open_next_up", "outcome", "archived_at"),
    ),
    "check_ins": (
        *("id", "key_result", "author", "created_at", "edited_at", "sitting", "kind", "text"),
        "signal",
        *("value", "reached", "level", "due_on", "expected_value"),
        *("closure", "closed_at", "happened", "learned", "actual_value"),
        *("score", "score_reason", "way_around", "resolved_at", "resolution", "resolved_by"),
        "resolves",
    ),
    "feedback": ("id", "key_result", "check_in", "author", "signal", "text", "created_at"),
    "audit_events": (
        *("id", "at", "actor", "actor_name", "action", "target_type", "target_id"),
        *("target_name", "details"),
    ),
}


def section_models() -> dict[str, type[models.Model]]:
    """Each section's model, in the document's order (every reference points backwards, except
    a KR's open Next Up and outcome, and links within a section)."""
    return {
        "users": get_user_model(),
        "teams": Team,
        "memberships": Membership,
        "periods": Period,
        "objectives": Objective,
        "key_results": KeyResult,
        "check_ins": CheckIn,
        "feedback": Feedback,
        "audit_events": AuditEvent,
    }


SECTIONS = tuple(SECTION_FIELDS)


def sections_for(version: int) -> tuple[str, ...]:
    """The sections a document of this version holds, in order."""
    later = {name for v, names in ADDED_SECTIONS.items() if v > version for name in names}
    return tuple(name for name in SECTIONS if name not in later)


def missing_columns(section: str, version: int) -> dict[str, Any]:
    """The keys a document of this version lacks in a section, with the value each takes."""
    model = section_models()[section]
    return {
        name: _default(model, name)
        for added_in, sections in ADDED_COLUMNS.items()
        if added_in > version
        for name in sections.get(section, ())
    }


def missing_profile_fields(version: int) -> dict[str, Any]:
    """The profile keys a document of this version lacks, with the value each takes."""
    return {
        name: _default(Profile, name)
        for added_in, names in ADDED_PROFILE_FIELDS.items()
        if added_in > version
        for name in names
    }


def dropped_profile_fields(version: int) -> frozenset[str]:
    """Profile keys a document of this version may carry that later versions dropped."""
    return frozenset(
        name
        for removed_in, names in REMOVED_PROFILE_FIELDS.items()
        if removed_in > version
        for name in names
    )


def _default(model: type[models.Model], name: str) -> Any:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field.get_default()


# Models written by an import, for resetting id sequences.
IMPORTED_EXTRA_MODELS: tuple[type[models.Model], ...] = (Profile,)


@dataclass(frozen=True)
class Field:
    """One field as the document holds it: its JSON key, its column, and how it is checked."""

    key: str
    attname: str
    kind: str  # id, ref, str, bool, int, float, date, datetime, uuid
    null: bool
    blank: bool
    max_length: int | None = None
    choices: frozenset[str] | None = None
    int_range: tuple[int, int] | None = None
    target: str | None = None  # the section a ref points into
    unique: bool = False


def _kind(field: models.Field[Any, Any]) -> str:
    # Order matters: DateTimeField is a DateField, BigAutoField an IntegerField.
    if isinstance(field, models.AutoField | models.BigAutoField):
        return "id"
    if isinstance(field, models.ForeignKey):
        return "ref"
    if isinstance(field, models.JSONField):
        return "json"
    kinds: list[tuple[type[models.Field[Any, Any]], str]] = [
        (models.BooleanField, "bool"),
        (models.DateTimeField, "datetime"),
        (models.DateField, "date"),
        (models.UUIDField, "uuid"),
        (models.FloatField, "float"),
        (models.IntegerField, "int"),
        (models.CharField, "str"),
        (models.TextField, "str"),
    ]
    for cls, kind in kinds:
        if isinstance(field, cls):
            return kind
    raise TypeError(f"no export kind for {field!r}")  # a new field type needs a decision here


def _field(model: type[models.Model], name: str) -> Field:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    kind = _kind(field)
    targets = {model: name for name, model in section_models().items()}
    int_range = None
    if kind == "int":
        # The portable range (what PostgreSQL enforces), so a file that loads into SQLite also
        # loads into PostgreSQL.
        int_range = BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
    return Field(
        key=name,
        attname=field.attname,
        kind=kind,
        null=field.null,
        blank=field.blank,
        max_length=field.max_length if kind == "str" else None,
        choices=frozenset(str(value) for value, _ in field.choices) if field.choices else None,
        int_range=int_range,
        target=targets[field.related_model] if kind == "ref" else None,  # type: ignore[index]
        unique=field.unique and kind != "id",
    )


@cache
def section_fields(section: str) -> tuple[Field, ...]:
    """The fields of a section's records, in the document's key order."""
    model = section_models()[section]
    return tuple(_field(model, name) for name in SECTION_FIELDS[section])


@cache
def profile_fields() -> tuple[Field, ...]:
    """The fields of the profile inside a user record."""
    return tuple(_field(Profile, name) for name in PROFILE_FIELDS)


@cache
def unique_together(section: str) -> tuple[tuple[str, ...], ...]:
    """Groups of columns that must be unique together (the model's unconditional constraints)."""
    model = section_models()[section]
    groups = [
        tuple(_column(model, name) for name in constraint.fields)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint)
        and constraint.condition is None
        and len(constraint.fields) > 1
    ]
    return tuple(groups)


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field)
    return field.attname


def utc_text(moment: dt.datetime) -> str:
    """A moment as the document writes it: ISO 8601 in UTC with a Z."""
    return moment.astimezone(dt.UTC).isoformat().replace("+00:00", "Z")


def _plain(value: Any) -> Any:
    return value


def _datetime(value: dt.datetime | None) -> str | None:
    return None if value is None else utc_text(value)


def _date(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _uuid(value: uuid.UUID | None) -> str | None:
    return None if value is None else str(value)


def writer_for_kind(kind: str) -> Callable[[Any], Any]:
    """How a Python value of this kind (a datetime, date, UUID) becomes a JSON value."""
    writers: dict[str, Callable[[Any], Any]] = {"datetime": _datetime, "date": _date, "uuid": _uuid}
    return writers.get(kind, _plain)
