"""The organisation `bench.scale` measures: people, teams, periods, objectives, KRs, check-ins.

Written with one prepared INSERT per table and the driver's `executemany`
(`incheck.portability.tables.Table`), so a million check-ins take a minute or two, not an hour.
The shape is what a real company of this size would hold after a year with Incheck:

- teams of ten, under departments (a department is a team of ten too); `factor` 1.0 gives
  2,000 people in 200 teams, 0.1 gives one tenth;
- four quarters of 2026, the first three closed, the fourth current (the clock is frozen at
  2026-11-24 09:30 UTC, as in the tests);
- per quarter, three company objectives, two per team aligned under their department's (or
  the company's), and one personal objective per person aligned under their team's;
- ten KRs a person over the year (2, 2, 3, 3 a quarter), the first of each quarter under the
  person's own objective, the rest under the team's;
- per KR a Context, sixteen sittings (Progress + Confidence + Next Up, the Next Up before
  closed with what happened), an Outcome in the closed quarters; every tenth progress an
  insight, every twenty-fifth a blocker (most resolved, with the resolution's insight); some
  KRs fall silent (stale, dead) or are left without a Next Up; a feedback on one KR in five.

Every KR's summary columns are those the services would have written for its check-ins.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from incheck.domain.progress import progress_fraction

NOW = dt.datetime(2026, 11, 24, 9, 30, tzinfo=dt.UTC)
QUARTERS = [
    ("2026 Q1", dt.date(2026, 1, 1), dt.date(2026, 3, 31)),
    ("2026 Q2", dt.date(2026, 4, 1), dt.date(2026, 6, 30)),
    ("2026 Q3", dt.date(2026, 7, 1), dt.date(2026, 9, 30)),
    ("2026 Q4", dt.date(2026, 10, 1), dt.date(2026, 12, 31)),
]
KRS_PER_QUARTER = [2, 2, 3, 3]
TEAM_SIZE = 10
TEAMS_PER_DEPARTMENT = 20
SITTINGS = 16
BATCH = 10_000

WORDS = [
    "webinar",
    "pipeline",
    "onboarding",
    "kundmöte",
    "churn",
    "pricing",
    "partner",
    "demo",
    "nyhetsbrev",
    "support",
    "trial",
    "referral",
]


@dataclass(frozen=True)
class Sizes:
    people: int
    teams: int

    @classmethod
    def of(cls, factor: float) -> Sizes:
        teams = max(2, round(200 * factor))
        return cls(people=teams * TEAM_SIZE, teams=teams)

    @property
    def departments(self) -> int:
        return max(1, self.teams // TEAMS_PER_DEPARTMENT)


@dataclass
class Counts:
    rows: dict[str, int] = field(default_factory=dict)

    def add(self, table: str, n: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + n


def _at(day: dt.date, hour: int = 8, minute: int = 0) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=dt.UTC)


class Writer:
    """Buffers rows per table and writes them in batches."""

    def __init__(self, counts: Counts) -> None:
        from incheck.portability.tables import Table

        self._table_type = Table
        self.tables: dict[str, Any] = {}
        self.buffers: dict[str, list[list[Any]]] = {}
        self.blank: dict[str, dict[str, Any]] = {}
        self.counts = counts

    def register(self, name: str, model: Any) -> None:
        fields = model._meta.concrete_fields
        self.blank[name] = {
            f.attname: (None if f.null else f.get_default()) for f in fields if f.attname != "id"
        }
        self.blank[name]["id"] = None
        self.tables[name] = self._table_type(model, list(self.blank[name]))
        self.buffers[name] = []

    def add(self, table: str, /, **values: Any) -> None:
        row = {**self.blank[table], **values}
        self.buffers[table].append(self.tables[table].row(row))
        if len(self.buffers[table]) >= BATCH:
            self.flush(table)

    def flush(self, name: str | None = None) -> None:
        for table in [name] if name else list(self.buffers):
            rows = self.buffers[table]
            if rows:
                self.tables[table].insert(rows)
                self.counts.add(table, len(rows))
                self.buffers[table] = []


def _sentence(n: int, what: str) -> str:
    a, b = WORDS[n % len(WORDS)], WORDS[(n * 7 + 3) % len(WORDS)]
    return f"{what} {n}: the {a} work moved the {b} numbers; next we try a smaller step."[:280]


class Ids:
    """Explicit primary keys, so rows can point at each other before they are written."""

    def __init__(self) -> None:
        self.next: dict[str, int] = {}

    def take(self, name: str) -> int:
        value = self.next.get(name, 1)
        self.next[name] = value + 1
        return value


def build(factor: float) -> dict[str, int]:
    """Fill the (migrated, empty) database; returns rows written per table."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.db import transaction

    from incheck.accounts.models import Membership, Profile, Team
    from incheck.okrs.models import CheckIn, Feedback, KeyResult, Objective, Period

    sizes = Sizes.of(factor)
    counts = Counts()
    writer = Writer(counts)
    user_model = get_user_model()
    for name, model in (
        ("user", user_model),
        ("profile", Profile),
        ("team", Team),
        ("membership", Membership),
        ("period", Period),
        ("objective", Objective),
        ("key_result", KeyResult),
        ("check_in", CheckIn),
        ("feedback", Feedback),
    ):
        writer.register(name, model)
    ids = Ids()
    password = make_password("bench")
    with transaction.atomic():
        _people(writer, sizes, password)
        for number, (name, start, end) in enumerate(QUARTERS, start=1):
            closed = end < NOW.date()
            writer.add(
                "period",
                id=number,
                name=name,
                start_on=start,
                end_on=end,
                closed_at=_at(end + dt.timedelta(days=3)) if closed else None,
                closed_by_id=1 if closed else None,
            )
        writer.flush()
        for number in range(1, len(QUARTERS) + 1):
            _quarter(writer, ids, sizes, number)
        writer.flush()
        # The objectives' roll-ups, as the services would have kept them.
        from incheck.okrs.services.rollups import rollups_rebuild

        counts.add("objective_rollup", rollups_rebuild())
    _reset_sequences(
        [user_model, Profile, Team, Membership, Period, Objective, KeyResult, CheckIn, Feedback]
    )
    return counts.rows


