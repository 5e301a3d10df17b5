"""Writing the whole organisation as one versioned JSON document, a record at a time.

The document is written by hand, section by section, one record per line, so memory holds one
chunk of rows whatever the number of check-ins, and the same data always gives the same bytes:
records sorted by id, keys in the order of `format.SECTION_FIELDS`, compact separators. Only
`exported_at` (on line 4) differs between two exports of the same data.

    {
    "format": "incheck-export",
    "version": 1,
    "exported_at": "2026-11-24T09:30:00Z",
    "with_password_hashes": false,
    "users": [
    {"id":1,"username":"alice",...,"profile":{"display_name":"Alice",...}},
    ...
    ],
    "teams": [...],
    ...
    }
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, TextIO

from django.db import connection, transaction
from django.utils.translation import gettext as _

from incheck import clock
from incheck.portability import format as fmt
from incheck.portability.progress import Progress

CHUNK = 2000
_encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode


class ExportProblem(Exception):
    """Data that JSON cannot hold (a NaN in a float column); nothing useful was written."""


@contextmanager
def snapshot() -> Iterator[None]:
    """One consistent view of the data for the whole export, without blocking writers.

    Otherwise a check-in written half-way could point at a KR exported without it.
    """
    if connection.in_atomic_block:
        yield  # already inside a transaction (tests): that is the snapshot
    elif connection.vendor == "sqlite":
        # Django's atomic() would BEGIN IMMEDIATE (see settings) and block every writer for the
        # whole export; a deferred read transaction in WAL mode is a snapshot that blocks none.
        connection.ensure_connection()
        with connection.cursor() as cursor:
            cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("COMMIT")
    else:
        with transaction.atomic():
            if connection.vendor == "postgresql":
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield


def _records(section: str, *, with_password_hashes: bool) -> Iterator[dict[str, Any]]:
    fields = fmt.section_fields(section)
    if section == "users" and not with_password_hashes:
        fields = tuple(f for f in fields if f.key not in fmt.OPTIONAL_USER_FIELDS)
    keys = [f.key for f in fields]
    writers = [(at, fmt.writer_for(f)) for at, f in enumerate(fields) if f.kind in _CONVERTED]
    columns = [f.attname for f in fields]
    if section == "users":
        columns += ["profile__id", *(f"profile__{f.attname}" for f in fmt.profile_fields())]
    model = fmt.section_models()[section]
    rows = model._default_manager.order_by("id").values_list(*columns).iterator(CHUNK)
    width = len(fields)
    for row in rows:
        values = list(row[:width])
        for at, write in writers:
            values[at] = write(values[at])
        record = dict(zip(keys, values, strict=True))
        if section == "users":
            record["profile"] = _profile(row[width:])
        yield record


_CONVERTED = frozenset({"datetime", "date", "uuid"})
_PROFILE_KEYS = fmt.PROFILE_FIELDS


def _profile(values: tuple[Any, ...]) -> dict[str, Any] | None:
    if values[0] is None:
        return None  # a user without a profile (made outside the app, e.g. createsuperuser)
    return dict(zip(_PROFILE_KEYS, values[1:], strict=True))


def export_document(
    out: TextIO, *, with_password_hashes: bool = False, progress: Progress | None = None
) -> dict[str, int]:
    """Write the whole organisation to `out` as one JSON document; returns records per section.

    API tokens, sessions and Django's groups and permissions are not part of it. Password hashes
    are left out unless asked for: imported users then have no usable password.

        with open("org.json", "w", encoding="utf-8") as out:
            export_document(out)
    """
    models = fmt.section_models()
    with snapshot():
        counts = {name: models[name]._default_manager.count() for name in fmt.SECTIONS}
        if progress is not None:
            progress.total = sum(counts.values())
        header = {
            "format": fmt.FORMAT,
            "version": fmt.VERSION,
            "exported_at": fmt.utc_text(clock.now()),
            "with_password_hashes": with_password_hashes,
        }
        out.write("{\n")
        for key in fmt.HEADER:
            out.write(f"{_encode(key)}: {_encode(header[key])},\n")
        done = 0
        for position, name in enumerate(fmt.SECTIONS):
            out.write(f"{_encode(name)}: [")
            separator = "\n"
            for record in _records(name, with_password_hashes=with_password_hashes):
                out.write(separator)
                out.write(_json(name, record))
                separator = ",\n"
                done += 1
                if progress is not None and done % CHUNK == 0:
                    progress.update(done, label=name)
            out.write("]" if separator == "\n" else "\n]")
            out.write(",\n" if position < len(fmt.SECTIONS) - 1 else "\n")
        out.write("}\n")
    if progress is not None:
        progress.finish()
    return counts


def _json(section: str, record: dict[str, Any]) -> str:
    try:
        return _encode(record)
    except ValueError as exc:
        raise ExportProblem(
            _("%(section)s id %(id)s holds a value JSON cannot write: %(error)s")
            % {"section": section, "id": record.get("id"), "error": exc}
        ) from exc
