"""Reads whose SQL Django builds once a process, for the statements of the hot writes.

Django compiles a queryset into SQL each time it runs it. For a check-in sitting's read of the
KR with its objective, period and open Next Up (70 columns, three joins) that was 3.2 ms of a
3.5 ms read on SQLite: a third of the sitting. A `Prepared` read compiles its queryset once
(per database connection alias), with a marker in the place of each argument; each call runs
that SQL with the arguments where the markers were, and turns the rows into what the queryset
would have returned the way Django's own iterables do (`ModelIterable`: the database's
converters through `results_iter`, `from_db`, the related populators; `ValuesListIterable`:
tuples). `test_prepared` compares each with its queryset.

Only for querysets of fields and `select_related` (no annotations, no `extra`), run inside or
outside a transaction as the queryset could be (`select_for_update` still needs one).
`update_columns` is the same for an UPDATE of some columns of one row.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.db import connections
from django.db.models import Field, Model, QuerySet
from django.db.models.query import get_related_populators
from django.db.models.sql.compiler import SQLCompiler
from django.db.transaction import TransactionManagementError

T = TypeVar("T")
# Arguments nobody passes: each must come out of the compiled statement's parameters once.
_MARKERS = (-7_340_271_101, -7_340_271_102, -7_340_271_103)


@dataclass(frozen=True)
class _Statement:
    sql: str
    params: tuple[Any, ...]
    slots: tuple[int, ...]  # where each argument goes in `params`
    compiler: SQLCompiler
    for_update: bool
    values: bool  # values_list(): tuples, not objects


class Prepared(Generic[T]):
    """A read built once: `Prepared(lambda pk: Model.objects.filter(pk=pk))(pk)` returns what
    `list(Model.objects.filter(pk=pk))` does.

    `build` makes the queryset from its arguments (at most three ids, each a parameter of
    the SQL)."""

    def __init__(self, build: Callable[..., QuerySet[Any, T]], *, using: str = "default") -> None:
        self._build = build
        self._using = using
        self._statement: _Statement | None = None
        self._lock = threading.Lock()

    def __call__(self, *args: Any) -> list[T]:
        statement = self._statement or self._compile(len(args))
        connection = connections[self._using]
        if statement.for_update and connection.get_autocommit():
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        params = list(statement.params)
        for slot, value in zip(statement.slots, args, strict=True):
            params[slot] = value
        with connection.cursor() as cursor:
            cursor.execute(statement.sql, params)
            rows = cursor.fetchall()
        compiler = statement.compiler
        converted = compiler.results_iter(results=[rows])
        if statement.values:
            return list(map(tuple, converted))  # type: ignore[arg-type]
        klass_info = compiler.klass_info
        select = compiler.select
        start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        init_list = [column[0].target.attname for column in select[start:end]]
        # Django 5.2's signature (the type stubs describe a later one).
        populators = get_related_populators(klass_info, select, self._using)  # type: ignore[call-arg]
        model: type[Model] = klass_info["model"]
        objects = []
        for row in converted:
            obj = model.from_db(self._using, init_list, row[start:end])
            for populator in populators:
                populator.populate(row, obj)
            objects.append(obj)
        return objects  # type: ignore[return-value]

    def _compile(self, arity: int) -> _Statement:
        with self._lock:
            if self._statement is not None:
                return self._statement
            markers = _MARKERS[:arity]
            queryset = self._build(*markers)
            query = queryset.query
            if query.annotations or query.extra:
                raise ValueError("Prepared takes plain fields and select_related only")
            compiler = query.get_compiler(using=self._using)
            sql, params = compiler.as_sql()
            params = tuple(params)
            slots = tuple(params.index(marker) for marker in markers)
            if any(params.count(marker) != 1 for marker in markers):
                raise ValueError("each argument must be one parameter of the statement")
            self._statement = _Statement(
                sql=sql,
                params=params,
                slots=slots,
                compiler=compiler,
                for_update=bool(query.select_for_update)
                and connections[self._using].features.has_select_for_update,
                values=bool(query.values_select),
            )
            return self._statement


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
