"""A KR's team: the objective's team, else its owner's teams (one rule, `domain.teams`)."""

from incheck.domain.teams import key_result_team_ids


def test_a_team_objective_makes_the_kr_its_teams_alone() -> None:
    assert key_result_team_ids(objective_team_id=3, owner_team_ids=[5, 6]) == {3}


def test_a_personal_objective_makes_the_kr_every_team_of_its_owner() -> None:
    assert key_result_team_ids(objective_team_id=None, owner_team_ids=[5, 6]) == {5, 6}


def test_a_personal_kr_of_someone_in_no_team_belongs_to_no_team() -> None:
    assert key_result_team_ids(objective_team_id=None, owner_team_ids=[]) == frozenset()
