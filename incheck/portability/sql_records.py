"""What the two database-written export writers share (`sqlite_json`, `postgres_json`).

Each writes a section's records as JSON text in its database; both apply only where every
field is of a kind the writer knows and no float column holds a value its database would
print otherwise than Python (the Python writer takes those sections). This module says which
sections a writer takes and names their table and columns, quoted for the statement.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from django.db import connection, models

from incheck.portability import format as fmt


@dataclass(frozen=True)
class SectionTable:
    fields: tuple[fmt.Field, ...]
    table: str  # quoted
    column: dict[str, str]  # a field's key → its quoted column


def section_table(
    section: str, *, vendor: str, kinds: Collection[str], odd_float: str
) -> SectionTable | None:
    """The section's table and columns, or None where this writer does not apply: another
    database, the users (their nested profile), a field of a kind not in `kinds`, or a row
    whose float matches `odd_float` (a condition on `%(c)s`, the quoted column)."""
    if connection.vendor != vendor or section == "users":
        return None
    fields = fmt.section_fields(section)
    if any(f.kind not in kinds for f in fields):
        return None
    model = fmt.section_models()[section]
    table = connection.ops.quote_name(model._meta.db_table)
    column = {f.key: connection.ops.quote_name(column_name(model, f.key)) for f in fields}
    floats = [column[f.key] for f in fields if f.kind == "float"]
    if floats and _any_row(table, " OR ".join(odd_float % {"c": name} for name in floats)):
        return None
    return SectionTable(fields=fields, table=table, column=column)


def column_name(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    assert isinstance(field, models.Field) and field.column
    return field.column


def _any_row(table: str, condition: str) -> bool:
    with connection.cursor() as cursor:
        # Names from the models' metadata, quoted; no value of the data is in the statement.
        cursor.execute(f"SELECT 1 FROM {table} WHERE {condition} LIMIT 1")  # noqa: S608
        return cursor.fetchone() is not None
