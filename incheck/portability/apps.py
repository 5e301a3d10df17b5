from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortabilityConfig(AppConfig):
    """Export and import of the whole organisation; no models, only management commands."""

    name = "incheck.portability"
    label = "portability"
    verbose_name = _("Data portability")