def team_of(user_id: int) -> int:
    """People 1–10 are team 1, 11–20 team 2, …; the first of each team leads it."""
    return 1 + (user_id - 1) // TEAM_SIZE


def department_of(team_id: int, sizes: Sizes) -> int | None:
    """Teams 1..departments are the departments; the others sit under one of them."""
    if team_id <= sizes.departments:
        return None
    return 1 + team_id % sizes.departments


def _people(writer: Writer, sizes: Sizes, password: str) -> None:
    joined = _at(dt.date(2025, 12, 1))
    for team_id in range(1, sizes.teams + 1):
        writer.add(
            "team",
            id=team_id,
            name=f"Team {team_id:03d}" if team_id > sizes.departments else f"Dept {team_id:02d}",
            parent_id=department_of(team_id, sizes),
        )
    writer.flush("team")
    for user_id in range(1, sizes.people + 1):
        lead = (user_id - 1) % TEAM_SIZE == 0
        writer.add(
            "user",
            id=user_id,
            username=f"person{user_id:04d}",
            email=f"person{user_id}@example.org",
            password=password,
            is_active=True,
            is_staff=user_id == 1,
            is_superuser=user_id == 1,
            date_joined=joined,
            first_name="",
            last_name="",
        )
        team_lead = 1 + (team_of(user_id) - 1) * TEAM_SIZE
        writer.add(
            "profile",
            id=user_id,
            user_id=user_id,
            display_name=f"Person {user_id} Åström",
            language="en",
            time_zone="Europe/Stockholm",
            manager_id=None if lead else team_lead,
            wants_reminders=True,
        )
        writer.add(
            "membership",
            id=user_id,
            user_id=user_id,
            team_id=team_of(user_id),
            role="lead" if lead else "member",
        )
    writer.flush()


