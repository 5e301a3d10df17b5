"""How a team, a person or an objective reads in a list of choices (label computed once)."""

from __future__ import annotations

from typing import Any

from incheck.accounts.models import Team
from incheck.accounts.names import display_name
from incheck.okrs.models import Objective

Choice = tuple[int, str]


def team_choice(team: Team) -> Choice:
    return (team.pk, team.name)


def person_choice(user: Any) -> Choice:
    return (int(user.pk), display_name(user))


def objective_choice(objective: Objective) -> Choice:
    """The title, and whose it is (objectives of different teams often share words)."""
    owner = objective.team.name if objective.team else display_name(objective.owner)
    return (objective.pk, f"{objective.title} · {owner}")
