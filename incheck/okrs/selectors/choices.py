"""How a team, a person or an objective reads in a list of choices (label computed once)."""

from __future__ import annotations

from typing import Any

from incheck.accounts.models import Team
from incheck.okrs.models import Objective

Choice = tuple[int, str]


def person_name(user: Any) -> str:
    """A person's display name, else their user name (the profile joined: no query)."""
    profile = getattr(user, "profile", None)
    return (profile.display_name if profile else "") or user.get_username()


def team_choice(team: Team) -> Choice:
    return (team.pk, team.name)


def person_choice(user: Any) -> Choice:
    return (int(user.pk), person_name(user))


def objective_choice(objective: Objective) -> Choice:
    """The title, and whose it is (objectives of different teams often share words)."""
    owner = objective.team.name if objective.team else person_name(objective.owner)
    return (objective.pk, f"{objective.title} · {owner}")
