"""Reads whose SQL Django builds once a process, for the hot writes and the busiest pages.

Django compiles a queryset into SQL each time it runs it. For a check-in sitting's read of the
KR with its objective, period and open Next Up (70 columns, three joins) that was 3.2 ms of a
3.5 ms read on SQLite: a third of the sitting; the KR page's read of its KR (with the owner's
rhythm as subqueries) and the dashboard's four capped counts cost the same way. A `Prepared`
read compiles its queryset once (per database connection alias and shape of its arguments),
with a marker in the place of each argument; each call runs that SQL with the arguments where
the markers were, and turns the rows into what the queryset would have returned the way
Django's own iterables do (`ModelIterable`: the database's converters through `results_iter`,
`from_db`, the related populators, each annotation set on the object; `ValuesListIterable`:
tuples, or single values when flat). `PreparedCount` is the same for `queryset.count()`.
`test_prepared` compares each with its queryset, on both databases.

An argument is an int, a str, a date or an aware datetime (each adapted for the database as
its field would adapt it), or a list of one of those (an `IN` list: a statement per length),
or an `Inline` value that shapes the statement (an ordering, a slice: a statement per value).
An int past the database's 64-bit integers (a made-up id in a URL) runs the queryset itself:
Django answers those without asking the database.
It may stand in several places of the statement; it must reach the SQL as it was given (an
argument Django transforms, like `title__icontains`, is refused when the statement is built).
No `extra`, no `prefetch_related`, no querysets of a related manager or a `union`.
`select_for_update` still needs a transaction.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Model, QuerySet
from django.db.models.query import (
    FlatValuesListIterable,
    ModelIterable,
    ValuesListIterable,
    get_related_populators,
)
from django.db.models.sql.compiler import SQLCompiler
from django.db.transaction import TransactionManagementError

T = TypeVar("T")

# Past this many shapes (list lengths, `Inline` values) a read is compiled each time rather
# than kept; a list longer than LIST_KEPT runs the queryset itself: a statement per length is
# for short lists.
SHAPES_KEPT = 64
LIST_KEPT = 100

Shape = tuple[Any, ...]


def _marker(kind: type, n: int) -> Any:
    """The n-th argument's stand-in: a value nobody passes, one per argument and kind."""
    if kind is int:
        # Inside every integer field's range, the smallest included: Django answers a lookup
        # with a value outside its field's range without a statement (an `exact` on a 32-bit
        # key matches nothing, a `gt` everything), so a marker outside it never reaches the
        # SQL. No query of Incheck holds such a number as a constant.
        return 30_271 + n
    if kind is str:
        return f"\x1eincheck-prepared-{n}\x1e"
    if kind is dt.date:
        return dt.date(1000, 2, 3) + dt.timedelta(days=n)
    return dt.datetime(1000, 2, 3, 4, 5, 6, 789_012, tzinfo=dt.UTC) + dt.timedelta(days=n)


@dataclass(frozen=True)
class Inline:
    """An argument that shapes the statement rather than being one of its parameters (a sort
    order, a page's offset): given to `build` as it is, with a statement kept per value."""

    value: Any


class _AsItIs(Exception):
    """Not an error: an argument the statement cannot take as a parameter (an id past the
    database's integers: Django answers "none" for it rather than asking), or a list too long
    to keep a statement for, so the queryset runs as Django builds it."""


_INTEGERS = range(-(2**63), 2**63)


def _kind(value: Any) -> type:
    kind = type(value)
    if kind not in (int, str, dt.date, dt.datetime):
        raise TypeError(f"a prepared read takes ints, strs, dates and datetimes, not {kind}")
    if kind is dt.datetime and value.tzinfo is None:
        raise ValueError("a prepared read takes aware datetimes only")
    if kind is int and value not in _INTEGERS:
        raise _AsItIs
    return kind


def _shape(args: Sequence[Any]) -> Shape:
    """Each argument's kind, and a list's length with its elements' kind."""
    shape: list[Any] = []
    for arg in args:
        if isinstance(arg, Inline):
            shape.append(arg)
        elif isinstance(arg, list | tuple):
            # An empty list: Django answers without asking the database (`__in=[]`).
            if not arg or len(arg) > LIST_KEPT:
                raise _AsItIs
            kinds = {_kind(value) for value in arg}
            if len(kinds) != 1:
                raise TypeError("a list argument's values are of one kind")
            shape.append((kinds.pop(), len(arg)))
        else:
            shape.append(_kind(arg))
    return tuple(shape)


def _given(args: Sequence[Any]) -> list[Any]:
    """The arguments as `build` takes them (an `Inline`'s value)."""
    return [arg.value if isinstance(arg, Inline) else arg for arg in args]


def _flat(args: Sequence[Any]) -> list[Any]:
    values: list[Any] = []
    for arg in args:
        if isinstance(arg, Inline):
            continue
        if isinstance(arg, list | tuple):
            values.extend(arg)
        else:
            values.append(arg)
    return values


