"""The profile form: parse only; the service judges."""

from __future__ import annotations

import zoneinfo
from functools import cache
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from incheck.accounts.models import Profile


@cache
def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones())]


class ProfileForm(forms.Form):
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
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        zone_field: Any = self.fields["time_zone"]
        zone_field.choices = time_zone_choices()

    def add_service_errors(self, fields: dict[str, str], detail: str = "") -> None:
        for key, text in fields.items():
            self.add_error(key if key in self.fields else None, text)
        if not fields and detail:
            self.add_error(None, detail)
