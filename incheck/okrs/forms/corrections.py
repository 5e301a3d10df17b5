"""The correction form: a sitting's check-ins as they read, to fix a text or a value.

Each check-in of the sitting gets the fields a correction may change (`services.corrections.
CORRECTABLE`): its text, its value (or reached, for a milestone), its level, its due date and
expected value, the way around a blocker. Only the check-ins whose fields changed become
entries, so only they are marked "edited". The fields carry a prefix of the sitting, so the form
can sit inside the KR page beside the check-in form without sharing an id.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from incheck.domain.checkins import Entry
from incheck.form_errors import ServiceErrors
from incheck.okrs.forms.checkins import REACHED_CHOICES, CheckInForm, _text, _way_around
from incheck.okrs.forms.fields import IsoDateField, LevelField, NumberField, plain_number
from incheck.okrs.models import CheckIn

# A no-Next-Up choice has nothing to correct; it is shown, not edited.
WITHOUT_FIELDS = frozenset({CheckIn.Kind.NO_NEXT_UP})


def _label(name: str) -> Any:
    """The check-in form's own label, so both forms say the same."""
    return CheckInForm.base_fields[name].label


def prefix_of(sitting: uuid.UUID) -> str:
    return f"fix-{sitting.hex[:8]}"


class SittingCorrectionForm(ServiceErrors, forms.Form):
    """The correctable fields of one sitting's check-ins, filled with what they say now."""

    def __init__(
        self,
        data: Mapping[str, Any] | None = None,
        *,
        sitting: uuid.UUID,
        check_ins: list[CheckIn],
        kr_type: str,
    ) -> None:
        super().__init__(data, prefix=prefix_of(sitting))
        self.kr_type = kr_type
        self.check_ins = [c for c in check_ins if c.kind not in WITHOUT_FIELDS]
        milestone = kr_type == "milestone"
        for check_in in self.check_ins:
            kind = check_in.kind
            self.fields[f"{kind}_text"] = _text("", rows=3)
            self.fields[f"{kind}_text"].label = _("What it says")
            self.initial[f"{kind}_text"] = check_in.text
            if kind in {"progress", "outcome"} and milestone:
                self.fields[f"{kind}_reached"] = forms.ChoiceField(
                    required=False, choices=REACHED_CHOICES, widget=forms.RadioSelect
                )
                reached = check_in.reached
                self.initial[f"{kind}_reached"] = (
                    "" if reached is None else "yes" if reached else "no"
                )
            elif kind in {"progress", "outcome"}:
                self.fields[f"{kind}_value"] = NumberField(label=CheckIn.Kind(kind).label)
                self.initial[f"{kind}_value"] = plain_number(check_in.value)
            if kind == "confidence":
                self.fields["confidence_level"] = LevelField(label=_label("confidence_level"))
                self.initial["confidence_level"] = check_in.level
            if kind == "next_up":
                self.fields["next_up_due_on"] = IsoDateField(label=_label("next_up_due_on"))
                self.initial["next_up_due_on"] = check_in.due_on
                if not milestone:
                    self.fields["next_up_expected_value"] = NumberField(
                        label=_label("next_up_expected_value")
                    )
                    self.initial["next_up_expected_value"] = plain_number(check_in.expected_value)
            if check_in.signal == CheckIn.Signal.BLOCKER:
                self.fields[f"{kind}_way_around"] = _way_around()
                self.fields[f"{kind}_way_around"].label = _("The way around it")
                self.initial[f"{kind}_way_around"] = check_in.way_around

    def rows(self) -> list[tuple[CheckIn, list[tuple[forms.BoundField, str]]]]:
        """Each check-in with its fields and how each is drawn ("text", "number", "reached",
        "level", "date"), in the form's order (for the template)."""
        return [
            (
                check_in,
                [
                    (self[name], _drawn_as(name))
                    for name in self.fields
                    if name.startswith(check_in.kind + "_")
                ],
            )
            for check_in in self.check_ins
        ]

    def first_text(self) -> str:
        """The first text field's name, focused when the form opens in place."""
        return next((self[n].html_name for n in self.fields if n.endswith("_text")), "")

    def _get(self, name: str, fallback: Any) -> Any:
        return self.cleaned_data.get(name, fallback) if name in self.fields else fallback

    def entries(self) -> list[Entry]:
        """The check-ins whose fields changed, each as it should read (unchanged ones left out)."""
        entries = []
        for check_in in self.check_ins:
            kind = check_in.kind
            reached_raw = self._get(f"{kind}_reached", None)
            entry = Entry(
                kind=kind,
                text=self._get(f"{kind}_text", check_in.text) or "",
                signal=check_in.signal,
                value=self._get(f"{kind}_value", check_in.value),
                reached={"yes": True, "no": False}.get(reached_raw)
                if reached_raw is not None
                else check_in.reached,
                level=self._get("confidence_level", check_in.level)
                if kind == "confidence"
                else None,
                due_on=self._get("next_up_due_on", check_in.due_on) if kind == "next_up" else None,
                expected_value=self._get("next_up_expected_value", check_in.expected_value)
                if kind == "next_up"
                else None,
                way_around=self._get(f"{kind}_way_around", check_in.way_around) or "",
            )
            before = (
                check_in.text,
                check_in.value,
                check_in.reached,
                check_in.level if kind == "confidence" else None,
                check_in.due_on if kind == "next_up" else None,
                check_in.expected_value if kind == "next_up" else None,
                check_in.way_around,
            )
            after = (
                entry.text.strip(),
                entry.value,
                entry.reached,
                entry.level,
                entry.due_on,
                entry.expected_value,
                entry.way_around.strip(),
            )
            if before != after:
                entries.append(entry)
        return entries


def _drawn_as(name: str) -> str:
    if name.endswith(("_text", "_way_around")):
        return "text"
    if name.endswith("_reached"):
        return "reached"
    if name == "confidence_level":
        return "level"
    if name == "next_up_due_on":
        return "date"
    return "number"
