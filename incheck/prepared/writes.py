"""Writes whose SQL Django builds once a process: a check-in sitting's INSERT and UPDATEs.

`insert_rows` is what `bulk_create` runs for new rows, `update_columns` what an `update()` of
some columns of one row runs; each with Django's own statement built once per model and shape
(a sitting's statements cost Django more to build than to run). `test_prepared` compares each
with the ORM, on both databases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

from django.db import connections
from django.db.models import NOT_PROVIDED, AutoField, Field, Model
from django.db.models.sql.subqueries import InsertQuery


def insert_rows(objs: Sequence[Model], *, using: str = "default") -> None:
    """Insert new rows of one model in one statement and set their keys on them.

    What `type(objs[0])._default_manager.bulk_create(objs)` does for new objects (each value
    through its field's `pre_save` and `get_db_prep_save`, the keys read back from the INSERT,
    `_state` as saved; no signals), with the statement built once a process per model and
    number of rows: a sitting's INSERT of three rows cost Django more to build than to run.
    Anything else (a key already set, an expression as a value, a field with a database
    default, a database that cannot return the keys) goes through `bulk_create` itself.
    """
    model = type(objs[0])
    connection = connections[using]
    fields = _insert_fields(model)
    value_rows = []
    for obj in objs:
        if type(obj) is not model or obj._is_pk_set():  # type: ignore[attr-defined]
            model._default_manager.using(using).bulk_create(objs)
            return
        obj._prepare_related_fields_for_save(operation_name="bulk_create")  # type: ignore[attr-defined]
        values = [field.pre_save(obj, True) for field in fields]
        if any(hasattr(value, "resolve_expression") for value in values):
            model._default_manager.using(using).bulk_create(objs)
            return
        value_rows.append(
            [
                field.get_db_prep_save(value, connection=connection)
                for field, value in zip(fields, values, strict=True)
            ]
        )
    key = (model, len(objs), using)
    if key not in _INSERTS:
        # Built from these objects' values: plain values (no expression), as every call's.
        _INSERTS[key] = _insert_statement(model, objs, using)
    statement = _INSERTS[key]
    if statement is None:
        model._default_manager.using(using).bulk_create(objs)
        return
    compiler = statement.compiler
    _placeholders, param_rows = compiler.assemble_as_sql(statement.fields, value_rows)
    params = [*chain.from_iterable(param_rows), *compiler.returning_params]
    with connection.cursor() as cursor:
        cursor.execute(statement.sql, params)
        rows = cursor.fetchall()
    if statement.converters:
        rows = list(compiler.apply_converters(rows, statement.converters))
    for obj, row in zip(objs, rows, strict=True):
        for value, field in zip(row, statement.returning, strict=True):
            setattr(obj, field.attname, value)
        obj._state.adding = False
        obj._state.db = using


@dataclass(frozen=True)
class _Insert:
    sql: str
    fields: list[Field[Any, Any]]
    returning: tuple[Field[Any, Any], ...]
    compiler: Any  # SQLInsertCompiler, kept for its value layout (PostgreSQL: UNNEST arrays)
    converters: Any


def _insert_statement(model: type[Model], objs: Sequence[Model], using: str) -> _Insert | None:
    """Django's own INSERT for this many rows (as `bulk_create` builds it), or None when
    `bulk_create` does more than one plain statement for them."""
    connection = connections[using]
    opts = model._meta
    fields = _insert_fields(model)
    batch = connection.ops.bulk_batch_size(fields, objs)
    if (
        not connection.features.can_return_rows_from_bulk_insert
        or not isinstance(opts.pk, AutoField)
        or any(field.db_default is not NOT_PROVIDED for field in opts.concrete_fields)
        or len(objs) > batch
    ):
        return None
    query = InsertQuery(model)
    query.insert_values(fields, list(objs))
    compiler = query.get_compiler(using=using)
    returning = tuple(opts.db_returning_fields)
    compiler.returning_fields = returning
    ((sql, _params),) = compiler.as_sql()
    columns = [field.get_col(opts.db_table) for field in returning]
    return _Insert(
        sql=sql,
        fields=fields,
        returning=returning,
        compiler=compiler,
        converters=compiler.get_converters(columns),
    )


def _insert_fields(model: type[Model]) -> list[Field[Any, Any]]:
    """The columns `bulk_create` writes for new rows (not the key, not generated ones)."""
    fields = _INSERT_FIELDS.get(model)
    if fields is None:
        fields = _INSERT_FIELDS[model] = [
            field
            for field in model._meta.concrete_fields
            if not field.generated and not isinstance(field, AutoField)
        ]
    return fields


_INSERTS: dict[tuple[type[Model], int, str], _Insert | None] = {}
_INSERT_FIELDS: dict[type[Model], list[Field[Any, Any]]] = {}


def update_columns(obj: Model, names: Sequence[str], *, using: str = "default") -> int:
    """Write these columns of the object's row from its attributes; the rows updated.

    What `type(obj)._default_manager.filter(pk=obj.pk).update(name=getattr(obj, name), …)`
    runs (each value through its field's `get_db_prep_save`, no `pre_save`, no signals), with
    the statement built once a process per model and columns: a sitting's two UPDATEs cost
    Django more to compile than to run.
    """
    connection = connections[using]
    key = (type(obj), tuple(names), using)
    statement = _UPDATES.get(key) or _update_statement(type(obj), names, using)
    _UPDATES[key] = statement
    fields, sql = statement
    params = [field.get_db_prep_save(_value(obj, field), connection=connection) for field in fields]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, obj.pk])
        return int(cursor.rowcount)


def _value(obj: Model, field: Field[Any, Any]) -> Any:
    """The field's value as an update of it would write it: a related object set on `obj`
    gives its key as it is now (set before it was saved, the `_id` attribute still holds
    None)."""
    if field.is_relation and field.is_cached(obj):  # type: ignore[attr-defined]
        related = field.get_cached_value(obj)  # type: ignore[attr-defined]
        return None if related is None else getattr(related, field.target_field.attname)  # type: ignore[attr-defined]
    return getattr(obj, field.attname)


def _update_statement(
    model: type[Model], names: Sequence[str], using: str
) -> tuple[list[Field[Any, Any]], str]:
    quote = connections[using].ops.quote_name
    fields = []
    for name in names:
        field = model._meta.get_field(name)
        assert isinstance(field, Field) and field.column and field.concrete
        fields.append(field)
    pk = model._meta.pk
    assert pk is not None and pk.column
    columns = ", ".join(f"{quote(str(field.column))} = %s" for field in fields)
    # Names from the model's metadata; the values are parameters.
    sql = f"UPDATE {quote(model._meta.db_table)} SET {columns} WHERE {quote(pk.column)} = %s"  # noqa: S608
    return fields, sql


_UPDATES: dict[tuple[type[Model], tuple[str, ...], str], tuple[list[Field[Any, Any]], str]] = {}
