"""Loading an export into an empty database: checked while it streams, written in one transaction.

Every record is checked before it is written (keys, types, lengths, choices, unique values,
the model's check constraints, ids ascending, and every reference pointing at a record of the
file); the first problem stops the import and the transaction rolls back, so a bad file
imports nothing. Records go in with their ids in batches (see `tables`), so links survive.

Memory stays flat: one batch of records, plus 8 bytes per id to check references (an array,
not a set) and the values of unique columns seen so far (usernames, team and period names, the
blockers that resolution insights resolve: few next to the check-ins). References that point
forward (a KR's open Next Up and outcome, links inside a
section) are checked when the section they point into is complete; the foreign keys that hold
them are deferred to the commit on both SQLite and PostgreSQL, as Django creates them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any, BinaryIO

from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import DatabaseError, connection, models, transaction
from django.utils.translation import gettext as _

from incheck.accounts.models import ApiToken, Profile
from incheck.domain.progress import progress_fraction
from incheck.okrs.models import KeyResult
from incheck.okrs.services.rollups import rollups_rebuild
from incheck.portability import format as fmt
from incheck.portability.checks import check_keys, convert
from incheck.portability.errors import DatabaseNotEmpty, ImportProblem, Where
from incheck.portability.progress import Progress
from incheck.portability.reader import ArrayEnd, ArrayStart, Event, Item, JsonStream, Scalar
from incheck.portability.references import References
from incheck.portability.rules import header_value, record_problem
from incheck.portability.tables import Table

BATCH = 2000


def occupied_tables() -> list[str]:
    """The kinds of data the database already holds (empty when an import may go ahead)."""
    kinds: list[type[models.Model]] = [*fmt.section_models().values(), Profile, ApiToken]
    return [
        str(model._meta.verbose_name_plural) for model in kinds if model._default_manager.exists()
    ]


@dataclass
class _Section:
    name: str
    fields: tuple[fmt.Field, ...]
    keys: tuple[str, ...]
    refs: tuple[fmt.Field, ...]
    table: Table
    # Columns an older version lacks, with the values they take (see fmt.missing_columns).
    defaults: dict[str, Any] = field(default_factory=dict)
    uniques: dict[str, set[Any]] = field(default_factory=dict)
    together: dict[tuple[str, ...], set[tuple[Any, ...]]] = field(default_factory=dict)
    batch: list[list[Any]] = field(default_factory=list)
    profiles: list[list[Any]] = field(default_factory=list)
    lines: tuple[int, int] = (0, 0)  # the batch's first and last line, for messages


class _Loader:
    def __init__(self, on_batch: Callable[[], None]) -> None:
        self.header: dict[str, Any] = {}
        self.done: list[str] = []
        self.refs = References(fmt.SECTIONS)
        self.section: _Section | None = None
        self.on_batch = on_batch

    # -- events --------------------------------------------------------------------------

    def feed(self, event: Event) -> None:
        if isinstance(event, Item):
            self._record(event)
        elif isinstance(event, Scalar):
            self._scalar(event)
        elif isinstance(event, ArrayStart):
            self._start(event)
        else:
            self._end(event)

    def _scalar(self, event: Scalar) -> None:
        where = Where(line=event.line, field=event.key)
        if event.key in fmt.SECTIONS:
            raise ImportProblem(_("a section must be a JSON array of records."), where)
        self._header_key(event.key, where)
        self.header[event.key] = header_value(event.key, event.value, where)

    def _header_key(self, key: str, where: Where) -> None:
        position = len(self.header)
        if position < len(fmt.HEADER) and key == fmt.HEADER[position]:
            return
        if key in self.header:
            raise ImportProblem(_("this key appears twice."), where)
        known = key in fmt.HEADER or key in fmt.SECTIONS
        if position == 0 and not known:
            raise ImportProblem(
                _('This is not an Incheck export: it should begin with "format": "%(format)s".')
                % {"format": fmt.FORMAT},
                where,
            )
        if key in fmt.SECTIONS and position > 0:
            raise ImportProblem(
                _('the header key "%(key)s" is missing before the sections.')
                % {"key": fmt.HEADER[position]},
                where,
            )
        if known:
            raise ImportProblem(
                _(
                    "the keys are out of order: the header (%(header)s) comes first, then the "
                    "sections (%(sections)s). A tool that sorts keys (jq -S) breaks this order."
                )
                % {"header": ", ".join(fmt.HEADER), "sections": ", ".join(fmt.SECTIONS)},
                where,
            )
        raise ImportProblem(_("unknown key."), where)

    def _start(self, event: ArrayStart) -> None:
        where = Where(line=event.line, section=event.key)
        if len(self.header) < len(fmt.HEADER):
            field_where = Where(line=event.line, field=event.key)
            self._header_key(event.key, field_where)  # refuses a misplaced key
            raise ImportProblem(_("a header value is not an array."), field_where)
        sections = self.sections
        expected = sections[len(self.done)] if len(self.done) < len(sections) else None
        if event.key != expected:
            if event.key in self.done:
                raise ImportProblem(_("this section appears twice."), where)
            if event.key not in sections:
                raise ImportProblem(_("unknown section."), where)
            raise ImportProblem(
                _('sections must come in the order %(order)s; expected "%(expected)s" here.')
                % {"order": ", ".join(sections), "expected": expected},
                where,
            )
        missing = fmt.missing_columns(event.key, self.header["version"])
        fields = tuple(f for f in fmt.section_fields(event.key) if f.key not in missing)
        if event.key == "users" and not self.header["with_password_hashes"]:
            fields = tuple(f for f in fields if f.key not in fmt.OPTIONAL_USER_FIELDS)
        keys = tuple(f.key for f in fields) + (("profile",) if event.key == "users" else ())
        model = fmt.section_models()[event.key]
        self.section = _Section(
            name=event.key,
            fields=fields,
            keys=keys,
            refs=tuple(f for f in fields if f.kind == "ref"),
            uniques={f.attname: set() for f in fields if f.unique},
            together={group: set() for group in fmt.unique_together(event.key)},
            defaults={
                f.attname: missing[f.key] for f in fmt.section_fields(event.key) if f.key in missing
            },
            # Every column, password included: without hashes the import makes one up.
            table=Table(model, [f.attname for f in fmt.section_fields(event.key)]),
        )

    def _end(self, event: ArrayEnd) -> None:
        section = self.section
        assert section is not None and section.name == event.key
        self._flush(section)
        self.done.append(section.name)
        self.refs.finish(section.name)
        self.section = None

    def finish(self) -> dict[str, int]:
        """After the last event: every section was there. Returns the records per section."""
        if len(self.header) < len(fmt.HEADER):
            raise ImportProblem(
                _('the header key "%(key)s" is missing.') % {"key": fmt.HEADER[len(self.header)]}
            )
        missing = [name for name in self.sections if name not in self.done]
        if missing:
            raise ImportProblem(
                _("sections are missing: %(sections)s.") % {"sections": ", ".join(missing)}
            )
        return {name: len(self.refs.ids[name]) for name in self.sections}

    @property
    def sections(self) -> tuple[str, ...]:
        """The sections this document's version holds."""
        return fmt.sections_for(self.header.get("version", fmt.VERSION))

    # -- records -------------------------------------------------------------------------

    def _record(self, item: Item) -> None:
        section = self.section
        assert section is not None
        value = item.value
        record_id = value.get("id") if isinstance(value, dict) else None
        where = Where(line=item.line, section=section.name, index=item.index, record_id=record_id)
        record = check_keys(value, section.keys, where)
        values = convert(record, section.fields, where)
        values.update(section.defaults)
        self.refs.add(section.name, values["id"], where)
        self._check_unique(section, values, where)
        problem = record_problem(section.name, values)
        if problem is not None:
            raise ImportProblem(problem[1], where.at(problem[0]))
        for ref in section.refs:
            target_id = values[ref.attname]
            if target_id is not None:
                self.refs.point(ref.target or "", target_id, where, ref.key)
        if section.name == "users":
            self._user(section, record, values, where)
        if not section.batch:
            section.lines = (item.line, item.line)
        section.lines = (section.lines[0], item.line)
        section.batch.append(section.table.row(values))
        if len(section.batch) >= BATCH:
            self._flush(section)

    def _user(self, section: _Section, record: Any, values: dict[str, Any], where: Where) -> None:
        if "password" not in values:
            # Without hashes nobody can sign in until an admin sets a password.
            values["password"] = make_password(None)
        profile = record["profile"]
        if profile is None:
            return
        at = where.at("profile")
        dropped = fmt.dropped_profile_fields(self.header["version"])
        if dropped and isinstance(profile, dict):
            profile = {key: value for key, value in profile.items() if key not in dropped}
        missing = fmt.missing_profile_fields(self.header["version"])
        fields = tuple(f for f in fmt.profile_fields() if f.key not in missing)
        keys = tuple(f.key for f in fields)
        profile_values = convert(check_keys(profile, keys, at), fields, at)
        profile_values.update(
            {f.attname: missing[f.key] for f in fmt.profile_fields() if f.key in missing}
        )
        if profile_values["manager_id"] is not None:
            self.refs.point("users", profile_values["manager_id"], where, "profile.manager")
        profile_values["user_id"] = values["id"]
        section.profiles.append(_profiles_table().row(profile_values))

    def _check_unique(self, section: _Section, values: dict[str, Any], where: Where) -> None:
        for attname, seen in section.uniques.items():
            value = values[attname]
            if value is None:
                continue
            if value in seen:
                raise ImportProblem(
                    _("%(value)r is already used by another record.") % {"value": value},
                    where.at(attname.removesuffix("_id")),
                )
            seen.add(value)
        for group, seen_groups in section.together.items():
            combination = tuple(values[attname] for attname in group)
            if combination in seen_groups:
                keys = ", ".join(attname.removesuffix("_id") for attname in group)
                raise ImportProblem(
                    _("another record has the same %(keys)s.") % {"keys": keys}, where
                )
            seen_groups.add(combination)

    def _flush(self, section: _Section) -> None:
        if not section.batch:
            return
        try:
            section.table.insert(section.batch)
            if section.profiles:
                _profiles_table().insert(section.profiles)
        except DatabaseError as exc:
            first, last = section.lines
            raise ImportProblem(
                _("the database refused a record on lines %(first)s to %(last)s: %(error)s")
                % {"first": first, "last": last, "error": exc},
                Where(section=section.name),
            ) from exc
        section.batch.clear()
        section.profiles.clear()
        self.on_batch()


