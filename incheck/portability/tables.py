"""Writing checked rows in batches: one prepared INSERT per table, run with `executemany`
(on PostgreSQL a COPY).

Django's `bulk_create` builds its SQL again for every batch and, on SQLite, splits a batch into
statements of about 40 rows (999 parameters each); at a million check-ins that costs minutes.
The rows here are already checked and converted to Python values, so one parametrised INSERT
and the driver's `executemany` do the same work several times faster. Dates, times and UUIDs
still go through their field's `get_db_prep_save`, exactly as `bulk_create` would send them.
"""

from __future__ import annotations

from typing import Any, cast

from django.db import connection, models


class Table:
    """The INSERT for some columns (by attname) of a model's table."""

    def __init__(self, model: type[models.Model], attnames: list[str]) -> None:
        by_attname = {field.attname: field for field in model._meta.concrete_fields}
        fields = [by_attname[name] for name in attnames]
        quote = connection.ops.quote_name
        # A concrete field is one with a column; the stubs type `column` for every field.
        columns = ", ".join(quote(cast(str, field.column)) for field in fields)
        placeholders = ", ".join(["%s"] * len(fields))
        self.attnames = attnames
        # Names come from the models and are quoted; the values travel as parameters.
        table = quote(model._meta.db_table)
        self.sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"  # noqa: S608
        self.copy_sql = f"COPY {table} ({columns}) FROM STDIN"
        # DateTimeField is a DateField: both, UUIDs and JSON need the backend's own form.
        self.adapted = [
            (at, field)
            for at, field in enumerate(fields)
            if isinstance(field, models.DateField | models.UUIDField | models.JSONField)
        ]

    def row(self, values: dict[str, Any]) -> list[Any]:
        """A record's values in this table's column order."""
        return [values[name] for name in self.attnames]

    def insert(self, rows: list[list[Any]]) -> None:
        """Insert the rows (they are adapted in place)."""
        for at, field in self.adapted:
            for row in rows:
                if row[at] is not None:
                    row[at] = field.get_db_prep_save(row[at], connection)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # COPY: several times faster than even a pipelined executemany, and the same
                # values (psycopg adapts them as it would the INSERT's parameters).
                with cursor.cursor.copy(self.copy_sql) as copy:
                    for row in rows:
                        copy.write_row(row)
            else:
                cursor.executemany(self.sql, rows)
