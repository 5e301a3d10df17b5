"""Check-ins as a spreadsheet: one CSV row per check-in, with its KR, objective and team.

UTF-8 with a byte order mark (so Excel reads å, ä, ö right), a header row, CRLF line ends and
every cell quoted (RFC 4180), separated by commas or, for spreadsheets set to Swedish and other
languages that write decimal commas, by semicolons (`--delimiter ';'`). Times are in the
installation's time zone (TIME_ZONE), numbers without a needless ".0". The column names are
stable identifiers for scripts, so they are not translated.

CSV injection: a text that starts with =, +, -, @, a tab or a carriage return gets a leading
apostrophe, and so does such a start right after a `;` (or the delimiter) inside a text, where a
spreadsheet that splits the cell again would otherwise run it as a formula. Numbers are written
by us from numbers ("-5" is minus five, not a formula) and stay numbers. The JSON export is the
faithful copy; this file is for reading.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import uuid
from collections.abc import Callable
from typing import Any, TextIO

from django.utils import timezone

from incheck.okrs.models import CheckIn
from incheck.portability.export import CHUNK, snapshot
from incheck.portability.progress import Progress

BOM = "\ufeff"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


DELIMITERS = (",", ";", "\t")
# A formula start at the start of a cell, or right after a ";" or "," inside it.
_FORMULA_INSIDE = re.compile(r"(?<=[;,])(?=[=+\-@\t\r])")


def neutralised(value: str) -> str:
    """A text a spreadsheet shows as text, never runs as a formula.

    >>> neutralised("=HYPERLINK(\"http://x\")")
    '\'=HYPERLINK("http://x")'
    >>> neutralised("34 leads;=1+1")
    "34 leads;'=1+1"
    """
    value = _FORMULA_INSIDE.sub("'", value)
    return "'" + value if value.startswith(_FORMULA_START) else value


def _text(value: str | None) -> str:
    return neutralised(value) if value else ""


def _number(value: float | int | None) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return repr(value) if isinstance(value, float) else str(value)


def _local(value: dt.datetime | None) -> str:
    if value is None:
        return ""
    return timezone.localtime(value, timezone.get_default_timezone()).isoformat(timespec="seconds")


def _date(value: dt.date | None) -> str:
    return "" if value is None else value.isoformat()


def _flag(value: bool | None) -> str:
    return "" if value is None else ("true" if value else "false")


def _plain(value: str | int | uuid.UUID | None) -> str:
    return "" if value is None else str(value)


# (column, lookup, how the value is written)
COLUMNS: tuple[tuple[str, str, Callable[[Any], str]], ...] = (
    ("id", "id", _plain),
    ("sitting", "sitting", _plain),
    ("time", "created_at", _local),
    ("author", "author__username", _text),
    ("author_name", "author__profile__display_name", _text),
    ("team", "key_result__objective__team__name", _text),
    ("period", "key_result__objective__period__name", _text),
    ("objective", "key_result__objective__title", _text),
    ("key_result_id", "key_result_id", _plain),
    ("key_result", "key_result__title", _text),
    ("kr_type", "key_result__kr_type", _plain),
    ("unit", "key_result__unit", _text),
    ("kind", "kind", _plain),
    ("signal", "signal", _plain),
    ("text", "text", _text),
    ("value", "value", _number),
    ("reached", "reached", _flag),
    ("level", "level", _number),
    ("due_on", "due_on", _date),
    ("expected_value", "expected_value", _number),
    ("closure", "closure", _plain),
    ("closed_at", "closed_at", _local),
    ("happened", "happened", _text),
    ("learned", "learned", _text),
    ("actual_value", "actual_value", _number),
    ("score", "score", _number),
    ("score_reason", "score_reason", _text),
    ("way_around", "way_around", _text),
    ("resolved_at", "resolved_at", _local),
    ("resolution", "resolution", _text),
    ("resolves", "resolves_id", _plain),
)


def export_check_ins_csv(
    out: TextIO, *, progress: Progress | None = None, delimiter: str = ","
) -> int:
    """Write every check-in as a CSV row, oldest id first; returns the number of rows.

    with open("check-ins.csv", "w", encoding="utf-8", newline="") as out:
        export_check_ins_csv(out, delimiter=";")
    """
    if delimiter not in DELIMITERS:
        raise ValueError(f"delimiter must be one of {DELIMITERS!r}")
    writer = csv.writer(out, delimiter=delimiter, quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    out.write(BOM)
    writer.writerow([name for name, _lookup, _write in COLUMNS])
    writers = [write for _name, _lookup, write in COLUMNS]
    rows = 0
    with snapshot():
        if progress is not None:
            progress.total = CheckIn.objects.count()
        query = CheckIn.objects.order_by("id").values_list(*(lookup for _n, lookup, _w in COLUMNS))
        for row in query.iterator(CHUNK):
            writer.writerow([write(value) for write, value in zip(writers, row, strict=True)])
            rows += 1
            if progress is not None and rows % CHUNK == 0:
                progress.update(rows, label="check_ins")
    if progress is not None:
        progress.finish()
    return rows