@cache
def _profiles_table() -> Table:
    return Table(Profile, ["user_id", *(f.attname for f in fmt.profile_fields())])


def _lock_users_table() -> None:
    # Two imports at once into one empty PostgreSQL database: the second waits here, then finds
    # the database full and stops. (SQLite's IMMEDIATE transactions already queue writers.)
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(fmt.section_models()["users"]._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {table} IN SHARE ROW EXCLUSIVE MODE")


def _fill_progress() -> None:
    # `progress` is derived from the KR's values (format.DERIVED_FIELDS): compute it as the
    # services would (domain.progress), one executemany per chunk.
    rows = KeyResult.objects.order_by("id").values_list(
        "id", "kr_type", "start_value", "target_value", "current_value"
    )
    table = connection.ops.quote_name(KeyResult._meta.db_table)
    sql = f"UPDATE {table} SET progress = %s WHERE id = %s"  # noqa: S608 - names from the model
    batch: list[tuple[float, int]] = []
    with connection.cursor() as cursor:
        for pk, kr_type, start, target, current in rows.iterator(BATCH):
            fraction = progress_fraction(
                kr_type=kr_type, start=start, target=target, current=current
            )
            if fraction:
                batch.append((fraction, pk))
            if len(batch) >= BATCH:
                cursor.executemany(sql, batch)
                batch = []
        if batch:
            cursor.executemany(sql, batch)


def _reset_sequences() -> None:
    # Rows went in with explicit ids: move each id sequence past them (PostgreSQL; SQLite's
    # AUTOINCREMENT follows by itself and returns no statements).
    sql = connection.ops.sequence_reset_sql(
        no_style(), [*fmt.section_models().values(), *fmt.IMPORTED_EXTRA_MODELS]
    )
    with connection.cursor() as cursor:
        for statement in sql:
            cursor.execute(statement)


def import_document(raw: BinaryIO, *, progress: Progress | None = None) -> dict[str, int]:
    """Load an export (bytes, UTF-8) into the empty database, in one transaction.

    Raises `DatabaseNotEmpty` before reading, or `ImportProblem` naming what is wrong and where;
    either way nothing is written. Returns the number of records per section.

        with open("org.json", "rb") as handle:
            import_document(handle)
    """
    with transaction.atomic():
        _lock_users_table()
        filled = occupied_tables()
        if filled:
            raise DatabaseNotEmpty(filled)
        stream = JsonStream(raw)

        def report() -> None:
            if progress is not None:
                progress.update(stream.bytes_read)

        loader = _Loader(report)
        for event in stream.events():
            loader.feed(event)
        counts = loader.finish()
        _fill_progress()
        rollups_rebuild()  # the roll-ups are derived too, from the progress just computed
        _reset_sequences()
        try:
            # The deferred foreign keys, checked now rather than at the commit, so a gap in the
            # checks above becomes a message instead of a failed commit.
            connection.check_constraints()
        except DatabaseError as exc:
            raise ImportProblem(
                _("the database refused the data: %(error)s") % {"error": exc}
            ) from exc
    if progress is not None:
        progress.finish()
    return counts
