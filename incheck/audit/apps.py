from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """Who did what to accounts, roles, teams, periods and tokens (read by admins)."""

    name = "incheck.audit"
    label = "audit"
    verbose_name = _("Audit log")
