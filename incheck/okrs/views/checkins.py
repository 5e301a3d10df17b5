"""The check-in sitting from the KR page (htmx or a plain POST), and live coaching hints."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incheck import clock
from incheck.domain import coaching
from incheck.domain.checkins import TEXT_LIMIT, confidence_reason_problem, default_due_on
from incheck.errors import Conflict, Forbidden, Invalid
from incheck.okrs.charts import progress_chart
from incheck.okrs.forms.checkins import CONFIDENCE_COACH_PARAMS, CheckInForm
from incheck.okrs.messages import message
from incheck.okrs.selectors.pages import KeyResultPage, key_result_page
from incheck.okrs.services.checkins import checkin_sitting_create
from incheck.okrs.views.common import domain_errors, error_page, is_htmx, signed_in

SECTIONS = ("context", "progress", "confidence", "next_up", "outcome")
# Hints read the text as typed so far; a longer text is over the limit anyway.
COACH_TEXT_LIMIT = 2000


def check_in_form(page: KeyResultPage, data: Any = None) -> CheckInForm:
    kr = page.row.kr
    today = clock.today(timezone.get_current_timezone())
    return CheckInForm(
        data,
        kr_type=kr.kr_type,
        has_open_next_up=kr.open_next_up_id is not None,
        initial={"next_up_due_on": default_due_on(today), "submission": uuid.uuid4()},
    )


def page_context(
    page: KeyResultPage,
    form: CheckInForm,
    *,
    open_section: str = "",
    saved: bool = False,
) -> dict[str, Any]:
    """Everything the KR page and its live region render."""
    kr = page.row.kr
    period = kr.objective.period
    tz = timezone.get_current_timezone()
    chart = (
        progress_chart(
            series=page.chart,
            kr=kr,
            start=period.start_on,
            end=period.end_on,
            tz=tz,
            today=clock.today(tz),
        )
        if page.chart is not None
        else ""
    )
    codes = page.row.codes
    archived = kr.archived_at is not None or kr.objective.archived_at is not None
    opened = {"progress", "confidence", "next_up"}
    if "context_due" in codes:
        opened.add("context")
    if "outcome_due" in codes:
        opened.add("outcome")
    if open_section in SECTIONS:
        opened.add(open_section)
    opened |= form.open_sections()
    return {
        "page": page,
        "kr": kr,
        "row": page.row,
        "form": form,
        "chart": chart,
        "opened": opened,
        "autofocus_field": f"{open_section}_text" if open_section in SECTIONS else "",
        "text_limit": TEXT_LIMIT,
        "confidence_coach_params": CONFIDENCE_COACH_PARAMS,
        "saved": saved,
        "corrected": False,
        # Archived (or under an archived objective): no check-in form, a way back instead.
        "archived": archived,
        # After a sitting that leaves the KR without a plan, ask for one right away (rule 2).
        "ask_next_up": kr.open_next_up_id is None and not period.is_closed and not archived,
        # A plan written today is not asked about ("How did it go?") until a later day.
        "fresh_next_up": kr.open_next_up is not None
        and clock.local_date(kr.open_next_up.created_at, tz) == clock.today(tz),
        "period_closed": period.is_closed,
        "today": clock.today(tz),
    }


def render_page(
    request: HttpRequest, context: dict[str, Any], *, status: int = 200
) -> HttpResponse:
    """The live region for htmx, the whole page otherwise."""
    template = "okrs/_key_result_live.html" if is_htmx(request) else "okrs/key_result_detail.html"
    return render(request, template, context, status=status)


@require_POST
@domain_errors
def check_in_create(request: HttpRequest, key_result_id: int) -> HttpResponse:
    user = signed_in(request)
    tz = timezone.get_current_timezone()
    page = key_result_page(user, key_result_id, tz=tz)
    if not page.may_check_in:
        # Refused before the input is read: a stranger learns nothing from error messages.
        return error_page(request, Forbidden(message("forbidden"), code="forbidden"))
    form = check_in_form(page, request.POST)
    status = 422
    if form.is_valid():
        try:
            checkin_sitting_create(
                actor=user,
                key_result_id=key_result_id,
                entries=form.entries(),
                closure=form.closure(),
                tz=tz,
                submission=form.cleaned_data.get("submission"),
            )
        except (Invalid, Conflict) as error:
            status = form.refused(error)
        else:
            return _saved(request, user, key_result_id)
    # Plain forms answer 200 with the errors on the page; htmx gets the precise status.
    return render_page(
        request, page_context(page, form), status=status if is_htmx(request) else 200
    )


def _saved(request: HttpRequest, user: Any, key_result_id: int) -> HttpResponse:
    if not is_htmx(request):
        messages.success(request, _("Check-in saved."))
        return HttpResponseRedirect(
            reverse("key_result_detail", args=[key_result_id]) + "#timeline"
        )
    page = key_result_page(user, key_result_id, tz=timezone.get_current_timezone())
    context = page_context(page, check_in_form(page), saved=True)
    if context["ask_next_up"]:
        context["autofocus_field"] = "next_up_text"
    return render_page(request, context)


@require_POST
def coach(request: HttpRequest) -> HttpResponse:
    """Live hints under a text field while the person types (htmx, debounced)."""
    kind = request.POST.get("kind", "")
    if kind not in coaching.KINDS:
        return HttpResponseBadRequest(_("Unknown kind of check-in."))
    # The form sends its own field ("next_up_text"); other callers may send "text".
    text = request.POST.get("text", request.POST.get(f"{kind}_text", ""))[:COACH_TEXT_LIMIT]
    # Hints speak the page's language, whichever language the text is written in.
    lang = translation.get_language()
    review = coaching.review(kind, text, lang=lang) if text.strip() else None
    # A confidence move of 2+ asks for its reason as soon as the level is typed (rule 5).
    reason = (
        confidence_reason_problem(
            previous=_whole(request.POST.get("confidence_previous")),
            level=_whole(request.POST.get("confidence_level")),
            text=text,
        )
        if kind == "confidence"
        else None
    )
    context = {
        "review": review,
        "kind": kind,
        "reason": {"code": reason, "message": message(reason)} if reason else None,
    }
    return render(request, "okrs/_coach_hints.html", context)


def _whole(raw: str | None) -> int | None:
    """A level as typed ("7"), or None for anything else (the form judges it on submit)."""
    raw = (raw or "").strip()
    return int(raw) if raw.isdigit() and len(raw) <= 2 else None
