"""Input field types and the base of every request schema.

Types only (what is a number, a date, an id); the method's rules stay in the domain and the
services, so a rule is never written twice. These types exist so that input the database
cannot hold (a NUL character, a lone surrogate, an id past 64 bits, NaN) is a 422, not a 500.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from django.utils.translation import gettext as _
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, Strict
from pydantic_core import PydanticCustomError

# Ids fit a 32-bit integer column (Django's auth tables) on every database we run on.
MAX_ID = 2**31 - 1


def _storable(value: str) -> str:
    # PostgreSQL refuses NUL in text and neither database stores a lone surrogate.
    if "\x00" in value:
        raise PydanticCustomError("text_nul", _("Text may not contain the NUL character."))
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise PydanticCustomError("text_unicode", _("Text must be valid Unicode.")) from exc
    return value


Text = Annotated[str, AfterValidator(_storable)]

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def _iso_date(value: object) -> object:
    # pydantic would read a number as seconds since 1970 (`0` → 1970-01-01) and accept a
    # date-time: a day in a body is written "2026-12-04", nothing else.
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and _ISO_DATE.fullmatch(value):
        return value
    raise PydanticCustomError("date_format", _("A date is written YYYY-MM-DD, e.g. 2026-12-04."))


Day = Annotated[dt.date, BeforeValidator(_iso_date)]


def _true_or_false(value: object) -> object:
    # pydantic would also take 1, "yes", "on", "t" and the like: the document says boolean,
    # which a query string writes "true" or "false".
    if isinstance(value, bool) or value in {"true", "false"}:
        return value
    raise PydanticCustomError("bool_parsing", _("Write true or false."))


# A yes/no in a query string (`?archived=true`).
Switch = Annotated[bool, BeforeValidator(_true_or_false)]
# In a path or a query string everything is text, so "7" is the id 7 there.
Id = Annotated[int, Field(ge=1, le=MAX_ID)]
# In a JSON body a number is a number: `true` or "34" is not one (pydantic would coerce them).
Ref = Annotated[int, Strict(), Field(ge=1, le=MAX_ID)]
Number = Annotated[float, Strict()]
Whole = Annotated[int, Strict()]
Flag = Annotated[bool, Strict()]


class Input(BaseModel):
    """A request body: unknown fields are an error (a typo is not silently dropped); so are
    NaN and Infinity. Numbers in bodies use `Number`, `Whole`, `Ref` and `Flag`."""

    model_config = ConfigDict(extra="forbid", allow_inf_nan=False)
