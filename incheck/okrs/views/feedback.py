"""Continue / consider feedback given from the KR page."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from incheck.errors import Forbidden, Invalid
from incheck.okrs.forms.reflection import FeedbackForm
from incheck.okrs.selectors.pages import key_result_page
from incheck.okrs.services.signals import feedback_create
from incheck.okrs.views.checkins import check_in_form, page_context, render_page
from incheck.okrs.views.common import domain_errors, signed_in


@require_POST
@domain_errors
def feedback_give(request: HttpRequest, key_result_id: int) -> HttpResponse:
    user = signed_in(request)
    # The KR is the one in the address, whatever a hidden field says.
    form = FeedbackForm({**request.POST.dict(), "key_result": key_result_id})
    status = 422
    if form.is_valid():
        try:
            feedback_create(actor=user, **form.values())
        except (Invalid, Forbidden) as error:
            status = form.refused(error)
        else:
            messages.success(request, _("Thank you: your feedback is on the key result."))
            url = reverse("key_result_detail", args=[key_result_id])
            return HttpResponseRedirect(f"{url}#feedback-heading")
    page = key_result_page(user, key_result_id, tz=timezone.get_current_timezone())
    context = page_context(page, check_in_form(page))
    context["feedback_form"] = form
    return render_page(request, context, status=status)