def _quarter(writer: Writer, ids: Ids, sizes: Sizes, period_id: int) -> None:
    _name, start, _end = QUARTERS[period_id - 1]
    created = _at(start + dt.timedelta(days=1))
    common = {"period_id": period_id, "created_at": created, "updated_at": created}
    company = [ids.take("objective") for _ in range(3)]
    for n, objective_id in enumerate(company):
        writer.add(
            "objective",
            id=objective_id,
            title=f"Company objective {n + 1}: grow where it counts",
            description="Why this, why now.",
            team_id=1,
            created_by_id=1,
            **common,
        )
    team_objectives: dict[int, list[int]] = {}
    # Departments first, so a team's parent objective exists when the team's is written.
    for team_id in range(1, sizes.teams + 1):
        department = department_of(team_id, sizes)
        parents = company if department is None else team_objectives[department]
        team_objectives[team_id] = []
        for n in range(2):
            objective_id = ids.take("objective")
            team_objectives[team_id].append(objective_id)
            writer.add(
                "objective",
                id=objective_id,
                title=f"Team {team_id} objective {n + 1}: fill the pipeline",
                description="",
                team_id=team_id,
                parent_id=parents[(team_id + n) % len(parents)],
                created_by_id=1 + (team_id - 1) * TEAM_SIZE,
                **common,
            )
    for user_id in range(1, sizes.people + 1):
        own = ids.take("objective")
        theirs = team_objectives[team_of(user_id)]
        writer.add(
            "objective",
            id=own,
            title=f"Person {user_id}: get better at the craft",
            description="",
            owner_id=user_id,
            parent_id=theirs[user_id % 2],
            created_by_id=user_id,
            **common,
        )
        for n in range(KRS_PER_QUARTER[period_id - 1]):
            objective_id = own if n == 0 else theirs[(user_id + n) % 2]
            _key_result(writer, ids, period_id, objective_id, user_id)


