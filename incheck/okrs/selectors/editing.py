"""Reads behind the forms that define objectives and key results: choices and who may edit."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser

from incheck.accounts.models import Team
from incheck.accounts.names import display_name
from incheck.accounts.selectors import SEARCH_LIMIT, person_search, team_search
from incheck.domain.permissions import may_add_key_result, may_create_objective
from incheck.errors import Forbidden, NotFound
from incheck.okrs.messages import message
from incheck.okrs.models import KeyResult, Objective, Period
from incheck.okrs.services.access import actor_for
from incheck.okrs.services.key_results import may_edit_definition
from incheck.okrs.services.objectives import may_edit

Choice = tuple[str | int, str]

# An objective's owner as the form sends it: "team:ID" or "user:ID".
OWNER_VALUE = re.compile(r"(team|user):([1-9][0-9]{0,9})")


def open_period_choices() -> list[Choice]:
    """The periods that take objectives, newest first (one query)."""
    periods = Period.objects.filter(closed_at__isnull=True).order_by("-start_on")[:50]
    return [(period.pk, period.name) for period in periods]


def owner_choices(user: AbstractBaseUser, q: str = "") -> list[Choice]:
    """The owners this person may give an objective whose name has every word of `q`.

    Filtered with the rule the service applies, so the form offers only what it will accept,
    and never the whole organisation: an admin may pick any team or person, so theirs is a
    search (the first matches of each); anyone else picks among themselves and the teams they
    lead. Two queries at most, plus the actor.
    """
    actor = actor_for(user)
    if actor.is_admin:
        teams = team_search(q)
        people = person_search(q)
    else:
        words = q.casefold().split()
        teams = [
            team
            for team in Team.objects.filter(
                pk__in=actor.lead_team_ids, archived_at__isnull=True
            ).order_by("name", "id")
            if all(word in team.name.casefold() for word in words)
        ][:SEARCH_LIMIT]
        me = get_user_model().objects.select_related("profile").filter(pk=actor.user_id)
        people = [
            person
            for person in me
            if all(
                word in f"{display_name(person)} {person.get_username()}".casefold()
                for word in words
            )
        ]
    return [
        *(
            (f"team:{team.pk}", team.name)
            for team in teams
            if may_create_objective(actor, owner_id=None, team_id=team.pk)
        ),
        *(
            (f"user:{person.pk}", display_name(person))
            for person in people
            if may_create_objective(actor, owner_id=person.pk, team_id=None)
        ),
    ]


def owner_choice_of(value: str) -> Choice | None:
    """How an owner value ("team:ID", "user:ID") reads, or None when it names nobody."""
    match = OWNER_VALUE.fullmatch(value)
    if match is None:
        return None
    kind, ident = match.group(1), int(match.group(2))
    if kind == "team":
        team = Team.objects.filter(pk=ident).first()
        return (value, team.name) if team else None
    person = get_user_model().objects.select_related("profile").filter(pk=ident).first()
    return (value, display_name(person)) if person else None


def objective_for_edit(user: AbstractBaseUser, objective_id: int) -> Objective:
    """The objective, if this person may edit it (NotFound, Forbidden otherwise)."""
    objective = Objective.objects.select_related("period").filter(pk=objective_id).first()
    if objective is None:
        raise NotFound(code="not_found")
    if not may_edit(user, objective):
        raise Forbidden(message("forbidden"), code="forbidden")
    return objective


def objective_for_new_key_result(user: AbstractBaseUser, objective_id: int) -> Objective:
    """The objective, if this person may add a KR to it (NotFound, Forbidden otherwise)."""
    objective = Objective.objects.select_related("period").filter(pk=objective_id).first()
    if objective is None:
        raise NotFound(code="not_found")
    if not may_add_key_result(
        actor_for(user), objective_editable=may_edit(user, objective), team_id=objective.team_id
    ):
        raise Forbidden(message("forbidden"), code="forbidden")
    return objective


def key_result_for_edit(user: AbstractBaseUser, key_result_id: int) -> KeyResult:
    """The KR, if this person may change its definition (NotFound, Forbidden otherwise)."""
    key_result = (
        KeyResult.objects.select_related("objective__period", "owner__profile")
        .filter(pk=key_result_id)
        .first()
    )
    if key_result is None:
        raise NotFound(code="not_found")
    if not may_edit_definition(user, key_result):
        raise Forbidden(message("forbidden"), code="forbidden")
    return key_result


@dataclass(frozen=True)
class ObjectiveRights:
    """What a person may do with each objective on a page, by objective id."""

    editable: frozenset[int]
    extendable: frozenset[int]


def objective_rights(user: AbstractBaseUser, objectives: list[Objective]) -> ObjectiveRights:
    """Which objectives this person may edit and add KRs to (one query at most: the actor).

    None in a closed period: the services refuse those writes (``period_closed``), so the page
    does not offer them. The objectives come with their period joined.
    """
    actor = actor_for(user)
    open_ones = [o for o in objectives if not o.period.is_closed]
    editable = frozenset(o.pk for o in open_ones if may_edit(user, o))
    extendable = frozenset(
        o.pk
        for o in open_ones
        if may_add_key_result(actor, objective_editable=o.pk in editable, team_id=o.team_id)
    )
    return ObjectiveRights(editable=editable, extendable=extendable)
