"""Who may write what. Reading is open to everyone signed in (OKRs are transparent).

One rule per write, and an update is held to the create rule for whatever it changes: what may
not be created may not be reached by an update either (`may_update_objective`,
`may_update_key_result`). `is_admin` is a superuser of the installation (see
`okrs.services.access.is_admin`); Django's `is_staff` alone grants nothing here.

The facts come in as plain ids so the rule is tested without a database:

>>> may_check_in(Actor(user_id=1, is_admin=False, lead_team_ids=frozenset()),
...              owner_id=1, team_ids=frozenset({7}))
True
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Actor:
    user_id: int
    is_admin: bool
    lead_team_ids: frozenset[int]
    team_ids: frozenset[int] = frozenset()


def leads_any(actor: Actor, team_ids: frozenset[int]) -> bool:
    return bool(actor.lead_team_ids & team_ids)


def may_check_in(actor: Actor, *, owner_id: int, team_ids: frozenset[int]) -> bool:
    """A check-in on a KR: its owner, the leads of its team, and admins."""
    return actor.is_admin or actor.user_id == owner_id or leads_any(actor, team_ids)


def may_edit_objective(
    actor: Actor, *, owner_id: int | None, team_id: int | None, created_by_id: int | None
) -> bool:
    """An objective: its owner (or creator), the leads of its team, and admins."""
    if actor.is_admin or actor.user_id in {owner_id, created_by_id}:
        return True
    return team_id is not None and team_id in actor.lead_team_ids


def may_create_objective(actor: Actor, *, owner_id: int | None, team_id: int | None) -> bool:
    """Anyone may set their own objectives; team objectives are for the team's leads and admins."""
    if actor.is_admin:
        return True
    if team_id is not None:
        return team_id in actor.lead_team_ids
    return owner_id == actor.user_id


def may_update_objective(
    actor: Actor,
    *,
    owner_id: int | None,
    team_id: int | None,
    created_by_id: int | None,
    new_owner_id: int | None,
    new_team_id: int | None,
) -> bool:
    """An edit of an objective: whoever may edit it, and a new owner only one they could have
    created it for. What may not be created may not be reached by an update either: a member
    does not hand her objective to someone else or move it into a team she does not lead, a
    lead does not move his team's objective into another team.

    >>> alice = Actor(user_id=1, is_admin=False, lead_team_ids=frozenset(),
    ...               team_ids=frozenset({7}))
    >>> may_update_objective(alice, owner_id=1, team_id=None, created_by_id=1,
    ...                      new_owner_id=None, new_team_id=7)
    False
    """
    if not may_edit_objective(
        actor, owner_id=owner_id, team_id=team_id, created_by_id=created_by_id
    ):
        return False
    if (new_owner_id, new_team_id) == (owner_id, team_id):
        return True
    return may_create_objective(actor, owner_id=new_owner_id, team_id=new_team_id)


def may_add_key_result(actor: Actor, *, objective_editable: bool, team_id: int | None) -> bool:
    """A KR under an objective: whoever may edit the objective, and members of its team."""
    return objective_editable or (team_id is not None and team_id in actor.team_ids)


def may_edit_key_result(
    actor: Actor, *, owner_id: int, team_ids: frozenset[int], objective_editable: bool
) -> bool:
    """A KR's definition: its owner, whoever may edit its objective, and the leads of its team."""
    return may_check_in(actor, owner_id=owner_id, team_ids=team_ids) or objective_editable


def may_update_key_result(
    actor: Actor,
    *,
    owner_id: int,
    team_ids: frozenset[int],
    objective_editable: bool,
    objective_team_id: int | None,
    new_owner_id: int,
) -> bool:
    """An edit of a KR: whoever may edit its definition; handing it to someone else only for
    those who may add a KR with that owner to its objective (the create rule).

    >>> charlie = Actor(user_id=3, is_admin=False, lead_team_ids=frozenset(),
    ...                 team_ids=frozenset({8}))
    >>> may_update_key_result(charlie, owner_id=3, team_ids=frozenset({7}),
    ...                       objective_editable=False, objective_team_id=7, new_owner_id=1)
    False
    """
    if not may_edit_key_result(
        actor, owner_id=owner_id, team_ids=team_ids, objective_editable=objective_editable
    ):
        return False
    return new_owner_id == owner_id or may_add_key_result(
        actor, objective_editable=objective_editable, team_id=objective_team_id
    )


def may_give_feedback(actor: Actor, *, owner_id: int) -> bool:
    """Feedback is for leads and colleagues: anyone signed in but the KR's own owner."""
    return actor.user_id != owner_id


def may_close_period(actor: Actor) -> bool:
    """Closing a period locks it for everyone: leads and admins only."""
    return actor.is_admin or bool(actor.lead_team_ids)


def may_manage_people(actor: Actor) -> bool:
    """Invite, deactivate, make admins, create and rearrange teams: admins only."""
    return actor.is_admin


def may_manage_members(actor: Actor, *, team_id: int) -> bool:
    """Add and remove a team's members and choose its leads: the team's leads and admins."""
    return actor.is_admin or team_id in actor.lead_team_ids


def may_change_team_settings(actor: Actor, *, team_id: int) -> bool:
    """A team's settings (its check-in rhythm and channels): its leads, and admins."""
    return actor.is_admin or team_id in actor.lead_team_ids
