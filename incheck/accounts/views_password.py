"""Passwords: change your own on the profile, reset a forgotten one by e-mail.

Django's own views and forms (token links, session kept after a change, no hint whether an
address has an account), with our templates, and the e-mail in the person's own language.
The reset link starts with INCHECK_BASE_URL like every other e-mail's, never with the Host
header of the request that asked for it (which a stranger could choose).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.contrib.messages.views import SuccessMessageMixin
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from incheck.accounts.backends import PasswordSignInOnly
from incheck.accounts.throttle import sign_in_lock_lift


class PasswordResetByEmailForm(PasswordResetForm):
    """Django's reset form; each e-mail in its recipient's language, with our base URL."""

    def send_mail(
        self,
        subject_template_name: str,
        email_template_name: str,
        context: dict[str, Any],
        from_email: str | None,
        to_email: str,
        html_email_template_name: str | None = None,
    ) -> None:
        profile = getattr(context["user"], "profile", None)
        # The profile's language, else the language of the page the request came from.
        language = (profile.language if profile else "") or translation.get_language()
        context = {**context, "base_url": settings.INCHECK_BASE_URL.rstrip("/")}
        with translation.override(language):
            super().send_mail(
                subject_template_name,
                email_template_name,
                context,
                from_email,
                to_email,
                html_email_template_name,
            )


class PasswordChange(PasswordSignInOnly, SuccessMessageMixin, auth_views.PasswordChangeView):
    """On the profile: the current password, then the new one twice. Stays signed in."""

    success_url = reverse_lazy("profile")
    success_message = _("Your password is changed.")


class PasswordReset(PasswordSignInOnly, auth_views.PasswordResetView):
    form_class = PasswordResetByEmailForm
    subject_template_name = "registration/password_reset_subject.txt"
    email_template_name = "registration/password_reset_email.txt"


class PasswordResetConfirm(PasswordSignInOnly, auth_views.PasswordResetConfirmView):
    def form_valid(self, form: SetPasswordForm) -> HttpResponse:
        response = super().form_valid(form)
        # Whoever followed the e-mail's link owns the account: their user name may sign in again.
        sign_in_lock_lift(username=form.user.get_username())
        return response
