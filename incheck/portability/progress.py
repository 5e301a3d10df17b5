"""A small progress bar on stderr for long exports and imports.

It draws only on a terminal: piped or redirected, or with `--quiet`, it stays silent, so logs
and scripts see no carriage returns.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

WIDTH = 28
# Redrawing costs; ten times a second looks smooth enough.
INTERVAL = 0.1


class Progress:
    """`update(done)` as work goes on, `finish()` at the end. `total` may be unknown (None)."""

    def __init__(
        self,
        total: int | None,
        *,
        label: str = "",
        unit: str = "",
        per: int = 1,
        stream: TextIO | None = None,
        enabled: bool = True,
    ) -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = enabled and _is_terminal(self.stream)
        self.total = total
        self.label = label
        self.unit = unit
        self.per = per  # shown in units of `per` (bytes as MiB)
        self.done = 0
        self._drawn_at = 0.0
        self._started = time.monotonic()

    def update(self, done: int, *, label: str | None = None) -> None:
        self.done = done
        if label is not None:
            self.label = label
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._drawn_at >= INTERVAL:
            self._drawn_at = now
            self._draw()

    def advance(self, step: int = 1, *, label: str | None = None) -> None:
        self.update(self.done + step, label=label)

    def finish(self) -> None:
        if self.enabled:
            if self.total is not None:
                self.done = self.total
            self._draw()
            self.stream.write("\n")
            self.stream.flush()

    def line(self) -> str:
        """The bar as text, e.g. `check_ins [#######.....]  61%  610,000/1,000,000  12s`."""
        elapsed = f"{time.monotonic() - self._started:.0f}s"
        if self.total:
            share = min(1.0, self.done / self.total)
            filled = int(share * WIDTH)
            bar = "#" * filled + "." * (WIDTH - filled)
            counts = f"{self._scaled(self.done):,}/{self._scaled(self.total):,}{self.unit}"
            return f"{self.label:<12} [{bar}] {share:4.0%}  {counts}  {elapsed}"
        return f"{self.label:<12} {self._scaled(self.done):,}{self.unit}  {elapsed}"

    def _scaled(self, amount: int) -> int:
        return -(-amount // self.per)  # rounded up, so the end reads total/total

    def _draw(self) -> None:
        self.stream.write("\r" + self.line() + "\x1b[K")
        self.stream.flush()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
