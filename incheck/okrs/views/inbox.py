"""The inbox at `/`: what to do now, most urgent first, then my KRs by objective."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from incheck.okrs.selectors.pages import inbox_for_user
from incheck.okrs.views.common import domain_errors, signed_in


@require_safe
@domain_errors
def inbox(request: HttpRequest) -> HttpResponse:
    data = inbox_for_user(signed_in(request), tz=timezone.get_current_timezone())
    return render(request, "okrs/inbox.html", {"inbox": data})
