"""Writing the whole organisation as one versioned JSON document, a record at a time.

The document is written by hand, section by section, one record per line, so memory holds one
chunk of rows whatever the number of check-ins, and the same data always gives the same bytes:
records sorted by id, keys in the order of `format.SECTION_FIELDS`, compact separators. Only
`exported_at` (on line 4) differs between two exports of the same data. On SQLite the database
writes most records' JSON itself (`sqlite_json`: the same bytes, a third of the time), and so
does PostgreSQL (`postgres_json`).

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from itertools import islice
from typing import Any, TextIO

from django.db import connection, transaction
from django.db.models import F, Func, QuerySet, TextField
from django.utils.translation import gettext as _

from incheck import clock
from incheck.portability import format as fmt
from incheck.portability import postgres_json, sqlite_json
from incheck.portability.progress import Progress

CHUNK = 2000
WRITE_EVERY = 200  # records a write holds: fewer calls, and little memory
_encoder = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), allow_nan=False)
_encode = _encoder.encode


def _record_encoder() -> Callable[[dict[str, Any]], str]:
    """`_encode` for a record: the same bytes, with the C encoder made once instead of once a
    record (half the cost of encoding a million small records). Records are flat and hold no
    loops, which is what the check for cycles it leaves out would look for."""
    make = getattr(json.encoder, "c_make_encoder", None)  # not in the type stubs
    if make is None:  # Python without its C accelerator
        return _encode
    encoder = make(
        None,
        _encoder.default,
        json.encoder.encode_basestring,  # ensure_ascii=False
        None,
        ":",
        ",",
        False,
        False,
        False,  # allow_nan=False: NaN raises ValueError, as `_encode` does
    )

    def encode(record: dict[str, Any]) -> str:
        return "".join(encoder(record, 0))

    return encode


_encode_record = _record_encoder()


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
    columns = [_column(f.attname, f.kind) for f in fields]
    if section == "users":
        profile = fmt.profile_fields()
        fields += (profile[0], *profile)  # the profile's id first (an id is read as it is)
        columns += ["profile__id", *(_column(f"profile__{f.attname}", f.kind) for f in profile)]
    readers = [(at, reader) for at, f in enumerate(fields) if (reader := _reader(f.kind))]
    model = fmt.section_models()[section]
    width = len(keys)
    for row in _rows(model._default_manager.order_by("id").values_list(*columns)):
        values = list(row)
        for at, read in readers:
            values[at] = read(values[at])
        record = dict(zip(keys, values[:width], strict=True))
        if section == "users":
            record["profile"] = _profile(values[width:])
        yield record


def _rows(queryset: QuerySet[Any]) -> Iterator[tuple[Any, ...]]:
    """The query's rows as the driver returns them, a chunk at a time (a server-side cursor on
    PostgreSQL). Not through the queryset: Django's converters (SQLite's text to a datetime,
    which the document then writes as text again) cost more than the rest of the export."""
    sql, params = queryset.query.sql_with_params()
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(CHUNK):
            yield from chunk


def _column(name: str, kind: str) -> str | Func:
    """The column, or on SQLite an expression that reads it as the document writes it.

    SQLite's driver (as Django sets it up) parses a date or datetime column's text into an
    object, which the document then writes as text again; there the database itself turns its
    text into the document's: a moment "2026-11-24 09:30:00[.123456]" (UTC, as Django stores
    it) gets its T and Z (`format.utc_text`), a UUID's 32 hex digits their dashes. NULL stays
    NULL.
    """
    if connection.vendor != "sqlite" or kind not in sqlite_json.TEMPLATES:
        return name
    return Func(F(name), template=sqlite_json.TEMPLATES[kind], output_field=TextField())


def _reader(kind: str) -> Callable[[Any], Any] | None:
    """How a value as the driver returns it becomes the document's; None: as it is."""
    if connection.vendor == "sqlite":
        return _SQLITE_READERS.get(kind)
    return _READERS.get(kind)


def _json_value(value: Any) -> Any:
    return json.loads(value) if isinstance(value, str | bytes) else value


_READERS: dict[str, Callable[[Any], Any]] = {
    "datetime": fmt.writer_for_kind("datetime"),
    "date": fmt.writer_for_kind("date"),
    "uuid": fmt.writer_for_kind("uuid"),
    "json": _json_value,
}
_SQLITE_READERS: dict[str, Callable[[Any], Any]] = {"json": _json_value}  # see `_column`


def _profile(values: list[Any]) -> dict[str, Any] | None:
    if values[0] is None:
        return None  # a user without a profile (made outside the app, e.g. createsuperuser)
    return dict(zip(fmt.PROFILE_FIELDS, values[1:], strict=True))


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
            for text, count in _batches(name, with_password_hashes=with_password_hashes):
                out.write(separator)
                out.write(text)
                separator = ",\n"
                before, done = done, done + count
                if progress is not None and done // CHUNK > before // CHUNK:
                    progress.update(done, label=name)
            out.write("]" if separator == "\n" else "\n]")
            out.write(",\n" if position < len(fmt.SECTIONS) - 1 else "\n")
        out.write("}\n")
    if progress is not None:
        progress.finish()
    return counts


def _batches(section: str, *, with_password_hashes: bool) -> Iterator[tuple[str, int]]:
    """The section's records as JSON text joined by ",\n", a batch at a time, each with the
    number of records in it."""
    if (blocks := postgres_json.records(section)) is not None:
        yield from blocks
        return
    if (lines := sqlite_json.records(section)) is not None:
        while encoded := list(islice(lines, WRITE_EVERY)):
            yield ",\n".join(encoded), len(encoded)
        return
    records = _records(section, with_password_hashes=with_password_hashes)
    while batch := list(islice(records, WRITE_EVERY)):
        try:
            encoded = list(map(_encode_record, batch))
        except ValueError:
            for record in batch:  # which one: the error names it
                _json(section, record)
            raise
        yield ",\n".join(encoded), len(encoded)


def _json(section: str, record: dict[str, Any]) -> str:
    try:
        return _encode_record(record)
    except ValueError as exc:
        raise ExportProblem(
            _("%(section)s id %(id)s holds a value JSON cannot write: %(error)s")
            % {"section": section, "id": record.get("id"), "error": exc}
        ) from exc
