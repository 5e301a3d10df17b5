"""The periods page: every period with its review and check-out, and the form that opens one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from incheck import clock
from incheck.errors import Forbidden, Invalid
from incheck.okrs.forms.periods import PeriodForm
from incheck.okrs.messages import message
from incheck.okrs.selectors.periods import periods_page
from incheck.okrs.services.periods import period_create
from incheck.okrs.views.common import domain_errors, error_page, signed_in


@require_http_methods(["GET", "HEAD", "POST"])
@domain_errors
def period_list(request: HttpRequest) -> HttpResponse:
    user = signed_in(request)
    page = periods_page(viewer=user, today=clock.today(timezone.get_current_timezone()))
    name, start_on, end_on = page.suggestion
    form = PeriodForm(
        request.POST if request.method == "POST" else None,
        initial={"name": name, "start_on": start_on, "end_on": end_on},
    )
    status = 200
    if request.method == "POST":
        if not page.may_manage:
            # Refused before the input is read, as the service would refuse it.
            return error_page(request, Forbidden(message("forbidden"), code="forbidden"))
        status = 422
        if form.is_valid():
            try:
                period = period_create(actor=user, **form.values())
            except Invalid as error:
                form.refused(error)
            else:
                messages.success(request, _("%(period)s is open.") % {"period": period.name})
                return HttpResponseRedirect(reverse("period_list") + f"#period-{period.pk}")
    context = {"page": page, "form": form}
    return render(request, "okrs/periods.html", context, status=status)
