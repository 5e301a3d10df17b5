"""An invitation's link (public): set a password, or go on to single sign-on."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render, resolve_url
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from incheck.accounts.backends import BACKEND_PATH
from incheck.errors import DomainError, Invalid
from incheck.people.forms import SetPasswordForm
from incheck.people.services.invitations import invitation_accept_with_password, invitation_find


@never_cache
@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request: HttpRequest, token: str) -> HttpResponse:
    context: dict[str, object] = {}
    try:
        found = invitation_find(token)
    except DomainError as error:
        context["error"] = error.detail
        return render(request, "people/invitation.html", context, status=error.status)
    form = SetPasswordForm(request.POST if request.method == "POST" else None)
    context.update({"invitation": found, "person": found.user, "form": form})
    if request.method == "POST" and settings.INCHECK_PASSWORD_SIGN_IN and form.is_valid():
        try:
            user = invitation_accept_with_password(
                raw=token, password=form.cleaned_data["password1"]
            )
        except Invalid as error:
            for key, text in error.fields.items():
                form.add_error("password1" if key == "password" else None, text)
        except DomainError as error:
            context["error"] = error.detail
            return render(request, "people/invitation.html", context, status=error.status)
        else:
            login(request, user, backend=BACKEND_PATH)
            messages.success(request, _("Welcome to Incheck."))
            return HttpResponseRedirect(resolve_url(settings.LOGIN_REDIRECT_URL))
    status_code = 422 if form.errors else 200
    return render(request, "people/invitation.html", context, status=status_code)
