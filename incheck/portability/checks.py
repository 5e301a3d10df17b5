"""Checking one record of an export: its keys, and each value against its model field.

A value that passes is returned as the Python value the model takes (a date for "2026-12-04",
an aware datetime, a UUID), under the field's column name (`key_result_id`).
"""

from __future__ import annotations

import datetime as dt
import math
import re
import uuid
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from incheck.portability.errors import ImportProblem, Where
from incheck.portability.format import Field
from incheck.portability.reader import NonFinite

MAX_ID = 2**63 - 1
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")

Convert = Callable[[Any], Any]


class BadValue(ValueError):
    """A value that does not fit its field; `convert` adds where it is."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _id(value: Any) -> int:
    if not _is_int(value) or not 1 <= value <= MAX_ID:
        raise BadValue(_("must be a whole number from 1 (an id)."))
    return int(value)


def _null(field: Field) -> None:
    if not field.null:
        raise BadValue(_("must not be null."))


def converter(field: Field) -> Convert:
    """The check (and conversion) for one field's values."""
    if field.kind in {"id", "ref"}:
        return _nullable(field, _id)
    return _nullable(field, _CONVERTERS[field.kind](field))


def _nullable(field: Field, convert: Convert) -> Convert:
    def check(value: Any) -> Any:
        if value is None:
            _null(field)
            return None
        return convert(value)

    return check


def _text(field: Field) -> Convert:
    limit = field.max_length
    allowed = field.choices
    # PostgreSQL's text cannot hold NUL (SQLite's can): say so here rather than fail mid-insert.
    refuse_nul = connection.vendor == "postgresql"

    def check(value: Any) -> str:
        if not isinstance(value, str):
            raise BadValue(_("must be text (a JSON string)."))
        if refuse_nul and "\x00" in value:
            raise BadValue(_("holds a NUL character (\\u0000), which PostgreSQL cannot store."))
        if limit is not None and len(value) > limit:
            raise BadValue(_("is longer than %(limit)s characters.") % {"limit": limit})
        if allowed is not None and value not in allowed and not (value == "" and field.blank):
            choices = ", ".join(sorted(repr(choice) for choice in allowed))
            raise BadValue(_("must be one of %(choices)s.") % {"choices": choices})
        return value

    return check


def _bool(field: Field) -> Convert:
    def check(value: Any) -> bool:
        if not isinstance(value, bool):
            raise BadValue(_("must be true or false."))
        return value

    return check


def _int(field: Field) -> Convert:
    low, high = field.int_range or (-MAX_ID, MAX_ID)

    def check(value: Any) -> int:
        if not _is_int(value):
            raise BadValue(_("must be a whole number."))
        if not low <= value <= high:
            raise BadValue(_("must be between %(low)s and %(high)s.") % {"low": low, "high": high})
        return int(value)

    return check


def _float(field: Field) -> Convert:
    def check(value: Any) -> float:
        if isinstance(value, NonFinite):
            raise BadValue(
                _("%(value)s is not allowed: JSON has no NaN or Infinity; use a number or null.")
                % {"value": value.text}
            )
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise BadValue(_("must be a number."))
        try:
            number = float(value)
        except OverflowError:  # a whole number with hundreds of digits
            number = math.inf
        if not math.isfinite(number):  # 1e999 parses as infinity
            raise BadValue(_("must be a finite number."))
        return number

    return check


def _date(field: Field) -> Convert:
    def check(value: Any) -> dt.date:
        try:
            if isinstance(value, str) and _DATE.match(value):
                return dt.date.fromisoformat(value)
        except ValueError:
            pass
        raise BadValue(_("must be a date written YYYY-MM-DD."))

    return check


def _datetime(field: Field) -> Convert:
    def check(value: Any) -> dt.datetime:
        try:
            if isinstance(value, str):
                moment = dt.datetime.fromisoformat(value)
                if moment.tzinfo is not None and moment.utcoffset() is not None:
                    return moment.astimezone(dt.UTC)
        except ValueError:
            pass
        raise BadValue(
            _("must be a date and time with its time zone (ISO 8601, e.g. 2026-11-24T09:30:00Z).")
        )

    return check


def _uuid(field: Field) -> Convert:
    def check(value: Any) -> uuid.UUID:
        try:
            if isinstance(value, str):
                return uuid.UUID(value)
        except ValueError:
            pass
        raise BadValue(_("must be a UUID."))

    return check


def _json(field: Field) -> Convert:
    def check(value: Any) -> dict[str, Any]:
        if not isinstance(value, dict) or any(isinstance(v, NonFinite) for v in value.values()):
            raise BadValue(_("must be a JSON object."))
        return value

    return check


_CONVERTERS: dict[str, Callable[[Field], Convert]] = {
    "json": _json,
    "str": _text,
    "bool": _bool,
    "int": _int,
    "float": _float,
    "date": _date,
    "datetime": _datetime,
    "uuid": _uuid,
}


@cache
def _keyset(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset(keys)


@cache
def converters(fields: tuple[Field, ...]) -> tuple[tuple[Field, Convert], ...]:
    return tuple((field, converter(field)) for field in fields)


def check_keys(record: Any, expected: Sequence[str], where: Where) -> Mapping[str, Any]:
    """The record as a mapping, if it is an object with exactly the expected keys."""
    if not isinstance(record, dict):
        raise ImportProblem(_("a record must be a JSON object."), where)
    if len(record) == len(expected) and record.keys() == _keyset(tuple(expected)):
        return record  # the common case, checked fast
    missing = [key for key in expected if key not in record]
    if missing:
        raise ImportProblem(_("a key is missing: %(keys)s.") % {"keys": ", ".join(missing)}, where)
    unknown = sorted(key for key in record if key not in expected)
    if unknown:
        raise ImportProblem(_("unknown key: %(keys)s.") % {"keys": ", ".join(unknown)}, where)
    return record


def convert(record: Mapping[str, Any], fields: tuple[Field, ...], where: Where) -> dict[str, Any]:
    """Every field's value, checked and converted, by column name (absent optional keys omitted)."""
    values: dict[str, Any] = {}
    for field, check in converters(fields):
        if field.key in record:
            try:
                values[field.attname] = check(record[field.key])
            except BadValue as bad:
                raise ImportProblem(bad.what, where.at(field.key)) from None
    return values
