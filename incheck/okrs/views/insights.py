"""The insight library and the blockers page (with the form that resolves a blocker)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST, require_safe

from incheck.domain.checkins import TEXT_LIMIT
from incheck.errors import Invalid
from incheck.okrs.forms.insights import BlockerFilterForm, BlockerResolveForm, InsightFilterForm
from incheck.okrs.selectors.blockers import BlockerState, blocker_board
from incheck.okrs.selectors.insights import insight_library as select_insight_library
from incheck.okrs.services.signals import blocker_resolve as resolve_blocker
from incheck.okrs.views.common import domain_errors, signed_in
from incheck.okrs.views.search import person_filter, team_filter

PAGE_SIZE = 25


def page_query(query: QueryDict, page: int) -> str:
    """The same filters on another page, as a query string (`?…`)."""
    copy = query.copy()
    copy.pop("page", None)
    if page > 1:
        copy["page"] = str(page)
    encoded = copy.urlencode()
    return f"?{encoded}" if encoded else "?"


@require_safe
@domain_errors
def insight_library(request: HttpRequest) -> HttpResponse:
    form = InsightFilterForm(request.GET)
    form.is_valid()  # the errors are shown; the valid filters still apply
    number = form.page_number()
    library = select_insight_library(
        **form.filters(), limit=PAGE_SIZE, offset=(number - 1) * PAGE_SIZE
    )
    filters = form.filters()
    context: dict[str, Any] = {
        "form": form,
        "library": library,
        "team_filter": team_filter(filters["team_id"], errors=form.errors.get("team")),
        "person_filter": person_filter(filters["author_id"], errors=form.errors.get("person")),
        "page": library.page,
        "first_number": library.page.offset + 1,
        "previous_query": page_query(request.GET, number - 1),
        "next_query": page_query(request.GET, number + 1),
    }
    return render(request, "okrs/insights.html", context)


def _board_context(
    request: HttpRequest,
    filters: BlockerFilterForm,
    *,
    failed_id: int | None = None,
    failed_form: BlockerResolveForm | None = None,
) -> dict[str, Any]:
    state: BlockerState = "resolved" if filters.state_value() == "resolved" else "open"
    number = filters.page_number()
    board = blocker_board(
        signed_in(request),
        state=state,
        team_id=filters.team_id(),
        limit=PAGE_SIZE,
        offset=(number - 1) * PAGE_SIZE,
    )
    # Built from the parsed filters only: a POST carries the token and the text too.
    query = QueryDict(mutable=True)
    if state == "resolved":
        query["state"] = state
    if filters.team_id() is not None:
        query["team"] = str(filters.team_id())
    return {
        "filters": filters,
        "board": board,
        "page": board.page,
        "page_number": number,
        "team_id": filters.team_id(),
        "team_filter": team_filter(filters.team_id()),
        "failed_id": failed_id,
        "failed_form": failed_form,
        "text_limit": TEXT_LIMIT,
        "previous_query": page_query(query, number - 1),
        "next_query": page_query(query, number + 1),
    }


@require_safe
@domain_errors
def blocker_list(request: HttpRequest) -> HttpResponse:
    filters = BlockerFilterForm(request.GET)
    filters.is_valid()
    return render(request, "okrs/blockers.html", _board_context(request, filters))


@require_POST
@domain_errors
def blocker_resolve(request: HttpRequest, blocker_id: int) -> HttpResponse:
    user = signed_in(request)
    form = BlockerResolveForm(request.POST)
    form.is_valid()
    try:
        # The service checks who may resolve (403) before it reads the text.
        insight = resolve_blocker(
            actor=user, blocker_id=blocker_id, resolution=form.cleaned_data.get("resolution", "")
        )
    except Invalid as error:
        for field, text in error.fields.items():
            form.add_error(field if field in form.fields else None, text)
        if not error.fields:
            form.add_error(None, error.detail)
        # Back to the same list (team and page come along as hidden fields), with the error
        # under this blocker and the text as typed.
        filters = BlockerFilterForm(request.POST)
        filters.is_valid()
        context = _board_context(request, filters, failed_id=blocker_id, failed_form=form)
        return render(request, "okrs/blockers.html", context)
    messages.success(request, _("Blocker resolved; the way around it is now an insight."))
    return HttpResponseRedirect(
        reverse("blocker_list") + f"?state=resolved#blocker-{insight.resolves_id}"
    )
