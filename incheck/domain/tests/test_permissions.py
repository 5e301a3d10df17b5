"""Who may write what: an update is held to the create rule, and parents never loop."""

from __future__ import annotations

import doctest

import pytest

from incheck.domain import definitions, permissions
from incheck.domain.definitions import parent_cycle
from incheck.domain.permissions import Actor, may_update_key_result, may_update_objective

GROWTH, PLATFORM = 7, 8
ALICE, BOB, LENA, CHARLIE, ADA = 1, 2, 3, 4, 5

alice = Actor(user_id=ALICE, is_admin=False, lead_team_ids=frozenset(), team_ids=frozenset({7}))
lena = Actor(user_id=LENA, is_admin=False, lead_team_ids=frozenset({7}), team_ids=frozenset({7}))
charlie = Actor(user_id=CHARLIE, is_admin=False, lead_team_ids=frozenset(), team_ids=frozenset({8}))
ada = Actor(user_id=ADA, is_admin=True, lead_team_ids=frozenset())


def test_the_examples_in_the_docstrings_hold():
    assert doctest.testmod(permissions).failed == 0
    assert doctest.testmod(definitions).failed == 0


def own_objective_moved(actor: Actor, *, to_owner: int | None, to_team: int | None) -> bool:
    return may_update_objective(
        actor,
        owner_id=ALICE,
        team_id=None,
        created_by_id=ALICE,
        new_owner_id=to_owner,
        new_team_id=to_team,
    )


def team_objective_moved(actor: Actor, *, to_owner: int | None, to_team: int | None) -> bool:
    return may_update_objective(
        actor,
        owner_id=None,
        team_id=GROWTH,
        created_by_id=LENA,
        new_owner_id=to_owner,
        new_team_id=to_team,
    )


def test_a_member_edits_her_own_objective_but_keeps_it_hers():
    assert own_objective_moved(alice, to_owner=ALICE, to_team=None)
    assert not own_objective_moved(alice, to_owner=None, to_team=GROWTH)
    assert not own_objective_moved(alice, to_owner=BOB, to_team=None)


def test_a_lead_moves_objectives_only_into_teams_he_leads():
    assert team_objective_moved(lena, to_owner=None, to_team=GROWTH)
    assert not team_objective_moved(lena, to_owner=None, to_team=PLATFORM)
    # Handing the team's objective to one person is creating one for someone else.
    assert not team_objective_moved(lena, to_owner=ALICE, to_team=None)
    assert team_objective_moved(lena, to_owner=LENA, to_team=None)


def test_an_admin_moves_any_objective_anywhere():
    assert team_objective_moved(ada, to_owner=None, to_team=PLATFORM)
    assert own_objective_moved(ada, to_owner=BOB, to_team=None)


def test_someone_who_may_not_edit_may_not_move_either():
    assert not team_objective_moved(charlie, to_owner=None, to_team=GROWTH)


@pytest.mark.parametrize(
    ("actor", "new_owner", "allowed"),
    [
        (alice, ALICE, True),  # the owner edits her KR
        (alice, BOB, True),  # and hands it to a teammate: she could add a KR for him
        (charlie, CHARLIE, True),  # the owner from another team edits his KR
        (charlie, ALICE, False),  # but may not add KRs to Growth's objective, so not hand it
        (lena, CHARLIE, True),  # the lead of the KR's team
        (ada, BOB, True),
    ],
)
def test_handing_a_key_result_over_follows_the_create_rule(actor, new_owner, allowed):
    owner = CHARLIE if actor is charlie else ALICE
    result = may_update_key_result(
        actor,
        owner_id=owner,
        team_ids=frozenset({GROWTH}),
        objective_editable=actor in (lena, ada),
        objective_team_id=GROWTH,
        new_owner_id=new_owner,
    )
    assert result is allowed


def test_a_parent_may_not_be_the_objective_itself_or_one_under_it():
    links = {1: None, 2: 1, 3: 2, 4: None}
    assert parent_cycle(objective_id=1, parent_id=1, parent_of=links)
    assert parent_cycle(objective_id=1, parent_id=2, parent_of=links)
    assert parent_cycle(objective_id=1, parent_id=3, parent_of=links)
    assert not parent_cycle(objective_id=3, parent_id=1, parent_of=links)
    assert not parent_cycle(objective_id=1, parent_id=4, parent_of=links)
    assert not parent_cycle(objective_id=1, parent_id=None, parent_of=links)


def test_a_loop_already_in_the_data_does_not_hang_the_check():
    links = {2: 3, 3: 2}
    assert not parent_cycle(objective_id=1, parent_id=2, parent_of=links)
    assert parent_cycle(objective_id=2, parent_id=3, parent_of=links)
