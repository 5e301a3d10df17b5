"""Search as you type: the choices of a team, person or objective field, a few at a time.

Nothing lists the whole organisation on one page. A field that picks a team, a person or an
objective renders `okrs/_search_choice.html`: a search box and a short list of radio buttons;
typing asks this view (htmx) for the matches, which replace the list. The chosen value is kept
at the top of the list whatever is typed, so a search never loses a choice already made. See
docs/architecture.md ("Lists of the organisation").
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incheck.accounts.models import Team
from incheck.accounts.selectors import person_search, team_search
from incheck.okrs.selectors.alignment import objective_search
from incheck.okrs.selectors.choices import objective_choice, person_choice, team_choice
from incheck.okrs.selectors.editing import OWNER_VALUE, owner_choices
from incheck.okrs.selectors.editing import Choice as OwnerChoice
from incheck.okrs.views.common import domain_errors, query_id, signed_in

FIELD_NAME = re.compile(r"[a-z_]{1,30}")


def choices_for(
    kind: str,
    q: str,
    *,
    user: AbstractBaseUser | None = None,
    period_id: int | None = None,
    exclude: int | None = None,
) -> list[OwnerChoice]:
    """The matches of one kind of choice, as (value, label) pairs; "owners" are the reader's
    (`user`) to give an objective, values "team:ID" and "user:ID"."""
    if kind == "owners":
        return owner_choices(user, q) if user is not None else []
    if kind == "teams":
        return [team_choice(team) for team in team_search(q)]
    if kind == "people":
        return [person_choice(person) for person in person_search(q)]
    if period_id is None:
        return []
    return [
        objective_choice(objective)
        for objective in objective_search(period_id=period_id, q=q, exclude=exclude)
    ]


@require_safe
@domain_errors
def search_choices(request: HttpRequest, kind: str) -> HttpResponse:
    name = request.GET.get("name", "")
    if not FIELD_NAME.fullmatch(name):
        name = kind
    q = request.GET.get(f"{name}_q", "")[:100]
    selected: int | str | None
    if kind == "owners":
        raw = request.GET.get("selected", "")
        selected = raw if OWNER_VALUE.fullmatch(raw) else None
    else:
        selected = query_id(request, "selected")
    choices = choices_for(
        kind,
        q,
        user=signed_in(request),
        period_id=query_id(request, "period"),
        exclude=query_id(request, "exclude"),
    )
    context: dict[str, Any] = {
        "name": name,
        "choices": choices,
        "selected": selected,
        "none_label": request.GET.get("none", "") and _none_label(kind),
        "selected_choice": _selected_choice(request, selected, choices),
    }
    return render(request, "okrs/_search_choice_options.html", context)


def _selected_choice(
    request: HttpRequest, selected: int | str | None, choices: list[OwnerChoice]
) -> OwnerChoice | None:
    """The choice already made, kept on top when it is not among the matches."""
    if selected is None or any(value == selected for value, _label in choices):
        return None
    label = request.GET.get("selected_label", "")[:200]
    return (selected, label) if label else None


def _none_label(kind: str) -> str:
    return {"teams": _("All teams"), "people": _("Everyone")}.get(kind, _("— nothing —"))


def search_field(
    *,
    kind: str,
    name: str,
    label: str,
    selected: OwnerChoice | None,
    user: AbstractBaseUser | None = None,
    none: bool = False,
    period_id: int | None = None,
    exclude: int | None = None,
    errors: Any = (),
    help_text: str = "",
) -> dict[str, Any]:
    """The context of `okrs/_search_choice.html` for a page: the first matches and the choice."""
    choices = choices_for(kind, "", user=user, period_id=period_id, exclude=exclude)
    value = selected[0] if selected else None
    return {
        "name": name,
        "kind": kind,
        "label": label,
        "choices": choices,
        "selected": value,
        "selected_label": selected[1] if selected else "",
        "selected_choice": selected
        if selected and all(v != value for v, _label in choices)
        else None,
        "none_label": _none_label(kind) if none else "",
        "period": period_id,
        "exclude": exclude,
        "errors": errors,
        "help": help_text,
    }


def team_filter(team_id: int | None, *, errors: Any = (), name: str = "team") -> dict[str, Any]:
    """A list's "Team" filter: search as you type, "All teams" when none is chosen."""
    team = Team.objects.filter(pk=team_id).first() if team_id is not None else None
    return search_field(
        kind="teams",
        name=name,
        label=_("Team"),
        selected=team_choice(team) if team else None,
        none=True,
        errors=errors or (),
    )


def person_filter(user_id: int | None, *, errors: Any = (), name: str = "person") -> dict[str, Any]:
    """A list's "Person" filter: search as you type, "Everyone" when none is chosen."""
    person = (
        get_user_model().objects.select_related("profile").filter(pk=user_id).first()
        if user_id is not None
        else None
    )
    return search_field(
        kind="people",
        name=name,
        label=_("Person"),
        selected=person_choice(person) if person else None,
        none=True,
        errors=errors or (),
    )
