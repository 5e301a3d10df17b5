"""The check-out pages: the review per team or person (with feedback), and the check-out itself."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from incheck.errors import Conflict, Forbidden, Invalid
from incheck.okrs.forms.periods import PeriodCloseForm
from incheck.okrs.forms.reflection import CarryOverForm, FeedbackForm
from incheck.okrs.models import KeyResult
from incheck.okrs.selectors.checkout import period_checkout
from incheck.okrs.selectors.review import (
    RECENT,
    REVIEW_PAGE_SIZE,
    period_review,
    review_picker,
)
from incheck.okrs.services.checkout import objectives_carry_over, period_close
from incheck.okrs.services.signals import feedback_create
from incheck.okrs.views.common import domain_errors, query_id, signed_in


@require_safe
@domain_errors
def review_index(request: HttpRequest, period_id: int) -> HttpResponse:
    picker = review_picker(
        period_id=period_id,
        viewer=signed_in(request),
        q=request.GET.get("q", "")[:100],
        after=request.GET.get("after", "")[:120] or None,
    )
    return render(request, "okrs/review_index.html", {"picker": picker})


def _review(
    request: HttpRequest,
    period_id: int,
    *,
    team_id: int | None = None,
    person_id: int | None = None,
) -> HttpResponse:
    """The review page; a POST gives feedback on one of its KRs and comes back to it."""
    user = signed_in(request)
    form: FeedbackForm | None = None
    status = 200
    if request.method == "POST":
        form = FeedbackForm(request.POST)
        if form.is_valid():
            try:
                feedback = feedback_create(actor=user, **form.values())
            except (Invalid, Forbidden) as error:
                # Feedback on one's own KR is refused by the service: shown on the form.
                status = form.refused(error)
            else:
                messages.success(request, _("Thank you: your feedback is on the key result."))
                page = request.GET.get("page", "")
                query = f"?page={page}" if page.isascii() and page.isdigit() else ""
                return HttpResponseRedirect(f"{request.path}{query}#kr-{feedback.key_result_id}")
        else:
            status = 422
    failed_id = form.cleaned_data.get("key_result") if form is not None else None
    # REVIEW_PAGE_SIZE KRs a page (the KR that got feedback is on the page it was on: its
    # anchor says so); only the page's KRs have their history read.
    pager = _Pager(number=query_id(request, "page") or 1, focus=failed_id)
    review = period_review(
        period_id=period_id,
        team_id=team_id,
        person_id=person_id,
        viewer=user,
        detailed=pager.pick,
        recent=RECENT,
    )
    context: dict[str, Any] = {
        "review": review,
        "shown": [item for item in review.key_results if item.kr.pk in pager.ids],
        "page_number": pager.number,
        "pages": pager.pages,
        "failed_form": form,
        "failed_id": failed_id,
    }
    return render(request, "okrs/review.html", context, status=status)


@dataclass
class _Pager:
    """Which page of a review's KRs is shown: `pick` is given them all, in order."""

    number: int
    focus: int | None = None
    pages: int = 1
    ids: set[int] = field(default_factory=set)

    def pick(self, key_results: Sequence[KeyResult]) -> set[int]:
        if self.focus is not None:
            at = next((i for i, kr in enumerate(key_results) if kr.pk == self.focus), 0)
            self.number = at // REVIEW_PAGE_SIZE + 1
        self.pages = max(1, -(-len(key_results) // REVIEW_PAGE_SIZE))
        self.number = min(self.number, self.pages)
        start = (self.number - 1) * REVIEW_PAGE_SIZE
        self.ids = {kr.pk for kr in key_results[start : start + REVIEW_PAGE_SIZE]}
        return self.ids


@require_http_methods(["GET", "HEAD", "POST"])
@domain_errors
def review_team(request: HttpRequest, period_id: int, team_id: int) -> HttpResponse:
    return _review(request, period_id, team_id=team_id)


@require_http_methods(["GET", "HEAD", "POST"])
@domain_errors
def review_person(request: HttpRequest, period_id: int, user_id: int) -> HttpResponse:
    return _review(request, period_id, person_id=user_id)


def _checkout_page(
    request: HttpRequest,
    period_id: int,
    form: CarryOverForm | None = None,
    status: int = 200,
    close_form: PeriodCloseForm | None = None,
) -> HttpResponse:
    # Read first: someone who may not check out gets 403 whatever they sent.
    page = period_checkout(
        user=signed_in(request), period_id=period_id, after=query_id(request, "after")
    )
    context = {
        "page": page,
        "form": form or CarryOverForm(),
        "close_form": close_form or PeriodCloseForm(),
    }
    return render(request, "okrs/checkout.html", context, status=status)


@require_safe
@domain_errors
def checkout(request: HttpRequest, period_id: int) -> HttpResponse:
    return _checkout_page(request, period_id)


@require_POST
@domain_errors
def checkout_close(request: HttpRequest, period_id: int) -> HttpResponse:
    form = PeriodCloseForm(request.POST)
    if not form.is_valid():
        # Closing cannot be undone here, so it waits for the box "I understand" to be ticked.
        return _checkout_page(request, period_id, status=422, close_form=form)
    period = period_close(actor=signed_in(request), period_id=period_id)
    messages.success(request, _("%(period)s is closed.") % {"period": period.name})
    return HttpResponseRedirect(reverse("checkout", args=[period_id]))


@require_POST
@domain_errors
def checkout_carry_over(request: HttpRequest, period_id: int) -> HttpResponse:
    user = signed_in(request)
    form = CarryOverForm(request.POST)
    if not form.is_valid():
        return _checkout_page(request, period_id, form, status=422)
    try:
        copies = objectives_carry_over(actor=user, **form.values())
    except (Invalid, Conflict) as error:
        return _checkout_page(request, period_id, form, status=form.refused(error))
    text = ngettext(
        "Carried over %(count)d objective: its key results now ask for a fresh Context.",
        "Carried over %(count)d objectives: their key results now ask for a fresh Context.",
        len(copies),
    )
    messages.success(request, text % {"count": len(copies)})
    return HttpResponseRedirect(reverse("checkout", args=[period_id]))
