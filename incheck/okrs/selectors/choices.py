"""How a team, a person or an objective reads in a list of choices (label computed once)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model

from incheck.accounts.models import Team
from incheck.accounts.names import display_name
from incheck.okrs.models import Objective

Choice = tuple[int, str]


def team_choice(team: Team) -> Choice:
    return (team.pk, team.name)


def person_choice(user: Any) -> Choice:
    return (int(user.pk), display_name(user))


def person_choice_of(user_id: int) -> Choice | None:
    """The person with this id as a choice (one query), or None when there is none."""
    if not 0 < user_id < 2**31:
        return None
    person = get_user_model().objects.select_related("profile").filter(pk=user_id).first()
    return person_choice(person) if person else None


def objective_choice(objective: Objective) -> Choice:
    """The title, and whose it is (objectives of different teams often share words)."""
    owner = objective.team.name if objective.team else display_name(objective.owner)
    return (objective.pk, f"{objective.title} · {owner}")
