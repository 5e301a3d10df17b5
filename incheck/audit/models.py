"""The audit log: one row per change to an account, a role, a team, a period or a token."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """Written by the service that made the change, in the same transaction.

    The names are copied in (`actor_name`, `target_name`) so the log still reads right after a
    person or a team is renamed; `details` holds what changed, as plain JSON values.
    """

    at = models.DateTimeField(_("when"), db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("who"),
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(_("what"), max_length=40, db_index=True)
    target_type = models.CharField(max_length=20)
    target_id = models.BigIntegerField(null=True, blank=True)
    target_name = models.CharField(max_length=200, blank=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["target_type", "target_id"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.target_name}"
