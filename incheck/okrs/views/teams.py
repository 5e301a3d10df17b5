"""Teams: the list with members, and one team's objectives, KRs, members and blockers."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from incheck import clock
from incheck.accounts.rhythm import cadence_of
from incheck.accounts.selectors import team_directory
from incheck.domain.cadence import next_check_in_day
from incheck.domain.permissions import may_change_team_settings, may_manage_members
from incheck.okrs.selectors.editing import objective_rights
from incheck.okrs.selectors.pages import team_page
from incheck.okrs.selectors.rhythm import team_rhythm
from incheck.okrs.services.access import actor_for
from incheck.okrs.views.common import domain_errors, is_htmx, signed_in


@require_safe
@domain_errors
def team_list(request: HttpRequest) -> HttpResponse:
    """Teams a page at a time, searched as you type (the search box swaps the list, htmx)."""
    directory = team_directory(
        request.GET.get("q", "")[:100], after=request.GET.get("after", "")[:120] or None
    )
    template = "okrs/_team_directory.html" if is_htmx(request) else "okrs/team_list.html"
    return render(request, template, {"directory": directory})


@require_safe
@domain_errors
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    raw_period = request.GET.get("period", "")
    # A period id that is not a plain number is ignored: the current period is shown instead.
    period_id = int(raw_period) if re.fullmatch(r"[0-9]{1,12}", raw_period) else None
    tz = timezone.get_current_timezone()
    page = team_page(team_id, tz=tz, period_id=period_id)
    cadence = cadence_of(page.team)
    rhythm = (
        team_rhythm(team_id, page.period.pk, tz=tz, cadence=cadence, rows=page.rows)
        if page.period is not None
        else None
    )
    user = signed_in(request)
    # The edit and "add KR" buttons show only to those who may use them.
    rights = objective_rights(user, [group.objective for group in page.groups])
    context = {
        "page": page,
        "rhythm": rhythm,
        "rights": rights,
        "may_manage_members": may_manage_members(actor_for(user), team_id=team_id),
        "cadence": cadence,
        "next_check_in_on": next_check_in_day(cadence, clock.today(tz)),
        "may_change_settings": may_change_team_settings(actor_for(user), team_id=page.team.pk),
    }
    return render(request, "okrs/team_detail.html", context)
