"""Teams: the list with members, and one team's objectives, KRs, members and blockers."""

from __future__ import annotations

import re

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from incheck.domain.permissions import may_manage_members
from incheck.okrs.selectors.editing import objective_rights
from incheck.okrs.selectors.pages import team_list as select_team_list
from incheck.okrs.selectors.pages import team_page
from incheck.okrs.selectors.rhythm import team_rhythm
from incheck.okrs.services.access import actor_for
from incheck.okrs.views.common import domain_errors, signed_in


@require_safe
@domain_errors
def team_list(request: HttpRequest) -> HttpResponse:
    return render(request, "okrs/team_list.html", {"teams": select_team_list()})


@require_safe
@domain_errors
def team_detail(request: HttpRequest, team_id: int) -> HttpResponse:
    raw_period = request.GET.get("period", "")
    # A period id that is not a plain number is ignored: the current period is shown instead.
    period_id = int(raw_period) if re.fullmatch(r"[0-9]{1,12}", raw_period) else None
    tz = timezone.get_current_timezone()
    page = team_page(team_id, tz=tz, period_id=period_id)
    rhythm = team_rhythm(team_id, page.period.pk, tz=tz) if page.period is not None else None
    # The edit and "add KR" buttons show only to those who may use them.
    user = signed_in(request)
    rights = objective_rights(user, [group.objective for group in page.groups])
    context = {
        "page": page,
        "rhythm": rhythm,
        "rights": rights,
        "may_manage_members": may_manage_members(actor_for(user), team_id=team_id),
    }
    return render(request, "okrs/team_detail.html", context)
