"""On SQLite, the export's records written as JSON text by the database itself.

Building a dict a row and encoding it was most of the export's time (26 s at a million
check-ins, against 10 s for a raw read of the rows). Here SQLite's `json_object` writes every
value but the floats, and Python only puts each row's pieces into one template (`str % row`,
no Python step per row): the same bytes as Python's encoder (`ensure_ascii=False`, compact
separators). Strings are escaped alike: a quote and a backslash, the short escapes of
backspace, form feed, newline, return and tab, other control characters as lowercase
`\\u00xx`, the rest as it is (`test_export_writers` compares the two writers on awkward
text). Floats stay Python's: SQLite prints them with 15 digits, Python with the shortest that
reads back, so they come out of the query as numbers (or the text `null`) and `%s` writes
them as JSON does (`str(float)` is its `repr`).

Only where every field is one of the kinds below: a JSON column (SQLite would keep its own
spacing and escapes) and the users with their nested profile go through the Python writer.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connection

from incheck.portability.sql_records import section_table

# A value as the document writes it, from its column (SQLite's text for dates, moments, UUIDs).
TEMPLATES = {
    "date": "CAST(%(expressions)s AS TEXT)",
    "datetime": "(REPLACE(CAST(%(expressions)s AS TEXT), ' ', 'T') || 'Z')",
    "uuid": (
        "(SUBSTR(%(expressions)s, 1, 8) || '-' || SUBSTR(%(expressions)s, 9, 4) || '-' || "
        "SUBSTR(%(expressions)s, 13, 4) || '-' || SUBSTR(%(expressions)s, 17, 4) || '-' || "
        "SUBSTR(%(expressions)s, 21))"
    ),
}
# Django stores a boolean as 1 or 0; `json()` makes the words JSON rather than strings.
_BOOL = "json(CASE WHEN %(expressions)s THEN 'true' WHEN NOT %(expressions)s THEN 'false' END)"
_AS_IS = frozenset({"id", "ref", "int", "str"})
_WRITTEN = _AS_IS | set(TEMPLATES) | {"bool", "float"}
CHUNK = 2000
# The largest finite double: beyond it a float column holds an infinity, which JSON cannot.
_FINITE = "1.7976931348623157e308"


def records(section: str) -> Iterator[str] | None:
    """The section's records as JSON text in id order, or None where this writer does not
    apply (another database, a JSON column, the users, an infinite float: the Python writer
    takes those, and refuses the infinity with its record named)."""
    infinite = f"ABS(%(c)s) > {_FINITE}"
    found = section_table(section, vendor="sqlite", kinds=_WRITTEN, odd_float=infinite)
    if found is None:
        return None
    fields, table, column = found.fields, found.table, found.column
    pieces: list[str] = []  # the template's, joined by commas
    selected: list[str] = []  # one expression a %s
    run: list[str] = []  # json_object arguments of the fields since the last float

    def close_run() -> None:
        if run:
            # The object's members without its braces (no value ends in "}": none is nested).
            selected.append(f"LTRIM(RTRIM(json_object({', '.join(run)}), '}}'), '{{')")
            pieces.append("%s")
            run.clear()

    for f in fields:
        if f.kind == "float":
            close_run()
            selected.append(f"COALESCE({column[f.key]}, 'null')")
            pieces.append(f'"{f.key}":%s')
            continue
        value = column[f.key]
        if f.kind in TEMPLATES or f.kind == "bool":
            value = TEMPLATES.get(f.kind, _BOOL) % {"expressions": value}
        run.append(f"'{f.key}', {value}")
    close_run()
    template = "{" + ",".join(pieces) + "}"
    # Names from the models' metadata, quoted; no value of the data is in the statement.
    sql = f"SELECT {', '.join(selected)} FROM {table} ORDER BY {column['id']}"  # noqa: S608
    return _lines(sql, template)


def _lines(sql: str, template: str) -> Iterator[str]:
    with connection.chunked_cursor() as cursor:
        cursor.execute(sql)
        while chunk := cursor.fetchmany(CHUNK):
            yield from map(template.__mod__, chunk)
