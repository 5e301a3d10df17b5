from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "incheck.accounts"
    label = "accounts"
    verbose_name = _("People and teams")

    def ready(self) -> None:
        from incheck.accounts import checks  # noqa: F401 - registers the deployment checks
