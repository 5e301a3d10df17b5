"""Strict parsing of what people type: a number is digits, never "NaN", "inf" or "1e999"."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats

from incheck.okrs.messages import MESSAGES, message

# Digits with at most one decimal separator; "." and "," both work (Swedish writes 34,5), and
# spaces (or thin spaces) group thousands ("1 000"). No exponent: "1e3" is a typo in a form.
_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)")
# Longer than any number a KR tracks (the domain caps magnitudes at 1e12).
NUMBER_LENGTH = 40
_GROUPING = re.compile(r"(?<=\d)[\s\u00a0\u202f](?=\d)")


def parse_number(raw: str) -> float:
    """A finite float from a person's typing, or ValueError.

    >>> parse_number(" 1 234,5 ")
    1234.5
    >>> parse_number("NaN")
    Traceback (most recent call last):
    ...
    ValueError: not_a_number
    """
    text = _GROUPING.sub("", raw.strip())
    if not _NUMBER.fullmatch(text):
        raise ValueError("not_a_number")
    return float(text.replace(",", "."))


class NumberField(forms.CharField):
    """A decimal number typed by a person; empty is None unless required."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={"inputmode": "decimal", "autocomplete": "off", "maxlength": NUMBER_LENGTH}
            ),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> float | None:  # type: ignore[override]
        text = super().to_python(value)
        if not text:
            return None
        if len(text) > NUMBER_LENGTH:
            raise ValidationError(message("not_a_number"), code="not_a_number")
        try:
            return parse_number(text)
        except ValueError as exc:
            raise ValidationError(message("not_a_number"), code="not_a_number") from exc

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise ValidationError(message("value_required"), code="required")


class IsoDateField(forms.DateField):
    """A date as a date picker sends it (YYYY-MM-DD)."""

    widget = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    input_formats = ["%Y-%m-%d"]

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        # Lazy texts: fields are built at import, the language is chosen per request.
        kwargs.setdefault("error_messages", {"invalid": MESSAGES["not_a_date"]})
        super().__init__(**kwargs)


class LevelField(forms.IntegerField):
    """A confidence 0–10. The range is the domain's rule; here only "is it a whole number"."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("error_messages", {"invalid": MESSAGES["not_a_number"]})
        kwargs.setdefault(
            "widget",
            forms.NumberInput(attrs={"min": 0, "max": 10, "step": 1, "inputmode": "numeric"}),
        )
        super().__init__(**kwargs)


def plain_number(value: float | None) -> str:
    """A stored number as a form shows it for editing: 60.0 → "60", 0.5 → "0.5", no exponent.

    The decimal separator is the reader's ("0,5" in Swedish); parse_number reads both.

    >>> plain_number(1e6)
    '1000000'
    """
    if value is None:
        return ""
    if float(value).is_integer():
        return str(int(value))
    separator = str(formats.get_format("DECIMAL_SEPARATOR"))
    return format(value, "f").rstrip("0").replace(".", separator)
