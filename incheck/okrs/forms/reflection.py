"""The review's feedback form and the check-out's carry-over form: parsing only, no rules."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from incheck.domain.checkins import TEXT_LIMIT
from incheck.form_errors import ServiceErrors
from incheck.okrs.messages import message
from incheck.okrs.models import Feedback

MAX_ID = 2**31 - 1


class FeedbackForm(ServiceErrors, forms.Form):
    """Continue / consider feedback on one KR of the review."""

    key_result = forms.IntegerField(min_value=1, max_value=MAX_ID, widget=forms.HiddenInput)
    signal = forms.ChoiceField(
        label=_("Signal"),
        choices=Feedback.Signal.choices,
        widget=forms.RadioSelect,
        # The service names the rule; the form only refuses what is not a choice.
        required=False,
    )
    text = forms.CharField(
        label=_("Feedback"),
        required=False,
        # A little over the limit so the service, not the browser, says what the limit is.
        max_length=TEXT_LIMIT * 4,
        widget=forms.Textarea(attrs={"rows": 2, "maxlength": TEXT_LIMIT}),
    )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "key_result_id": data["key_result"],
            "signal": data.get("signal") or "",
            "text": data.get("text") or "",
        }


class IdListField(forms.Field):
    """Several ids from checkboxes of one name (`?objectives=1&objectives=2`)."""

    widget = forms.CheckboxSelectMultiple

    def to_python(self, value: Any) -> list[int]:
        if not value:
            return []
        values = value if isinstance(value, list | tuple) else [value]
        try:
            ids = [int(str(item)) for item in values]
        except ValueError as exc:
            raise forms.ValidationError(message("not_a_number"), code="not_a_number") from exc
        if any(not 1 <= pk <= MAX_ID for pk in ids):
            raise forms.ValidationError(message("unknown_objective"), code="unknown_objective")
        return ids


class CarryOverForm(ServiceErrors, forms.Form):
    """Which unfinished objectives to copy, and into which period; the service checks them."""

    objectives = IdListField(label=_("Objectives"), required=False)
    to_period = forms.IntegerField(
        label=_("Into period"),
        min_value=1,
        max_value=MAX_ID,
        error_messages={"required": _("Choose the period to carry them into.")},
    )

    def values(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"objective_ids": data["objectives"], "to_period_id": data["to_period"]}
