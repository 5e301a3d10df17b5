"""A streaming reader for one JSON object whose values are scalars or arrays of records.

`json.load` would hold the whole file (a million check-ins) in memory. This reader keeps a
buffer of about 64 KiB and decodes one array element at a time with `raw_decode`, so memory
holds one record, whatever the file's size. It does not care how the file is laid out: the
export writes one record per line, and a file re-indented by another JSON tool reads the same.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Generator, Iterator
from dataclasses import dataclass
from typing import Any, BinaryIO

from django.utils.translation import gettext as _

from incheck.portability.errors import ImportProblem, Where

CHUNK = 1 << 16
# A record larger than this is not an export record; refuse rather than read on.
MAX_RECORD_CHARS = 16 << 20
_NON_SPACE = re.compile(r"[^ \t\n\r]")


@dataclass(frozen=True)
class Scalar:
    key: str
    value: Any
    line: int


@dataclass(frozen=True)
class ArrayStart:
    key: str
    line: int


@dataclass(frozen=True)
class Item:
    key: str
    index: int  # from 1
    line: int
    value: Any


@dataclass(frozen=True)
class ArrayEnd:
    key: str
    count: int


Event = Scalar | ArrayStart | Item | ArrayEnd


class NonFinite:
    """Stands for NaN or Infinity, which JSON does not have, so the checks can name the field."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class DuplicateKey(ValueError):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    record = dict(pairs)
    if len(record) != len(pairs):
        seen: set[str] = set()
        for key, _value in pairs:
            if key in seen:
                raise DuplicateKey(key)
            seen.add(key)
    return record


_DECODER = json.JSONDecoder(parse_constant=NonFinite, object_pairs_hook=_pairs)


