"""The KR page, and the forms that create and edit a key result."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_safe

from incheck.errors import Conflict, Invalid
from incheck.okrs.forms.definitions import KeyResultForm
from incheck.okrs.forms.fields import plain_number
from incheck.okrs.selectors.choices import person_choice_of
from incheck.okrs.selectors.editing import key_result_for_edit, objective_for_new_key_result
from incheck.okrs.selectors.pages import key_result_page
from incheck.okrs.services.key_results import key_result_create as create_key_result
from incheck.okrs.services.key_results import key_result_update
from incheck.okrs.views.checkins import check_in_form, page_context, render_page
from incheck.okrs.views.common import domain_errors, query_id, signed_in
from incheck.okrs.views.search import search_field


@require_safe
@domain_errors
def key_result_detail(request: HttpRequest, key_result_id: int) -> HttpResponse:
    page = key_result_page(
        signed_in(request),
        key_result_id,
        tz=timezone.get_current_timezone(),
        older_than=query_id(request, "older"),
    )
    context = page_context(page, check_in_form(page), open_section=request.GET.get("open", ""))
    return render_page(request, context)


@require_http_methods(["GET", "POST"])
@domain_errors
def key_result_create(request: HttpRequest, objective_id: int) -> HttpResponse:
    user = signed_in(request)
    objective = objective_for_new_key_result(user, objective_id)
    form = KeyResultForm(request.POST or None, initial={"owner_id": user.pk})
    if request.method == "POST" and form.is_valid():
        try:
            key_result = create_key_result(actor=user, objective_id=objective_id, **form.values())
        except (Invalid, Conflict) as error:
            form.refused(error)
        else:
            # The why comes first (rule 1): open the Context section straight away.
            url = reverse("key_result_detail", args=[key_result.pk])
            return HttpResponseRedirect(f"{url}?open=context#check-in")
    context = {
        "form": form,
        "objective": objective,
        "key_result": None,
        "owner_field": _owner_field(form),
    }
    return render(request, "okrs/key_result_form.html", context)


@require_http_methods(["GET", "POST"])
@domain_errors
def key_result_edit(request: HttpRequest, key_result_id: int) -> HttpResponse:
    user = signed_in(request)
    key_result = key_result_for_edit(user, key_result_id)
    initial = {
        "title": key_result.title,
        "owner_id": key_result.owner_id,
        "kr_type": key_result.kr_type,
        "start_value": plain_number(key_result.start_value),
        "target_value": plain_number(key_result.target_value),
        "unit": key_result.unit,
    }
    form = KeyResultForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            key_result_update(actor=user, key_result_id=key_result_id, **form.values())
        except (Invalid, Conflict) as error:
            form.refused(error)
        else:
            return HttpResponseRedirect(reverse("key_result_detail", args=[key_result_id]))
    context = {
        "form": form,
        "objective": key_result.objective,
        "key_result": key_result,
        "owner_field": _owner_field(form),
    }
    return render(request, "okrs/key_result_form.html", context)


def _owner_field(form: KeyResultForm) -> dict[str, Any]:
    """The owner: a search of people (never the whole organisation), the current one on top."""
    raw = str((form.data.get("owner_id") if form.is_bound else form.initial.get("owner_id")) or "")
    chosen = person_choice_of(int(raw)) if raw.isascii() and raw.isdigit() else None
    return search_field(
        kind="people",
        name="owner_id",
        label=str(form.fields["owner_id"].label),
        selected=chosen,
        errors=form["owner_id"].errors,
    )
