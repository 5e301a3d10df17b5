"""The habit loop's forms: parsing only; the services judge."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from incheck.accounts.models import Team
from incheck.domain.webhooks import EVENTS
from incheck.form_errors import ServiceErrors
from incheck.notify.models import Channel
from incheck.notify.services.channels import PERSONAL_KINDS, TEAM_KINDS
from incheck.okrs.forms.fields import IsoDateField


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


def _hour_label(hour: int) -> str:
    return f"{hour:02d}:00"


class NudgeForm(ServiceErrors, forms.Form):
    """When a person's nudges come, by e-mail or not, which digests, and days away."""

    nudge_hour = forms.TypedChoiceField(
        label=_("Nudge me at"),
        choices=[(hour, _hour_label(hour)) for hour in range(24)],
        coerce=int,
        help_text=_("On the morning something is due, at this hour in your time zone."),
    )
    wants_reminders = forms.BooleanField(label=_("E-mail me nudges"), required=False)
    wants_digest = forms.BooleanField(
        label=_("A weekly digest of my key results, on Mondays"), required=False
    )
    wants_team_digest = forms.BooleanField(
        label=_("A weekly digest of the teams I lead, on their check-in day"), required=False
    )
    away_from = IsoDateField(label=_("Away from"))
    away_until = IsoDateField(
        label=_("Away until"), help_text=_("No nudges and no digests on these days.")
    )

    def values(self) -> dict[str, Any]:
        return dict(self.cleaned_data)


def _address_field(label: Any, help_text: Any = "") -> forms.CharField:
    """A write-only address (a chat channel's incoming webhook, an outgoing webhook): typed,
    never filled in again, no autocomplete; empty when saving again keeps the stored one."""
    return forms.CharField(
        label=label,
        required=False,
        max_length=4000,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "inputmode": "url", "spellcheck": "false"}
        ),
        help_text=help_text,
    )


class ChannelForm(ServiceErrors, forms.Form):
    """A chat channel. The webhook URL is write-only: left empty, the stored one stays."""

    kind = forms.ChoiceField(label=_("Channel"))
    url = _address_field(
        _("Incoming webhook address"),
        help_text=_("Teams (a Workflows webhook), Mattermost or Rocket.Chat. Never shown again."),
    )
    target = forms.CharField(
        label=_("Channel or address"),
        required=False,
        max_length=400,
        help_text=_("Slack: the channel to post in (#growth). E-mail: the team's address."),
    )

    def __init__(self, *args: Any, team: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        kinds = TEAM_KINDS if team else PERSONAL_KINDS
        labels = dict(Channel.Kind.choices)
        field: Any = self.fields["kind"]
        field.choices = [(kind.value, labels[kind.value]) for kind in kinds]
        if not team:
            del self.fields["target"]

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"kind": data["kind"], "url": data.get("url", ""), "target": data.get("target", "")}


class SlackTokenForm(ServiceErrors, forms.Form):
    token = forms.CharField(
        label=_("Bot token"),
        required=False,
        max_length=1000,
        widget=forms.PasswordInput(attrs={"autocomplete": "off"}),
        help_text=_(
            "From your Slack app (xoxb-…). Write-only: it is never shown again. Empty removes it."
        ),
    )


class WebhookForm(ServiceErrors, forms.Form):
    """An outgoing webhook. URL and secret are write-only once saved."""

    url = _address_field(_("Address"))
    secret = forms.CharField(
        label=_("Signing secret"),
        required=False,
        max_length=400,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Standard Webhooks (whsec_…). Copy it now: it is never shown again."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=[(event, event) for event in EVENTS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description = forms.CharField(label=_("Description"), required=False, max_length=400)
    active = forms.BooleanField(
        label=pgettext_lazy("webhook", "Active"), required=False, initial=True
    )
