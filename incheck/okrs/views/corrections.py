"""Correcting a sitting from the KR page: its author, within a day (`services.corrections`).

The timeline links each sitting the reader may still correct to its form. Without JavaScript
that is a page of its own; with htmx the form opens in place of the sitting, and once saved the
KR page's live region is swapped whole (the summaries moved). Deleting asks on a page of its
own first.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from incheck.errors import Conflict, Invalid
from incheck.okrs.forms.corrections import SittingCorrectionForm
from incheck.okrs.selectors.checkins import SittingToCorrect, sitting_for_correction
from incheck.okrs.selectors.pages import key_result_page
from incheck.okrs.services.corrections import sitting_correct, sitting_delete
from incheck.okrs.views.checkins import check_in_form, page_context, render_page
from incheck.okrs.views.common import domain_errors, is_htmx, signed_in


def _form(sitting: SittingToCorrect, data: Any = None) -> SittingCorrectionForm:
    return SittingCorrectionForm(
        data,
        sitting=sitting.id,
        check_ins=sitting.check_ins,
        kr_type=sitting.key_result.kr_type,
    )


def _timeline_url(key_result_id: int) -> str:
    return reverse("key_result_detail", args=[key_result_id]) + "#timeline"


@require_http_methods(["GET", "POST"])
@domain_errors
def sitting_edit(request: HttpRequest, sitting_id: uuid.UUID) -> HttpResponse:
    user = signed_in(request)
    sitting = sitting_for_correction(user, sitting_id)
    kr = sitting.key_result
    form = _form(sitting, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 422
        if form.is_valid():
            try:
                sitting_correct(
                    actor=user,
                    sitting_id=sitting_id,
                    entries=form.entries(),
                    tz=timezone.get_current_timezone(),
                )
            except (Invalid, Conflict) as error:
                status = form.refused(error)
            else:
                return _corrected(request, user, kr.pk)
    context = {"sitting": sitting, "kr": kr, "form": form}
    if is_htmx(request):
        return render(request, "okrs/_sitting_edit_form.html", context, status=status)
    # A plain form answers 200 with its errors, like the check-in form.
    return render(request, "okrs/sitting_edit.html", context)


def _corrected(request: HttpRequest, user: Any, key_result_id: int) -> HttpResponse:
    if not is_htmx(request):
        messages.success(request, _("Check-in corrected."))
        return HttpResponseRedirect(_timeline_url(key_result_id))
    page = key_result_page(user, key_result_id, tz=timezone.get_current_timezone())
    context = page_context(page, check_in_form(page))
    context["corrected"] = True
    response = render_page(request, context)
    # The form asked to swap itself; the summaries moved, so the whole live region is new.
    response["HX-Retarget"] = "#kr-live"
    response["HX-Reswap"] = "outerHTML"
    return response


@require_http_methods(["GET", "POST"])
@domain_errors
def sitting_delete_confirm(request: HttpRequest, sitting_id: uuid.UUID) -> HttpResponse:
    """Asks first (a page of its own, no script); the POST deletes."""
    user = signed_in(request)
    sitting = sitting_for_correction(user, sitting_id)
    error = ""
    if request.method == "POST":
        try:
            sitting_delete(actor=user, sitting_id=sitting_id)
        except Conflict as conflict:
            error = conflict.detail
        else:
            messages.success(request, _("Check-in deleted."))
            return HttpResponseRedirect(_timeline_url(sitting.key_result.pk))
    context = {"sitting": sitting, "kr": sitting.key_result, "error": error}
    return render(request, "okrs/sitting_delete.html", context, status=409 if error else 200)
