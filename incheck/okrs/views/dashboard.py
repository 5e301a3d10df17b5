"""The company dashboard: the programme's health for a period (selectors/dashboard)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from incheck.domain.programme import FIGURES
from incheck.okrs.selectors.choices import team_choice
from incheck.okrs.selectors.dashboard import Dashboard, dashboard
from incheck.okrs.sparklines import sparkline, trend_label
from incheck.okrs.views.common import domain_errors, path_by_id, query_id
from incheck.okrs.views.search import search_field

FIGURE_LABELS = {
    "context_current": gettext_lazy("Current Context"),
    "open_next_up": gettext_lazy("Open Next Up"),
    "in_rhythm": gettext_lazy("Checked in within the rhythm"),
    "stale": gettext_lazy("Stale"),
    "dead": gettext_lazy("Dead"),
}
FIGURE_HELP = {
    "context_current": gettext_lazy("KRs whose Context is not due (rule 1)."),
    "open_next_up": gettext_lazy("KRs left with an open Next Up (rule 2)."),
    "in_rhythm": gettext_lazy("KRs checked in since their team's last check-in day."),
    "stale": gettext_lazy("KRs whose number has not moved for a while (rule 3)."),
    "dead": gettext_lazy("KRs with no check-in for weeks, or stale without a plan (rule 3)."),
}


def _cards(board: Dashboard) -> list[dict[str, Any]]:
    """Each overall figure with its trend chart and the list behind it (teams, worst first)."""
    period = board.period
    cards = []
    for figure, trend in board.trends:
        label = str(FIGURE_LABELS[figure.name])
        cards.append(
            {
                "figure": figure,
                "label": label,
                "help": FIGURE_HELP[figure.name],
                "chart": sparkline(
                    trend,
                    label=_("%(figure)s by week") % {"figure": trend_label(label, trend)},
                    warning=figure.is_warning,
                ),
                "href": f"{reverse('dashboard')}?period={period.pk if period else ''}"
                f"&sort={figure.name}#teams",
            }
        )
    return cards


def _team_rows(board: Dashboard) -> list[dict[str, Any]]:
    """Each team's line, with its links, numbers and chart made once here (the template only
    prints them: a page of 25 teams renders in a few milliseconds)."""
    if board.period is None:
        return []
    period_id = board.period.pk
    rhythm = str(FIGURE_LABELS["in_rhythm"])
    by_week = _("%(figure)s by week")
    team_path = path_by_id("team_detail")
    review_path = path_by_id("review_team", period_id)
    rows = []
    for line in board.teams:
        row = line.row
        team_id = row.team_id
        assert team_id is not None  # the teams' rows, not the organisation's
        rows.append(
            {
                "name": row.team.name if row.team else "",
                "key_results": row.key_results,
                "href": f"{team_path(team_id)}?period={period_id}",
                "review": review_path(team_id),
                "cells": [
                    ("–" if f.percent is None else f"{f.percent}%", f.is_warning and f.count > 0)
                    for f in line.figures
                ],
                "chart": sparkline(
                    line.rhythm_trend,
                    label=by_week % {"figure": trend_label(rhythm, line.rhythm_trend)},
                ),
                "brier": None if row.brier is None else f"{row.brier:.2f}",
                "forecasts": row.forecasts,
            }
        )
    return rows


@require_safe
@domain_errors
def dashboard_page(request: HttpRequest) -> HttpResponse:
    sort = request.GET.get("sort", "name")
    page = query_id(request, "page") or 1
    board = dashboard(
        tz=timezone.get_current_timezone(),
        period_id=query_id(request, "period"),
        team_id=query_id(request, "team"),
        sort=sort if sort in FIGURES else "name",
        page=page,
    )
    team_rows = _team_rows(board)
    context = {
        "board": board,
        "cards": _cards(board),
        "team_rows": team_rows,
        "figure_labels": [(name, FIGURE_LABELS[name]) for name in FIGURES],
        "team_filter": search_field(
            kind="teams",
            name="team",
            label=_("Team"),
            selected=team_choice(board.team) if board.team else None,
            none=True,
        ),
    }
    return render(request, "okrs/dashboard.html", context)
