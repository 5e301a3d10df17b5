"""Archiving an objective or a KR, and bringing it back.

The edit pages link to a page that asks first (no script needed, none inline); its POST
archives. Unarchiving is one button (on the edit page and the archived KR's own page): it only
brings back what was there. Who may: whoever may edit it (`services.objectives.objective_update`,
`services.key_results.key_result_update`).
"""

from __future__ import annotations

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


def _wants_archive(request: HttpRequest) -> bool:
    # "archived=0" brings it back; anything else that is posted archives.
    return request.POST.get("archived", "1") != "0"


@require_http_methods(["GET", "POST"])
@domain_errors
def objective_archive(request: HttpRequest, objective_id: int) -> HttpResponse:
    user = signed_in(request)
    objective = objective_for_edit(user, objective_id)
    error = ""
    if request.method == "POST":
        archive = _wants_archive(request)
        try:
            objective_update(actor=user, objective_id=objective_id, archived=archive)
        except Conflict as conflict:
            error = conflict.detail
        else:
            messages.success(
                request, _("Objective archived.") if archive else _("Objective brought back.")
            )
            return HttpResponseRedirect(reverse("objective_edit", args=[objective_id]))
    context = {"objective": objective, "error": error}
    return render(request, "okrs/objective_archive.html", context, status=409 if error else 200)


@require_http_methods(["GET", "POST"])
@domain_errors
def key_result_archive(request: HttpRequest, key_result_id: int) -> HttpResponse:
    user = signed_in(request)
    key_result = key_result_for_edit(user, key_result_id)
    error = ""
    if request.method == "POST":
        archive = _wants_archive(request)
        try:
            key_result_update(actor=user, key_result_id=key_result_id, archived=archive)
        except Conflict as conflict:
            error = conflict.detail
        else:
            messages.success(
                request, _("Key result archived.") if archive else _("Key result brought back.")
            )
            return HttpResponseRedirect(reverse("key_result_detail", args=[key_result_id]))
    context = {"key_result": key_result, "objective": key_result.objective, "error": error}
    return render(request, "okrs/key_result_archive.html", context, status=409 if error else 200)
