"""What is wrong with an export file, and where: the section, the record, the line, the field."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Where:
    """A place in the document. Records count from 1, like lines."""

    line: int | None = None
    column: int | None = None
    section: str | None = None
    index: int | None = None
    record_id: object = None
    field: str | None = None

    def at(self, field: str) -> Where:
        """The same place, narrowed to one field (`profile.manager` inside a nested object)."""
        name = f"{self.field}.{field}" if self.field else field
        return Where(self.line, self.column, self.section, self.index, self.record_id, name)

    def __str__(self) -> str:
        parts = []
        if self.line is not None:
            parts.append(
                _("line %(line)s, column %(column)s") % {"line": self.line, "column": self.column}
                if self.column is not None
                else _("line %(line)s") % {"line": self.line}
            )
        if self.section is not None and self.index is not None:
            record = _("%(section)s record %(index)s") % {
                "section": self.section,
                "index": self.index,
            }
            if isinstance(self.record_id, int) and not isinstance(self.record_id, bool):
                record += " " + _("(id %(id)s)") % {"id": self.record_id}
            parts.append(record)
        elif self.section is not None:
            parts.append(_('section "%(section)s"') % {"section": self.section})
        if self.field is not None:
            parts.append(_('field "%(field)s"') % {"field": self.field})
        return ", ".join(parts)


class ImportProblem(Exception):
    """A file that cannot be imported. Nothing was written."""

    def __init__(self, what: str, where: Where | None = None) -> None:
        self.what = what
        self.where = where or Where()
        place = str(self.where)
        super().__init__(f"{place}: {what}" if place else what)


class DatabaseNotEmpty(Exception):
    """The database already holds data; an import only loads into an empty one."""

    def __init__(self, kinds: list[str]) -> None:
        self.kinds = kinds
        super().__init__(
            _(
                "The database is not empty (it holds %(kinds)s). An import only loads into an "
                "empty database, so that nothing is mixed or overwritten: point DATABASE_URL at a "
                "new database (or move the SQLite file under var/ away) and import again."
            )
            % {"kinds": ", ".join(kinds)}
        )
