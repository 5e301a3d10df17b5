"""Reads behind the forms that define objectives and key results: choices and who may edit."""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.utils.translation import gettext as _

from incheck.accounts.models import Team
from incheck.accounts.names import display_name
from incheck.domain.permissions import may_add_key_result, may_create_objective
from incheck.errors import Forbidden, NotFound
from incheck.okrs.messages import message
from incheck.okrs.models import KeyResult, Objective, Period
from incheck.okrs.services.access import actor_for
from incheck.okrs.services.key_results import may_edit_definition
from incheck.okrs.services.objectives import may_edit

# The choice lists are for a form a person reads; an organisation larger than this needs a
# search box, not a longer list.
CHOICE_LIMIT = 500

Choice = tuple[str | int, str]


@dataclass(frozen=True)
class DefinitionChoices:
    """What the objective and KR forms offer; `owners` values are "team:ID" or "user:ID"."""

    periods: list[Choice]
    owners: list[tuple[str, list[Choice]]]
    people: list[Choice]


def definition_choices(user: AbstractBaseUser) -> DefinitionChoices:
    """Open periods, the owners this person may give an objective, people.

    Three queries (the parent objective is a search: views/search.py). Owners are filtered with
    the same rule the service applies, so the form offers only what will be accepted.
    """
    actor = actor_for(user)
    periods = list(Period.objects.filter(closed_at__isnull=True).order_by("-start_on")[:50])
    teams = list(Team.objects.order_by("name")[:CHOICE_LIMIT])
    people = list(
        get_user_model()
        .objects.filter(is_active=True)
        .select_related("profile")
        .order_by("username")[:CHOICE_LIMIT]
    )
    team_owners: list[Choice] = [
        (f"team:{team.pk}", team.name)
        for team in teams
        if may_create_objective(actor, owner_id=None, team_id=team.pk)
    ]
    person_owners: list[Choice] = [
        (f"user:{person.pk}", display_name(person))
        for person in people
        if may_create_objective(actor, owner_id=person.pk, team_id=None)
    ]
    owners = [(str(_("Teams")), team_owners), (str(_("People")), person_owners)]
    return DefinitionChoices(
        periods=[(period.pk, period.name) for period in periods],
        owners=[(label, group) for label, group in owners if group],
        people=[(person.pk, display_name(person)) for person in people],
    )


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
