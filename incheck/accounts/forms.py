"""The profile form: parse only; the service judges."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from incheck.accounts.models import Profile
from incheck.accounts.time_zones import time_zone_choices
from incheck.form_errors import ServiceErrors


class ProfileForm(ServiceErrors, forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        required=False,
        help_text=_("How others see you on check-ins and team pages."),
    )
    language = forms.ChoiceField(
        label=_("Language"), choices=Profile.Language.choices, required=False
    )
    time_zone = forms.ChoiceField(
        label=_("Time zone"),
        help_text=_("Due dates and “today” follow your time zone."),
        # app.js adds the browser's own zone to the suggestions.
        widget=forms.Select(attrs={"data-likely-zones": ""}),
    )

    def __init__(self, *args: Any, likely_zones: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone_field: Any = self.fields["time_zone"]
        zone_field.choices = time_zone_choices(likely_zones, str(_("Suggested")))
