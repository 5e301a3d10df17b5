"""The forms of the periods page and the check-out's close step: parsing only, no rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from incheck.domain.definitions import PERIOD_NAME_LIMIT
from incheck.form_errors import ServiceErrors
from incheck.okrs.forms.fields import IsoDateField
from incheck.okrs.messages import MESSAGES


class PeriodForm(ServiceErrors, forms.Form):
    """A new period: its name and dates. The service judges the name and the order of dates."""

    name = forms.CharField(
        label=_("Name"),
        # Longer than the limit, so the service (not the browser) says what the limit is.
        max_length=PERIOD_NAME_LIMIT * 4,
        widget=forms.TextInput(attrs={"placeholder": _("e.g. 2027 Q1")}),
        error_messages={"required": _("Give the period a name, e.g. 2027 Q1.")},
    )
    start_on = IsoDateField(
        label=_("Starts on"),
        required=True,
        error_messages={
            "required": _("Choose the day it starts."),
            "invalid": MESSAGES["not_a_date"],
        },
    )
    end_on = IsoDateField(
        label=_("Ends on"),
        required=True,
        error_messages={
            "required": _("Choose the day it ends."),
            "invalid": MESSAGES["not_a_date"],
        },
    )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"name": data["name"], "start_on": data["start_on"], "end_on": data["end_on"]}


class PeriodCloseForm(forms.Form):
    """Closing cannot be undone from the UI: the person says they understand, every time."""

    confirm = forms.BooleanField(
        label=_("I understand the period will be locked: no more check-ins or edits in it."),
        error_messages={
            "required": _("Tick the box to confirm: a closed period cannot be reopened here.")
        },
    )