class JsonStream:
    """Reads `raw` (bytes, UTF-8) once, front to back, as a stream of events."""

    def __init__(self, raw: BinaryIO, *, chunk: int = CHUNK) -> None:
        self._raw = raw
        self._chunk = chunk
        self._text = codecs.getincrementaldecoder("utf-8-sig")()
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._bytes = 0
        # Line bookkeeping: `_line` is the line at buffer index `_counted`; `_offset` is the
        # absolute index of buffer index 0 and `_line_start` the absolute index where the
        # current line starts, so columns stay right after the buffer drops what was read.
        self._line = 1
        self._counted = 0
        self._offset = 0
        self._line_start = 0
        self._section: str | None = None
        self._index: int | None = None

    @property
    def bytes_read(self) -> int:
        return self._bytes

    # -- buffer ------------------------------------------------------------------------------

    def _read(self) -> None:
        data = self._raw.read(self._chunk)
        self._bytes += len(data)
        try:
            text = self._text.decode(data, final=not data)
        except UnicodeDecodeError as exc:
            offset = self._bytes - len(data) + exc.start
            raise ImportProblem(
                _("The file is not UTF-8 text (at byte %(offset)s).") % {"offset": offset},
                self._where(),
            ) from exc
        if not data:
            self._eof = True
        self._mark(self._pos)
        if self._pos:
            self._offset += self._pos
            self._buf = self._buf[self._pos :]
            self._counted -= self._pos
            self._pos = 0
        self._buf += text

    def _mark(self, pos: int) -> int:
        """The line at buffer index `pos` (not before `_counted`), moving the count there."""
        if pos > self._counted:
            newlines = self._buf.count("\n", self._counted, pos)
            if newlines:
                self._line += newlines
                self._line_start = self._offset + self._buf.rindex("\n", self._counted, pos) + 1
            self._counted = pos
        return self._line

    def _where(self, pos: int | None = None) -> Where:
        pos = max(self._pos if pos is None else pos, self._counted)
        line = self._mark(pos)
        column = self._offset + pos - self._line_start + 1
        return Where(line=line, column=column, section=self._section, index=self._index)

    def _peek(self) -> str:
        """The next character that is not white space ('' at the end), leaving `_pos` on it."""
        while True:
            found = _NON_SPACE.search(self._buf, self._pos)
            if found:
                self._pos = found.start()
                return self._buf[self._pos]
            self._pos = len(self._buf)
            if self._eof:
                return ""
            self._read()

    def _expect(self, allowed: str, what: str) -> str:
        found = self._peek()
        if found == "" or found not in allowed:
            raise self._unexpected(found, what)
        self._pos += 1
        return found

    def _unexpected(self, found: str, what: str) -> ImportProblem:
        if found == "":
            return ImportProblem(self._truncated(), self._where())
        return ImportProblem(
            _("expected %(what)s, found %(found)r.") % {"what": what, "found": found},
            self._where(),
        )

    def _truncated(self) -> str:
        return _(
            "The file ends too early: it was cut off (truncated?) before the end of the document."
        )

    def _value(self) -> Any:
        """Decode the next JSON value, reading more of the file as it needs."""
        self._peek()
        need = self._chunk
        while True:
            while not self._eof and len(self._buf) - self._pos < need:
                self._read()
            try:
                value, end = _DECODER.raw_decode(self._buf, self._pos)
            except DuplicateKey as exc:
                raise ImportProblem(
                    _('the key "%(key)s" appears twice in one object.') % {"key": exc.key},
                    self._where(),
                ) from exc
            except RecursionError as exc:
                raise ImportProblem(
                    _("a value is nested too deeply: this is not an export record."), self._where()
                ) from exc
            except json.JSONDecodeError as exc:
                if not self._eof:
                    need = self._more(need)
                    continue
                if exc.msg.startswith("Unterminated") or exc.pos >= len(self._buf.rstrip()):
                    raise ImportProblem(self._truncated(), self._where(exc.pos)) from exc
                raise ImportProblem(
                    _("not valid JSON: %(reason)s.") % {"reason": exc.msg}, self._where(exc.pos)
                ) from exc
            if end == len(self._buf) and not self._eof:
                # A number may go on in the next chunk: decode it again with more text.
                need = self._more(need)
                continue
            self._pos = end
            return value

    def _more(self, need: int) -> int:
        if need > MAX_RECORD_CHARS:
            raise ImportProblem(
                _("a single value is longer than %(limit)s characters: not an export record.")
                % {"limit": MAX_RECORD_CHARS},
                self._where(),
            )
        return need * 2

    # -- structure ---------------------------------------------------------------------------

    def events(self) -> Iterator[Event]:
        """The document as events: a Scalar per plain value, an array as Start, Items, End."""
        first = self._peek()
        if first == "":
            raise ImportProblem(_("The file is empty."), self._where())
        if first != "{":
            raise ImportProblem(
                _("This is not an Incheck export: not a JSON object (it should start with '{')."),
                self._where(),
            )
        self._pos += 1
        if self._peek() == "}":
            self._pos += 1
        else:
            yield from self._members()
        if self._peek() != "":
            raise ImportProblem(
                _("there is more text after the end of the document."), self._where()
            )

    def _members(self) -> Iterator[Event]:
        while True:
            if self._peek() != '"':
                raise self._unexpected(self._peek(), _("a key in double quotes"))
            line = self._mark(self._pos)
            key = self._value()
            self._expect(":", "':'")
            self._section, self._index = key, None
            if self._peek() == "[":
                self._pos += 1
                yield ArrayStart(key, line)
                count = yield from self._items(key)
                yield ArrayEnd(key, count)
            else:
                yield Scalar(key, self._value(), line)
            self._index = None
            if self._expect(",}", _("',' or '}' after a section")) == "}":
                self._section = None
                return

    def _items(self, key: str) -> Generator[Event, None, int]:
        count = 0
        if self._peek() == "]":
            self._pos += 1
            return 0
        while True:
            count += 1
            self._index = count
            self._peek()
            line = self._mark(self._pos)
            yield Item(key, count, line, self._value())
            if self._expect(",]", _("',' or ']' after a record")) == "]":
                return count
