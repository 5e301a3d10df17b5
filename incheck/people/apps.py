from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PeopleConfig(AppConfig):
    """People and teams managed in the app: invitations, single sign-on, roles, CSV import."""

    name = "incheck.people"
    label = "people"
    verbose_name = _("People management")
