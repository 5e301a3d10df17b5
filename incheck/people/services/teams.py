"""Teams (admins): create, rename, nest under another team, archive and restore.

An archived team keeps its objectives, KRs and members (history stays readable) but leaves the
team lists and pickers, takes no new members, and cannot be a new team's parent.
"""

from __future__ import annotations

from django.db import transaction

from incheck import clock
from incheck.accounts.models import Team
from incheck.audit.services import audit_record
from incheck.domain.people import TEAM_NAME_LIMIT, creates_cycle, team_key
from incheck.errors import NotFound
from incheck.okrs.services.access import User
from incheck.people.messages import message
from incheck.people.services.common import admin_actor, invalid

# Not given: leave as it is (None means "no parent" for `parent_id`).
UNCHANGED: object = object()


def team_get(team_id: int, *, lock: bool = False) -> Team:
    teams = Team.objects.select_for_update() if lock else Team.objects.all()
    team = teams.filter(pk=team_id).first()
    if team is None:
        raise NotFound(message("not_found"), code="not_found")
    return team


def team_name_problem(name: str, *, team_id: int | None = None) -> str | None:
    """The code for a team name that cannot be used (None when it can). Names are unique
    whatever their case, so a CSV or a groups claim finds exactly one team."""
    if not name:
        return "team_name_required"
    if len(name) > TEAM_NAME_LIMIT:
        return "team_name_too_long"
    # A fixed number of names to compare; a case-insensitive index would need a migration per
    # database, and the comparison must fold case the way `team_key` does.
    key = team_key(name)
    others = Team.objects.exclude(pk=team_id) if team_id is not None else Team.objects.all()
    if any(team_key(other) == key for other in others.values_list("name", flat=True)):
        return "team_name_taken"
    return None


def _parent_problem(team_id: int | None, parent_id: int | None) -> str | None:
    if parent_id is None:
        return None
    parent = Team.objects.filter(pk=parent_id).first()
    if parent is None:
        return "unknown_team"
    if parent.archived_at is not None:
        return "team_archived"
    if team_id is not None:
        parent_of = dict(Team.objects.values_list("pk", "parent_id"))
        if creates_cycle(team_id, parent_id, parent_of):
            return "team_cycle"
    return None


@transaction.atomic
def team_create(*, actor: User, name: str, parent_id: int | None = None) -> Team:
    """A new team, optionally under a parent team (admins)."""
    admin_actor(actor)
    # One team write at a time: the name check and the cycle check read every team.
    _lock_teams()
    name = name.strip()
    problems: dict[str, str] = {}
    if problem := team_name_problem(name):
        problems["name"] = problem
    if problem := _parent_problem(None, parent_id):
        problems["parent"] = problem
    if problems:
        raise invalid(problems)
    team = Team.objects.create(name=name, parent_id=parent_id)
    audit_record(actor=actor, action="team.created", target=team, details={"parent": parent_id})
    return team


@transaction.atomic
def team_update(
    *,
    actor: User,
    team_id: int,
    name: str | None = None,
    parent_id: int | object | None = UNCHANGED,
    archived: bool | None = None,
) -> Team:
    """Rename a team, move it under another (or to the top), archive or restore it (admins)."""
    admin_actor(actor)
    _lock_teams()
    team = team_get(team_id, lock=True)
    problems: dict[str, str] = {}
    new_name = team.name if name is None else name.strip()
    if name is not None and (problem := team_name_problem(new_name, team_id=team.pk)):
        problems["name"] = problem
    new_parent = team.parent_id if parent_id is UNCHANGED else parent_id
    assert new_parent is None or isinstance(new_parent, int)
    if new_parent != team.parent_id and (problem := _parent_problem(team.pk, new_parent)):
        problems["parent"] = problem
    if problems:
        raise invalid(problems)
    if new_name != team.name:
        audit_record(
            actor=actor,
            action="team.renamed",
            target=team,
            details={"from": team.name, "to": new_name},
        )
        team.name = new_name
    if new_parent != team.parent_id:
        audit_record(
            actor=actor,
            action="team.moved",
            target=team,
            details={"from": team.parent_id, "to": new_parent},
        )
        team.parent_id = new_parent
    if archived is not None and archived != (team.archived_at is not None):
        team.archived_at = clock.now() if archived else None
        audit_record(
            actor=actor, action="team.archived" if archived else "team.restored", target=team
        )
    team.save()
    return team


def _lock_teams() -> None:
    # Every team row, in a fixed order: a handful of rows in any organisation.
    list(Team.objects.select_for_update().order_by("pk").values_list("pk", flat=True))
