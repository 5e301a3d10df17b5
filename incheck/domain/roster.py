"""The CSV roster of people and teams (name, e-mail, team, role): reading it and planning what
an import would change, line by line, without a database.

The plan is pure: it gets what exists now as plain values and returns, per line, the changes
and the problems (by column). `people.services.roster` feeds it and applies it.

>>> text = "name,email,team,role\\nAnn,ann@x.org,Growth,lead\\n"
>>> rows, problems = read_roster(text)
>>> [change.kind for change in plan_roster(rows, people={}, teams={})[0].changes]
['create_person', 'create_team', 'join_team']
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from incheck.domain.people import LEAD, MEMBER, PERSON_NAME_LIMIT, TEAM_NAME_LIMIT, team_key

COLUMNS = ("name", "email", "team", "role")
REQUIRED = frozenset({"email"})
MAX_LINES = 5000


@dataclass(frozen=True)
class RosterRow:
    line: int
    name: str
    email: str
    team: str
    role: str


@dataclass(frozen=True)
class Problem:
    line: int
    column: str  # a column name, or "" for the whole line or file
    code: str


@dataclass(frozen=True)
class Change:
    kind: str  # create_person, create_team, join_team, change_role
    detail: str = ""  # the role for join_team and change_role


@dataclass(frozen=True)
class PersonFacts:
    """What exists of one person: their name, whether they may sign in, and their teams."""

    name: str
    active: bool
    roles: Mapping[str, str]  # team_key → role


@dataclass(frozen=True)
class TeamFacts:
    name: str
    archived: bool


@dataclass
class LinePlan:
    row: RosterRow
    changes: list[Change] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def unchanged(self) -> bool:
        return not self.changes and not self.problems


def email_key(email: str) -> str:
    # lower(), as the database compares (`Lower`), so the plan and the query agree.
    return email.strip().lower()


def read_roster(text: str) -> tuple[list[RosterRow], list[Problem]]:
    """The rows of a CSV roster, and what is wrong with the file as a whole.

    The first line names the columns, in any order and case; `email` is required, `name`,
    `team` and `role` are optional. A `;` separator (what spreadsheets write in Sweden) works
    as well as `,`. Blank lines are skipped.
    """
    text = text.lstrip("\ufeff")
    if not text.strip():
        return [], [Problem(1, "", "roster_empty")]
    first = text.splitlines()[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        return _rows(reader)
    except csv.Error:
        # A quote never closed, a stray carriage return: the file is not CSV from that line.
        return [], [Problem(reader.line_num or 1, "", "roster_unreadable")]


def _rows(reader: Any) -> tuple[list[RosterRow], list[Problem]]:
    header = [name.strip().lower() for name in next(reader)]
    problems = [Problem(1, name, "roster_unknown_column") for name in header if name not in COLUMNS]
    problems += [Problem(1, name, "roster_missing_column") for name in REQUIRED - set(header)]
    if problems:
        return [], problems
    rows: list[RosterRow] = []
    for values in reader:
        line = reader.line_num
        if not any(value.strip() for value in values):
            continue
        if len(rows) >= MAX_LINES:
            return [], [Problem(line, "", "roster_too_long")]
        if len(values) != len(header):
            problems.append(Problem(line, "", "roster_wrong_field_count"))
            continue
        cells = dict(zip(header, (value.strip() for value in values), strict=True))
        rows.append(
            RosterRow(
                line=line,
                name=cells.get("name", ""),
                email=cells.get("email", ""),
                team=cells.get("team", ""),
                role=(cells.get("role", "") or MEMBER).lower(),
            )
        )
    return rows, problems


def plan_roster(
    rows: list[RosterRow],
    *,
    people: Mapping[str, PersonFacts],
    teams: Mapping[str, TeamFacts],
    email_ok: Callable[[str], bool] = lambda email: "@" in email,
) -> list[LinePlan]:
    """What importing `rows` would change, line by line, given the people (by `email_key`) and
    teams (by `team_key`) that exist. Importing the same file twice plans no change the second
    time."""
    plans: list[LinePlan] = []
    new_people: set[str] = set()
    new_teams: set[str] = set()
    seen: dict[tuple[str, str], int] = {}
    planned_roles: dict[tuple[str, str], str] = {}
    for row in rows:
        plan = LinePlan(row)
        plans.append(plan)
        problems = _row_problems(row, email_ok)
        person = people.get(email_key(row.email))
        team = teams.get(team_key(row.team)) if row.team else None
        if person is not None and not person.active:
            problems.append(Problem(row.line, "email", "roster_deactivated"))
        if team is not None and team.archived:
            problems.append(Problem(row.line, "team", "team_archived"))
        pair = (email_key(row.email), team_key(row.team))
        if pair in seen:
            problems.append(Problem(row.line, "", "roster_duplicate_line"))
        seen.setdefault(pair, row.line)
        if problems:
            plan.problems = problems
            continue
        key = email_key(row.email)
        if person is None and key not in new_people:
            plan.changes.append(Change("create_person"))
            new_people.add(key)
        if not row.team:
            continue
        tkey = team_key(row.team)
        if team is None and tkey not in new_teams:
            plan.changes.append(Change("create_team"))
            new_teams.add(tkey)
        current = person.roles.get(tkey) if person is not None else None
        current = planned_roles.get((key, tkey), current)
        if current is None:
            plan.changes.append(Change("join_team", row.role))
        elif current != row.role:
            plan.changes.append(Change("change_role", row.role))
        planned_roles[(key, tkey)] = row.role
    return plans


def _row_problems(row: RosterRow, email_ok: Callable[[str], bool]) -> list[Problem]:
    problems: list[Problem] = []
    if not row.email:
        problems.append(Problem(row.line, "email", "roster_email_required"))
    elif not email_ok(row.email):
        problems.append(Problem(row.line, "email", "email_invalid"))
    if len(row.name) > PERSON_NAME_LIMIT:
        problems.append(Problem(row.line, "name", "person_name_too_long"))
    if len(row.team) > TEAM_NAME_LIMIT:
        problems.append(Problem(row.line, "team", "team_name_too_long"))
    if row.role not in (MEMBER, LEAD):
        problems.append(Problem(row.line, "role", "unknown_role"))
    elif row.role == LEAD and not row.team:
        problems.append(Problem(row.line, "role", "roster_lead_without_team"))
    return problems
