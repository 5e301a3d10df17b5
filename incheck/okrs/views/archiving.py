"""Archiving an objective or a KR, and bringing it back.

The edit pages link to a page that asks first (no script needed, none inline); its POST
archives. Unarchiving is one button (on the edit page and the archived KR's own page): it only
brings back what was there. Who may: whoever may edit it (`services.objectives.objective_update`,
`services.key_results.key_result_update`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from incheck.errors import Conflict
from incheck.okrs.selectors.editing import key_result_for_edit, objective_for_edit
from incheck.okrs.services.key_results import key_result_update
from incheck.okrs.services.objectives import objective_update
from incheck.okrs.views.common import domain_errors, signed_in


def _archive_round(
    request: HttpRequest,
    update: Callable[[bool], object],
    *,
    done: tuple[str, str],
    then: str,
    template: str,
    context: dict[str, Any],
) -> HttpResponse:
    """The page that asks first, and its POST: `update(archive)` calls the service; `done` is the
    message after archiving and after bringing back; `then` where to go; a Conflict is shown on
    the page (409)."""
    error = ""
    if request.method == "POST":
        # "archived=0" brings it back; anything else that is posted archives.
        archive = request.POST.get("archived", "1") != "0"
        try:
            update(archive)
        except Conflict as conflict:
            error = conflict.detail
        else:
            messages.success(request, done[0] if archive else done[1])
            return HttpResponseRedirect(then)
    return render(request, template, {**context, "error": error}, status=409 if error else 200)


@require_http_methods(["GET", "POST"])
@domain_errors
def objective_archive(request: HttpRequest, objective_id: int) -> HttpResponse:
    user = signed_in(request)
    objective = objective_for_edit(user, objective_id)
    return _archive_round(
        request,
        lambda archive: objective_update(actor=user, objective_id=objective_id, archived=archive),
        done=(_("Objective archived."), _("Objective brought back.")),
        then=reverse("objective_edit", args=[objective_id]),
        template="okrs/objective_archive.html",
        context={"objective": objective},
    )


@require_http_methods(["GET", "POST"])
@domain_errors
def key_result_archive(request: HttpRequest, key_result_id: int) -> HttpResponse:
    user = signed_in(request)
    key_result = key_result_for_edit(user, key_result_id)
    return _archive_round(
        request,
        lambda archive: key_result_update(
            actor=user, key_result_id=key_result_id, archived=archive
        ),
        done=(_("Key result archived."), _("Key result brought back.")),
        then=reverse("key_result_detail", args=[key_result_id]),
        template="okrs/key_result_archive.html",
        context={"key_result": key_result, "objective": key_result.objective},
    )
