"""Forms for objectives and key results: parse, then the services judge."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from incheck.form_errors import ServiceErrors
from incheck.okrs.forms.fields import NumberField
from incheck.okrs.messages import MESSAGES
from incheck.okrs.models import KeyResult

Choices = Sequence[tuple[Any, Any]]


class ObjectiveForm(ServiceErrors, forms.Form):
    aliases = {"team": "owned_by", "owner": "owned_by", "period": "period"}

    period = forms.TypedChoiceField(label=_("Period"), coerce=int, choices=())
    title = forms.CharField(
        label=_("Title"),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("Where do we want to be? e.g. Fill the sales pipeline")}
        ),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "placeholder": _("Why this objective, why now?")}),
    )
    # A team or a person ("team:ID", "user:ID"): the page offers a search of those this person
    # may pick (selectors/editing.owner_choices), the service judges the choice.
    owned_by = forms.RegexField(
        label=_("Owned by"),
        regex=r"\A(team|user):[1-9][0-9]{0,9}\Z",
        error_messages={"invalid": cast(Any, MESSAGES["owner_required"])},
    )
    # Any objective of the period: the page offers a search (views/search.py), the service
    # judges the choice (same period, no cycle).
    parent = forms.IntegerField(
        label=_("Aligned with"), required=False, min_value=1, max_value=2**31 - 1
    )

    def __init__(
        self,
        *args: Any,
        periods: Choices,
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        period_field: Any = self.fields["period"]
        period_field.choices = periods
        if editing:
            # An objective stays in its period; carrying it over is the check-out's job.
            del self.fields["period"]

    def values(self) -> dict[str, Any]:
        """The service's keyword arguments."""
        kind, _sep, ident = (self.cleaned_data["owned_by"] or "").partition(":")
        values: dict[str, Any] = {
            "title": self.cleaned_data["title"],
            "description": self.cleaned_data["description"],
            "team_id": int(ident) if kind == "team" else None,
            "owner_id": int(ident) if kind == "user" else None,
            "parent_id": self.cleaned_data.get("parent"),
        }
        if "period" in self.fields:
            values["period_id"] = self.cleaned_data["period"]
        return values


class KeyResultForm(ServiceErrors, forms.Form):
    aliases = {"owner": "owner_id"}

    title = forms.CharField(
        label=_("Title"),
        required=False,
        widget=forms.TextInput(
            attrs={"placeholder": _("A number that shows it, e.g. 200 new leads")}
        ),
    )
    # Anyone active: the page offers a search of people (views/search.py), the service judges.
    owner_id = forms.IntegerField(label=_("Owner"), min_value=1, max_value=2**31 - 1)
    kr_type = forms.ChoiceField(
        label=_("Type"),
        choices=KeyResult.Type.choices,
        initial=KeyResult.Type.INCREASE,
        widget=forms.RadioSelect,
    )
    start_value = NumberField(label=_("Start (the baseline today)"))
    target_value = NumberField(label=_("Target"))
    unit = forms.CharField(
        label=_("Unit"),
        required=False,
        widget=forms.TextInput(attrs={"placeholder": _("leads, %, SEK, days …")}),
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # A milestone has no numbers; any other type needs a target to measure against.
        needs_target = cleaned.get("kr_type") != KeyResult.Type.MILESTONE
        if (
            needs_target
            and cleaned.get("target_value") is None
            and "target_value" not in self.errors
        ):
            self.add_error("target_value", _("Enter the target."))
        return cleaned

    def values(self) -> dict[str, Any]:
        """The service's keyword arguments (the service puts a milestone on its 0 → 1 scale)."""
        data = self.cleaned_data
        start, target = data["start_value"], data["target_value"]
        return {
            "title": data["title"],
            "owner_id": data["owner_id"],
            "kr_type": data["kr_type"],
            "start_value": 0.0 if start is None else start,
            "target_value": 1.0 if target is None else target,
            "unit": data["unit"],
        }
