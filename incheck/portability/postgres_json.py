"""On PostgreSQL, the export's records written as JSON text by the database itself.

The Python writer spent most of the export's time turning each row into Python values
(psycopg's timestamp loader, `utc_text` a moment, a dict a record) and encoding them. Here one
expression a record writes its whole line, and one query a page of 2,000 records joins them
(`string_agg`, keyset on the id, all in the export's snapshot), so Python takes about a
megabyte of finished text a query and has no step per record. (`COPY … TO STDOUT` hands a
record a message: psycopg's loop per message cost more than the rest.) The same bytes as
Python's encoder (`ensure_ascii=False`, compact separators; `test_export_writers` compares):

- `json_build_object` would write `"key" : value, …` with spaces: the members are joined by
  hand, each string through `to_json` (its escapes are Python's: a quote and a backslash,
  `\\b \\f \\n \\r \\t`, other control characters as lowercase `\\u00xx`, the rest as is).
- A moment is `to_char` in UTC with its microseconds, dropped where they are zero, as
  `isoformat` drops them (`to_json` would trim ".500000" to ".5").
- A float is PostgreSQL's shortest text (`extra_float_digits` above 0, the same digits as
  Python's `repr`) made Python's: ".0" after an integral value, and fixed notation from 1e15
  to 1e16, where PostgreSQL already writes an exponent. Past 2**53 PostgreSQL writes some
  integral floats with every digit rather than the shortest, so a section holding one (or an
  infinity, or a NaN, which JSON cannot hold) goes through the Python writer, which writes the
  first and refuses the others with the record named.

Only where every field is one of the kinds below: a JSON column and the users with their
nested profile go through the Python writer.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db import connection

from incheck.portability.sql_records import section_table

_MOMENT = (
    "REPLACE(TO_CHAR(%(c)s AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'),"
    " '.000000Z', 'Z')"
)
# The mantissa's digits of PostgreSQL's exponent form, e.g. "1.5e+15" → "15".
_DIGITS = "REPLACE(SPLIT_PART(LTRIM(%(c)s::text, '-'), 'e', 1), '.', '')"
_FLOAT = (
    "CASE WHEN ABS(%(c)s) < 1e15 THEN %(c)s::text || CASE WHEN %(c)s = TRUNC(%(c)s) THEN '.0'"
    " ELSE '' END ELSE CASE WHEN %(c)s < 0 THEN '-' ELSE '' END || CASE WHEN"
    f" LENGTH({_DIGITS}) <= 16 THEN RPAD({_DIGITS}, 16, '0') || '.0'"
    f" ELSE LEFT({_DIGITS}, 16) || '.' || SUBSTR({_DIGITS}, 17) END END"
)
# A value as the document writes it: JSON text, or NULL (made `null` around it).
TEMPLATES = {
    "id": "%(c)s::text",
    "ref": "%(c)s::text",
    "int": "%(c)s::text",
    "str": "TO_JSON(%(c)s)::text",
    "bool": "CASE WHEN %(c)s THEN 'true' WHEN NOT %(c)s THEN 'false' END",
    "date": "'\"' || TO_CHAR(%(c)s, 'YYYY-MM-DD') || '\"'",
    "datetime": "'\"' || " + _MOMENT + " || '\"'",
    "uuid": "'\"' || %(c)s::text || '\"'",
    "float": _FLOAT,
}
# Below it PostgreSQL's shortest digits are Python's (a test compares many).
FLOAT_BOUND = "9007199254740992"  # 2**53
PAGE = 2000  # records a query returns as one text (about a megabyte of check-ins)


def records(section: str) -> Iterator[tuple[str, int]] | None:
    """The section's records as JSON text in id order, joined by ",\\n", a block at a time
    with the number of records in it; or None where this writer does not apply (another
    database, a JSON column, the users, a float as above: the Python writer takes those)."""
    # NOT (… < bound) also holds for an infinity and a NaN (larger than every number there).
    odd_float = f"NOT ABS(%(c)s) < {FLOAT_BOUND}"
    found = section_table(section, vendor="postgresql", kinds=TEMPLATES, odd_float=odd_float)
    if found is None:
        return None
    fields, table, column = found.fields, found.table, found.column
    members: list[str] = []  # '{"id":' || …, ',"title":' || …
    for f in fields:
        value = TEMPLATES[f.kind] % {"c": column[f.key]}
        if f.null:
            value = f"COALESCE({value}, 'null')"
        opening = "," if members else "{"
        members.append(f"'{opening}\"{f.key}\":' || {value}")
    line = " || ".join(members) + " || '}'"
    key = column["id"]
    # A page of records after the last id, joined by the server: one row a page, no step a
    # record in Python. Names from the models' metadata, quoted; no value of the data is in
    # the statement (a % in a choice's text doubled for the driver's placeholders).
    sql = (
        f"SELECT STRING_AGG(line, ',\n' ORDER BY {key}), COUNT(*), MAX({key}) FROM ("  # noqa: S608
        f"SELECT {line.replace('%', '%%')} AS line, {key} FROM {table} WHERE {key} > %s"
        f" ORDER BY {key} LIMIT {PAGE}) AS page"
    )
    return _pages(sql)


def _pages(sql: str) -> Iterator[tuple[str, int]]:
    with connection.cursor() as cursor:
        # Shortest float text whatever the server's setting (0 would give 15 digits).
        cursor.execute("SET LOCAL extra_float_digits = 1")
        last = -(2**63)
        while True:
            cursor.execute(sql, [last])
            text, count, last = cursor.fetchone()
            if not count:
                return
            yield text, count
            if count < PAGE:
                return
