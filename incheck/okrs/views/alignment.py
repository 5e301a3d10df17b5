"""Alignment: how the period's objectives connect, a branch at a time (selectors/alignment)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from incheck.okrs.selectors.alignment import alignment_branch, alignment_tree
from incheck.okrs.selectors.choices import team_choice
from incheck.okrs.views.common import domain_errors, is_htmx, query_id
from incheck.okrs.views.search import search_field


@require_safe
@domain_errors
def alignment(request: HttpRequest) -> HttpResponse:
    tree = alignment_tree(
        tz=timezone.get_current_timezone(),
        period_id=query_id(request, "period"),
        team_id=query_id(request, "team"),
        after=query_id(request, "after"),
    )
    team_filter = search_field(
        kind="teams",
        name="team",
        label=_("Team"),
        selected=team_choice(tree.team) if tree.team else None,
        none=True,
    )
    context = {"tree": tree, "team_filter": team_filter}
    return render(request, "okrs/alignment.html", context)


@require_safe
@domain_errors
def alignment_objective(request: HttpRequest, objective_id: int) -> HttpResponse:
    """One objective's branch: the fragment a toggle opens (htmx), or a page of its own."""
    tree = alignment_branch(
        objective_id, tz=timezone.get_current_timezone(), after=query_id(request, "after")
    )
    if is_htmx(request):
        return render(request, "okrs/_alignment_branch.html", {"node": tree.focus})
    return render(request, "okrs/alignment_objective.html", {"tree": tree, "node": tree.focus})
