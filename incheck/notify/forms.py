"""The habit loop's forms: parsing only; the services judge."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from incheck.accounts.models import Team
from incheck.okrs.forms.fields import IsoDateField
from incheck.okrs.forms.reflection import ServiceErrors


class RhythmForm(ServiceErrors, forms.Form):
    """A team's check-in rhythm: how often, on which day, and (every two weeks) from when."""

    every_weeks = forms.TypedChoiceField(
        label=_("How often"),
        choices=Team.Every.choices,
        coerce=int,
        widget=forms.RadioSelect,
    )
    weekday = forms.TypedChoiceField(
        label=_("Check-in day"), choices=Team.Weekday.choices, coerce=int
    )
    anchor_on = IsoDateField(
        label=_("A check-in day"),
        help_text=_("Every two weeks: a date the team checks in (empty: the next such day)."),
    )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "every_weeks": data["every_weeks"],
            "weekday": data["weekday"],
            "anchor_on": data.get("anchor_on"),
        }