def _key_result(writer: Writer, ids: Ids, period_id: int, objective_id: int, owner_id: int) -> None:
    _name, start, end = QUARTERS[period_id - 1]
    closed = end < NOW.date()
    kr_id = ids.take("key_result")
    created = _at(start + dt.timedelta(days=1), 9)
    last_day = min(end, NOW.date() - dt.timedelta(days=1))
    # One KR in ten falls silent four weeks before the last day (dead), one in ten two and a
    # half weeks before (stale); one in ten is left without a Next Up.
    silent = {3: 28, 7: 17}.get(kr_id % 10, 0)
    span = (last_day - start).days - 2 - silent
    target = 100.0 + (kr_id % 5) * 50
    lead = 1 + (owner_id - 1) // TEAM_SIZE * TEAM_SIZE
    context_id = ids.take("check_in")
    writer.add(
        "check_in",
        id=context_id,
        key_result_id=kr_id,
        author_id=owner_id,
        created_at=created,
        sitting=uuid.UUID(int=context_id),
        kind="context",
        text=_sentence(kr_id, "Context") + " Baseline 60 a quarter; the tactic: webinars.",
    )
    value = 0.0
    confidence = previous = None
    open_next_up: int | None = None
    last_at = created
    last_progress = None
    for s in range(SITTINGS):
        at = _at(start + dt.timedelta(days=2 + span * (s + 1) // SITTINGS), 10, s)
        sitting = uuid.UUID(int=(kr_id << 20) + s)
        value = round(target * (s + 1) / (SITTINGS + 4), 1)
        if open_next_up is not None:
            writer_close = {
                "closure": ["done", "partly", "not_done"][s % 3],
                "closed_at": at,
                "happened": "Booked two of three meetings.",
                "learned": "Mornings work better.",
                "actual_value": value,
            }
            _pending_next_up[open_next_up].update(writer_close)
            _flush_next_up(writer, open_next_up)
        progress_id = ids.take("check_in")
        signal = ""
        extra: dict[str, Any] = {}
        if progress_id % 10 == 0:
            signal = "insight"
        elif progress_id % 25 == 1:
            signal = "blocker"
            extra["way_around"] = "Ask the partner team directly."
            if progress_id % 100 != 1 or closed:
                extra |= {
                    "resolved_at": at + dt.timedelta(days=3),
                    "resolution": "Solved with the partner team.",
                    "resolved_by_id": lead,
                }
        writer.add(
            "check_in",
            id=progress_id,
            key_result_id=kr_id,
            author_id=owner_id,
            created_at=at,
            sitting=sitting,
            kind="progress",
            text=_sentence(progress_id, "Progress"),
            signal=signal,
            value=value,
            **extra,
        )
        if "resolved_at" in extra:
            insight_id = ids.take("check_in")
            writer.add(
                "check_in",
                id=insight_id,
                key_result_id=kr_id,
                author_id=lead,
                created_at=extra["resolved_at"],
                sitting=uuid.UUID(int=insight_id),
                kind="insight",
                signal="insight",
                text="Solved with the partner team: a webinar together.",
                resolves_id=progress_id,
            )
        previous, confidence = confidence, 3 + (kr_id + s) % 7
        confidence_id = ids.take("check_in")
        writer.add(
            "check_in",
            id=confidence_id,
            key_result_id=kr_id,
            author_id=owner_id,
            created_at=at,
            sitting=sitting,
            kind="confidence",
            text="Likely, if the partner answers; we ask them on Monday.",
            level=confidence,
        )
        next_up_id = ids.take("check_in")
        _pending_next_up[next_up_id] = {
            "id": next_up_id,
            "key_result_id": kr_id,
            "author_id": owner_id,
            "created_at": at,
            "sitting": sitting,
            "kind": "next_up",
            "text": "By next Friday I will call the three biggest partners and book a webinar.",
            "due_on": at.date() + dt.timedelta(days=7),
            "expected_value": value + 5,
        }
        open_next_up = next_up_id
        last_at = last_progress = at
    assert open_next_up is not None
    if kr_id % 10 == 5:
        # Left without a Next Up: the last one was dropped.
        _pending_next_up[open_next_up].update({"closure": "dropped", "closed_at": last_at})
        _flush_next_up(writer, open_next_up)
        open_next_up = None
    else:
        _flush_next_up(writer, open_next_up)
    outcome_id = None
    if closed:
        outcome_id = ids.take("check_in")
        last_at = _at(end, 15)
        writer.add(
            "check_in",
            id=outcome_id,
            key_result_id=kr_id,
            author_id=owner_id,
            created_at=last_at,
            sitting=uuid.UUID(int=outcome_id),
            kind="outcome",
            text="The tactic from the Context held; we would start the webinars earlier.",
            value=value,
            score=round(value / target, 2),
        )
    writer.add(
        "key_result",
        id=kr_id,
        objective_id=objective_id,
        title=f"KR {kr_id}: {int(target)} new leads from {WORDS[kr_id % len(WORDS)]}",
        owner_id=owner_id,
        kr_type="increase",
        start_value=0.0,
        target_value=target,
        unit="leads",
        created_at=created,
        updated_at=created,
        changed_at=created,
        current_value=value,
        progress=progress_fraction(kr_type="increase", start=0.0, target=target, current=value),
        last_check_in_at=last_at,
        last_progress_at=last_progress,
        last_context_at=created,
        confidence=confidence,
        previous_confidence=previous,
        open_next_up_id=open_next_up,
        outcome_id=outcome_id,
    )
    if kr_id % 5 == 0:
        writer.add(
            "feedback",
            id=ids.take("feedback"),
            key_result_id=kr_id,
            author_id=lead if lead != owner_id else owner_id + 1,
            signal="continue" if kr_id % 2 else "consider",
            text="Keep the weekly rhythm; the webinars work.",
            created_at=last_at,
        )


# A Next Up is written once its closure is known (at the next sitting, or as the open one).
_pending_next_up: dict[int, dict[str, Any]] = {}


def _flush_next_up(writer: Writer, next_up_id: int) -> None:
    writer.add("check_in", **_pending_next_up.pop(next_up_id))


def _reset_sequences(models: list[Any]) -> None:
    """PostgreSQL's id sequences start after the explicit ids written here."""
    from django.core.management.color import no_style
    from django.db import connection

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)


def iter_sizes() -> Iterator[tuple[str, float]]:
    yield "full", 1.0
    yield "tenth", 0.1
