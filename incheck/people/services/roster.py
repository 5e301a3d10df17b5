"""The CSV import of people and teams: a dry run that changes nothing, then the same plan
applied in one transaction, only when no line has a problem. Importing a file twice changes
nothing the second time.

New people get no password and no e-mail: they sign in with SSO, or an admin sends them an
invitation from the people page (`send_invitations=True` does it for every new person).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models.functions import Lower

from incheck.accounts.models import Membership, Team
from incheck.accounts.names import display_name
from incheck.audit.services import audit_record
from incheck.domain.people import team_key
from incheck.domain.roster import (
    LinePlan,
    PersonFacts,
    Problem,
    TeamFacts,
    email_key,
    plan_roster,
    read_roster,
)
from incheck.okrs.services.access import User
from incheck.people.services.common import admin_actor
from incheck.people.services.invitations import invitation_create
from incheck.people.services.people import email_problem, person_create

# About 5,000 lines of names and addresses; the same as a request body may be.
MAX_CHARACTERS = 256 * 1024


@dataclass
class RosterResult:
    lines: list[LinePlan]
    problems: list[Problem]  # every problem, the file's own and each line's
    applied: bool

    @property
    def counts(self) -> dict[str, int]:
        counts = {"create_person": 0, "create_team": 0, "join_team": 0, "change_role": 0}
        for plan in self.lines:
            for change in plan.changes:
                counts[change.kind] += 1
        return counts


def _plan(text: str) -> RosterResult:
    if len(text) > MAX_CHARACTERS:
        return RosterResult([], [Problem(0, "", "roster_too_long")], applied=False)
    rows, problems = read_roster(text)
    keys = {email_key(row.email) for row in rows if row.email}
    users = list(
        get_user_model()
        .objects.annotate(email_key=Lower("email"))
        .filter(email_key__in=keys)
        .select_related("profile")
    )
    teams = {
        team_key(name): TeamFacts(name=name, archived=archived is not None)
        for name, archived in Team.objects.values_list("name", "archived_at")
    }
    roles: dict[int, dict[str, str]] = {}
    memberships = Membership.objects.filter(user__in=users).values_list(
        "user_id", "team__name", "role"
    )
    for user_id, team_name, role in memberships:
        roles.setdefault(user_id, {})[team_key(team_name)] = role
    people: dict[str, PersonFacts] = {}
    for user in users:
        key = email_key(user.email)
        if key in people:
            # Two people share the address: the import cannot tell which one a line means.
            people[key] = PersonFacts(name="", active=False, roles={})
            continue
        people[key] = PersonFacts(
            name=display_name(user),
            active=user.is_active,
            roles=roles.get(user.pk, {}),
        )
    lines = plan_roster(
        rows, people=people, teams=teams, email_ok=lambda email: email_problem(email) is None
    )
    for plan in lines:
        problems.extend(plan.problems)
    return RosterResult(lines, problems, applied=False)


def roster_dry_run(*, actor: User, text: str) -> RosterResult:
    """What importing `text` would change, line by line, and every problem (admins)."""
    admin_actor(actor)
    return _plan(text)


@transaction.atomic
def roster_import(*, actor: User, text: str, send_invitations: bool = False) -> RosterResult:
    """Apply the plan of `text`, all of it or (when any line has a problem) nothing (admins)."""
    admin_actor(actor)
    # One import (or team change) at a time: the plan reads every team.
    list(Team.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
    result = _plan(text)
    if result.problems:
        return result
    people: dict[str, Any] = {}
    teams = {team_key(team.name): team for team in Team.objects.all()}
    for plan in result.lines:
        row = plan.row
        key = email_key(row.email)
        person = people.get(key)
        if person is None:
            person = (
                get_user_model()
                .objects.annotate(email_key=Lower("email"))
                .filter(email_key=key)
                .first()
            )
        for change in plan.changes:
            if change.kind == "create_person":
                person = person_create(email=row.email, name=row.name)
                audit_record(actor=actor, action="person.created", target=person)
                if send_invitations:
                    invitation_create(user=person, invited_by=actor)  # type: ignore[arg-type]
            elif change.kind == "create_team":
                teams[team_key(row.team)] = Team.objects.create(name=row.team)
        people[key] = person
        team = teams.get(team_key(row.team)) if row.team else None
        if team is None or person is None:
            continue
        for change in plan.changes:
            if change.kind == "join_team":
                Membership.objects.create(user=person, team=team, role=change.detail)
            elif change.kind == "change_role":
                Membership.objects.filter(user=person, team=team).update(role=change.detail)
    result.applied = True
    counts = result.counts
    if any(counts.values()):
        audit_record(actor=actor, action="people.imported", target=actor, details=counts)  # type: ignore[arg-type]
    return result