def _markers(shape: Shape) -> tuple[list[Any], list[Any]]:
    """The stand-ins to build the queryset with (lists as lists), and each one in order."""
    args: list[Any] = []
    flat: list[Any] = []
    for entry in shape:
        if isinstance(entry, Inline):
            args.append(entry.value)
        elif isinstance(entry, tuple):
            kind, length = entry
            values = [_marker(kind, len(flat) + i) for i in range(length)]
            args.append(values)
            flat.extend(values)
        else:
            args.append(_marker(entry, len(flat)))
            flat.append(args[-1])
    return args, flat


def _adapter(kind: type, using: str) -> Callable[[Any], Any]:
    """What the field of a lookup makes of a value of this kind for the database."""
    ops = connections[using].ops
    if kind is dt.datetime:
        return ops.adapt_datetimefield_value
    if kind is dt.date:
        return ops.adapt_datefield_value
    return _same


def _same(value: Any) -> Any:
    return value


@dataclass(frozen=True)
class _Parameters:
    """A compiled statement's parameters, with the places each argument goes."""

    # None: Django answered without a statement (`EmptyResultSet`). Whether that was the query
    # or the markers standing in for the arguments cannot be told apart, so such a read runs
    # its queryset each time.
    sql: str | None
    params: tuple[Any, ...]
    slots: tuple[tuple[int, ...], ...]  # per argument (list values flattened)
    adapters: tuple[Callable[[Any], Any], ...]

    @classmethod
    def of(
        cls, sql: str | None, params: Sequence[Any], shape: Shape, markers: list[Any], using: str
    ) -> _Parameters:
        params = tuple(params)
        kinds = [k for entry in shape for k in _kinds(entry)]
        adapters = tuple(_adapter(kind, using) for kind in kinds)
        places: dict[Any, list[int]] = {}
        for i, param in enumerate(params):
            if isinstance(param, int | str | dt.date):
                # A subclass of int is the database's own type for it (PostgreSQL's `Int2`
                # for a small integer field): found by its value, given as a plain int (the
                # database compares it as a wider integer, as it would a literal).
                places.setdefault((_base(param), param), []).append(i)
        slots = []
        for marker, adapt in zip(markers, adapters, strict=True):
            adapted = adapt(marker)
            found = tuple(places.get((_base(adapted), adapted), ()))
            if not found and sql is not None:
                raise ValueError("each argument must reach the statement as a parameter")
            slots.append(found)
        return cls(sql=sql, params=params, slots=tuple(slots), adapters=adapters)

    def bound(self, args: Sequence[Any]) -> list[Any]:
        params = list(self.params)
        for slots, adapt, value in zip(self.slots, self.adapters, _flat(args), strict=True):
            adapted = adapt(value)
            for slot in slots:
                params[slot] = adapted
        return params


def _base(value: Any) -> type:
    return int if isinstance(value, int) and not isinstance(value, bool) else type(value)


def _kinds(entry: Any) -> list[type]:
    if isinstance(entry, Inline):
        return []
    return [entry[0]] * entry[1] if isinstance(entry, tuple) else [entry]


class _Shapes(Generic[T]):
    """Statements by the shape of their arguments, each compiled once."""

    def __init__(self, compile: Callable[[Shape], T]) -> None:
        self._compile = compile
        self._kept: dict[Shape, T] = {}
        self._lock = threading.Lock()

    def __call__(self, args: Sequence[Any]) -> T:
        shape = _shape(args)
        statement = self._kept.get(shape)
        if statement is not None:
            return statement
        with self._lock:
            statement = self._kept.get(shape)
            if statement is None:
                statement = self._compile(shape)
                if len(self._kept) < SHAPES_KEPT:
                    self._kept[shape] = statement
            return statement


def _checked(queryset: QuerySet[Any, Any]) -> QuerySet[Any, Any]:
    query = queryset.query
    if query.extra or query.extra_select:
        raise ValueError("a prepared read takes no extra()")
    if queryset._prefetch_related_lookups or queryset._known_related_objects:  # type: ignore[attr-defined]
        raise ValueError("a prepared read takes no prefetch_related() or related manager")
    if query.combinator:
        raise ValueError("a prepared read takes no union()")
    return queryset


@dataclass(frozen=True)
class _Statement:
    parameters: _Parameters
    compiler: SQLCompiler
    for_update: bool
    result: str  # "models", "tuples" or "flat"
    # For models: the main model's columns, its related rows' populators, annotations' places.
    start: int = 0
    end: int = 0
    init_list: tuple[str, ...] = ()
    populators: tuple[Any, ...] = ()
    annotations: tuple[tuple[str, int], ...] = ()


