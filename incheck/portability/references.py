"""Every section's ids, and the references between records, checked while the file streams.

Ids are kept in an array of 8-byte integers (not a set of Python ints, which would cost about
70 bytes each), in ascending order as the export writes them, so a lookup is a bisection and a
duplicate id shows as an id that does not go up.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from incheck.portability.errors import ImportProblem, Where


class Ids:
    """A section's ids in ascending order, searched by bisection."""

    def __init__(self) -> None:
        self.ids = array("q")

    def __contains__(self, record_id: int) -> bool:
        at = bisect_left(self.ids, record_id)
        return at < len(self.ids) and self.ids[at] == record_id

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def last(self) -> int:
        return self.ids[-1] if self.ids else 0


@dataclass(frozen=True)
class _Pending:
    """A reference into a section not yet complete, checked when that section ends."""

    record_id: int
    where: Where
    key: str


class References:
    def __init__(self, sections: Iterable[str]) -> None:
        self.ids = {name: Ids() for name in sections}
        self.pending: dict[str, list[_Pending]] = {name: [] for name in self.ids}
        self.complete: set[str] = set()

    def add(self, section: str, record_id: int, where: Where) -> None:
        """A record's own id: it must be new and larger than the one before."""
        ids = self.ids[section]
        if record_id <= ids.last:
            what = (
                _("the id %(id)s appears twice.")
                if record_id in ids
                else _("ids must go up record by record; %(id)s comes after %(last)s.")
            )
            raise ImportProblem(what % {"id": record_id, "last": ids.last}, where.at("id"))
        ids.ids.append(record_id)

    def point(self, target: str, record_id: int, where: Where, key: str) -> None:
        """A reference from the record at `where` (field `key`) to `record_id` in `target`."""
        ids = self.ids[target]
        if target in self.complete or record_id <= ids.last:
            self._check(target, record_id, where, key)
        else:
            self.pending[target].append(_Pending(record_id, where, key))

    def finish(self, section: str) -> None:
        """The section is complete: every reference into it must now find its record."""
        self.complete.add(section)
        for ref in self.pending.pop(section, []):
            self._check(section, ref.record_id, ref.where, ref.key)

    def _check(self, target: str, record_id: int, where: Where, key: str) -> None:
        if record_id not in self.ids[target]:
            raise ImportProblem(
                _('points at id %(id)s in "%(section)s", which is not in the file.')
                % {"id": record_id, "section": target},
                where.at(key),
            )
