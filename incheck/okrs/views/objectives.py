"""The forms that create and edit an objective."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from incheck.errors import Conflict, Invalid
from incheck.okrs.forms.definitions import ObjectiveForm
from incheck.okrs.models import Objective
from incheck.okrs.selectors.editing import definition_choices, objective_for_edit
from incheck.okrs.services.objectives import objective_create as create_objective
from incheck.okrs.services.objectives import objective_update
from incheck.okrs.views.common import domain_errors, signed_in


def _after_edit(objective: Objective) -> str:
    if objective.team_id is not None:
        return reverse("team_detail", args=[objective.team_id])
    return reverse("inbox")


@require_http_methods(["GET", "POST"])
@domain_errors
def objective_create(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    choices = definition_choices(user)
    team = request.GET.get("team", "")
    # The period the person was looking at, when it takes objectives; else the first open one.
    open_periods = [str(value) for value, _label in choices.periods]
    asked = request.GET.get("period", "")
    initial = {
        "owned_by": f"team:{team}" if team.isascii() and team.isdigit() else f"user:{user.pk}",
        "period": asked if asked in open_periods else (open_periods[0] if open_periods else None),
    }
    form = ObjectiveForm(
        request.POST or None,
        periods=choices.periods,
        owners=choices.owners,
        parents=choices.parents,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            objective = create_objective(actor=user, **form.values())
        except (Invalid, Conflict) as error:
            form.add_service_errors(error.fields, error.detail)
        else:
            # An objective is measured by its KRs: add the first one next.
            return HttpResponseRedirect(reverse("key_result_create", args=[objective.pk]))
    return render(request, "okrs/objective_form.html", {"form": form, "objective": None})


@require_http_methods(["GET", "POST"])
@domain_errors
def objective_edit(request: HttpRequest, objective_id: int) -> HttpResponse:
    user = signed_in(request)
    objective = objective_for_edit(user, objective_id)
    choices = definition_choices(user)
    owned_by = f"team:{objective.team_id}" if objective.team_id else f"user:{objective.owner_id}"
    owners = choices.owners
    if not any(value == owned_by for _label, group in owners for value, _name in group):
        # The current owner stays selectable even if this person could not pick it anew.
        owners = [*owners, ("", [(owned_by, str(objective.team or objective.owner))])]
    parents = [(pk, title) for pk, title in choices.parents if pk != objective.pk]
    form = ObjectiveForm(
        request.POST or None,
        periods=choices.periods,
        owners=owners,
        parents=parents,
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
            form.add_service_errors(error.fields, error.detail)
        else:
            return HttpResponseRedirect(_after_edit(objective))
    return render(request, "okrs/objective_form.html", {"form": form, "objective": objective})