class Prepared(Generic[T]):
    """A read built once: `Prepared(lambda pk: Model.objects.filter(pk=pk))(pk)` returns what
    `list(Model.objects.filter(pk=pk))` does.

    `build` makes the queryset from its arguments (ints, strs, dates, aware datetimes, or
    lists of one of those; see the module's docstring)."""

    def __init__(self, build: Callable[..., QuerySet[Any, T]], *, using: str = "default") -> None:
        self._build = build
        self._using = using
        self._statements: _Shapes[_Statement] = _Shapes(self._compile)

    def __call__(self, *args: Any) -> list[T]:
        try:
            statement = self._statements(args)
        except _AsItIs:
            return list(self._build(*_given(args)))
        parameters = statement.parameters
        if parameters.sql is None:
            return list(self._build(*_given(args)))
        connection = connections[self._using]
        if statement.for_update and connection.get_autocommit():
            raise TransactionManagementError(
                "select_for_update cannot be used outside of a transaction."
            )
        with connection.cursor() as cursor:
            cursor.execute(parameters.sql, parameters.bound(args))
            rows = cursor.fetchall()
        converted = statement.compiler.results_iter(results=[rows])
        if statement.result == "tuples":
            return list(map(tuple, converted))  # type: ignore[arg-type]
        if statement.result == "flat":
            return [row[0] for row in converted]
        # As Django's ModelIterable makes them.
        model: type[Model] = statement.compiler.klass_info["model"]
        start, end, init_list = statement.start, statement.end, statement.init_list
        objects = []
        for row in converted:
            obj = model.from_db(self._using, init_list, row[start:end])
            for populator in statement.populators:
                populator.populate(row, obj)
            for name, position in statement.annotations:
                setattr(obj, name, row[position])
            objects.append(obj)
        return objects  # type: ignore[return-value]

    def _compile(self, shape: Shape) -> _Statement:
        args, markers = _markers(shape)
        queryset = _checked(self._build(*args))
        query = queryset.query
        iterable = queryset._iterable_class
        compiler = query.get_compiler(using=self._using)
        try:
            sql, params = compiler.as_sql()
        except EmptyResultSet:
            sql, params = None, ()
        parameters = _Parameters.of(sql, params, shape, markers, self._using)
        for_update = (
            bool(query.select_for_update)
            and connections[self._using].features.has_select_for_update
        )
        if iterable is ModelIterable:
            if sql is None:
                return _Statement(parameters, compiler, for_update, "models")
            klass_info, select = compiler.klass_info, compiler.select
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            return _Statement(
                parameters,
                compiler,
                for_update,
                "models",
                start=start,
                end=end,
                init_list=tuple(column[0].target.attname for column in select[start:end]),
                # Django 5.2's signature (the type stubs describe a later one).
                populators=tuple(get_related_populators(klass_info, select, self._using)),  # type: ignore[call-arg]
                annotations=tuple(compiler.annotation_col_map.items()),
            )
        if iterable not in (ValuesListIterable, FlatValuesListIterable):
            raise ValueError("a prepared read gives objects or values_list() rows")
        names = [*query.values_select, *query.annotation_select]
        fields = [
            *queryset._fields,  # type: ignore[attr-defined]
            *(name for name in query.annotation_select if name not in queryset._fields),  # type: ignore[attr-defined]
        ]
        if queryset._fields and fields != names:  # type: ignore[attr-defined]
            raise ValueError("a prepared values_list() names its annotations last")
        result = "flat" if iterable is FlatValuesListIterable else "tuples"
        return _Statement(parameters, compiler, for_update, result)


class _Captured(Exception):
    """Not an error: how a statement Django built comes back without running."""

    def __init__(self, sql: str, params: Sequence[Any]) -> None:
        super().__init__(sql)
        self.sql = sql
        self.params = params


class PreparedCount:
    """A count built once: `PreparedCount(lambda pk: Model.objects.filter(owner_id=pk)[:101])
    (pk)` returns what `….count()` does, running the SQL Django builds for that count."""

    def __init__(self, build: Callable[..., QuerySet[Any, Any]], *, using: str = "default") -> None:
        self._build = build
        self._using = using
        self._statements: _Shapes[_Parameters] = _Shapes(self._compile)

    def __call__(self, *args: Any) -> int:
        try:
            parameters = self._statements(args)
        except _AsItIs:
            return self._build(*_given(args)).count()
        if parameters.sql is None:
            return self._build(*_given(args)).count()
        with connections[self._using].cursor() as cursor:
            cursor.execute(parameters.sql, parameters.bound(args))
            row = cursor.fetchone()
        return int(row[0])

    def _compile(self, shape: Shape) -> _Parameters:
        args, markers = _markers(shape)
        queryset = _checked(self._build(*args))

        def capture(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
            raise _Captured(sql, params)

        # Django builds the count (an aggregate over the sliced query as a subquery) only on
        # the way to running it: the statement is taken from the cursor, and nothing runs —
        # nor is it logged as a query (tests count a page's queries; with DEBUG on, Django's
        # debug log still lists it once).
        connection = connections[self._using]
        forced = connection.force_debug_cursor
        connection.force_debug_cursor = False
        try:
            with connection.execute_wrapper(capture):
                queryset.count()
        except _Captured as captured:
            return _Parameters.of(captured.sql, captured.params, shape, markers, self._using)
        finally:
            connection.force_debug_cursor = forced
        # Django answered without a statement: run as the queryset each time (`_Parameters`).
        return _Parameters.of(None, (), shape, markers, self._using)
