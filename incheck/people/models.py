"""Invitations and single sign-on identities (the people themselves are Django users)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Invitation(models.Model):
    """A one-time link to set a password or sign in with SSO. Only a SHA-256 digest of the
    link's secret is stored; a newer invitation for the same person replaces an older one."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    digest = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    # Set when the link was used, or when the person first signed in some other way.
    accepted_at = models.DateTimeField(null=True, blank=True)
    # Set when a newer invitation replaced this one.
    replaced_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"invitation of {self.user} ({self.created_at:%Y-%m-%d})"


class ExternalIdentity(models.Model):
    """Who a person is at the OpenID provider: its issuer and the stable subject (`sub`).

    Found by subject on every sign-in after the first, so a changed e-mail at the provider
    still finds the same person.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="external_identities"
    )
    issuer = models.CharField(max_length=255)
    subject = models.CharField(max_length=255)
    created_at = models.DateTimeField()
    last_sign_in_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["issuer", "subject"], name="identity_unique_subject")
        ]
        verbose_name = _("single sign-on identity")
        verbose_name_plural = _("single sign-on identities")

    def __str__(self) -> str:
        return f"{self.subject} at {self.issuer}"
