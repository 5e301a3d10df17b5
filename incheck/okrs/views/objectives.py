"""The forms that create and edit an objective."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from incheck.errors import Conflict, Invalid
from incheck.okrs.forms.definitions import ObjectiveForm
from incheck.okrs.models import Objective
from incheck.okrs.selectors.alignment import objective_choice_of
from incheck.okrs.selectors.editing import (
    objective_for_edit,
    open_period_choices,
    owner_choice_of,
)
from incheck.okrs.services.objectives import objective_create as create_objective
from incheck.okrs.services.objectives import objective_update
from incheck.okrs.views.common import domain_errors, signed_in
from incheck.okrs.views.search import search_field


def _after_edit(objective: Objective) -> str:
    if objective.team_id is not None:
        return reverse("team_detail", args=[objective.team_id])
    return reverse("inbox")


@require_http_methods(["GET", "POST"])
@domain_errors
def objective_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    periods = open_period_choices()
    team = request.GET.get("team", "")
    # The period the person was looking at, when it takes objectives; else the first open one.
    open_periods = [str(value) for value, _label in periods]
    asked = request.GET.get("period", "")
    initial = {
        "owned_by": f"team:{team}" if team.isascii() and team.isdigit() else f"user:{user.pk}",
        "period": asked if asked in open_periods else (open_periods[0] if open_periods else None),
    }
    form = ObjectiveForm(request.POST or None, periods=periods, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            objective = create_objective(actor=user, **form.values())
        except (Invalid, Conflict) as error:
            form.refused(error)
        else:
            # An objective is measured by its KRs: add the first one next.
            return HttpResponseRedirect(reverse("key_result_create", args=[objective.pk]))
    # The search starts in the period the form shows; typing follows the period picked.
    shown = str((form.data.get("period") if form.is_bound else initial["period"]) or "")
    period_id = int(shown) if shown.isascii() and shown.isdigit() else None
    context = {
        "form": form,
        "objective": None,
        "parent_field": _parent_field(form, initial_period_id=period_id),
        "owner_field": _owner_field(form, user),
    }
    return render(request, "okrs/objective_form.html", context)


@require_http_methods(["GET", "POST"])
@domain_errors
def objective_edit(request: HttpRequest, objective_id: int) -> HttpResponse:
    user = signed_in(request)
    objective = objective_for_edit(user, objective_id)
    owned_by = f"team:{objective.team_id}" if objective.team_id else f"user:{objective.owner_id}"
    form = ObjectiveForm(
        request.POST or None,
        periods=[],
        editing=True,
        initial={
            "title": objective.title,
            "description": objective.description,
            "owned_by": owned_by,
            "parent": objective.parent_id,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            objective = objective_update(actor=user, objective_id=objective_id, **form.values())
        except (Invalid, Conflict) as error:
            form.refused(error)
        else:
            return HttpResponseRedirect(_after_edit(objective))
    context = {
        "form": form,
        "objective": objective,
        "parent_field": _parent_field(form, period_id=objective.period_id, exclude=objective.pk),
        # The current owner stays on top even if this person could not pick it anew.
        "owner_field": _owner_field(form, user),
    }
    return render(request, "okrs/objective_form.html", context)


def _owner_field(form: ObjectiveForm, user: Any) -> dict[str, Any]:
    """ "Owned by": the teams and people this person may pick, searched, the choice on top."""
    raw = str((form.data.get("owned_by") if form.is_bound else form.initial.get("owned_by")) or "")
    return search_field(
        kind="owners",
        name="owned_by",
        label=str(form.fields["owned_by"].label),
        selected=owner_choice_of(raw),
        user=user,
        errors=form["owned_by"].errors,
    )


def _parent_field(
    form: ObjectiveForm,
    *,
    period_id: int | None = None,
    initial_period_id: int | None = None,
    exclude: int | None = None,
) -> dict[str, Any]:
    """The "Aligned with" search: the period's objectives, the current choice kept on top."""
    raw = str((form.data.get("parent") if form.is_bound else form.initial.get("parent")) or "")
    chosen = objective_choice_of(int(raw)) if raw.isascii() and raw.isdigit() else None
    field = search_field(
        kind="objectives",
        name="parent",
        label=str(form.fields["parent"].label),
        selected=chosen,
        none=True,
        period_id=period_id or initial_period_id,
        exclude=exclude,
        errors=form["parent"].errors,
        help_text=_("Type a few letters of its title, its team or its owner."),
    )
    if period_id is None:
        # Creating: the search follows the period select instead of a fixed one.
        field["period"] = None
    return field
