"""The labelled corpus of check-ins, its split, and how well the coach agrees with it.

Each language folder holds `corpus/dev.jsonl` (read while writing the rules) and
`corpus/heldout.jsonl` (only ever scored, never read for rules). Which file a row belongs to is
decided by its id alone (`is_held_out`), so nobody chooses which rows are hard to reach; a test
checks that every row sits in the file its id says. The labelling guide is `LABELLING.md`.

>>> is_held_out("en-L001")  # rows of the old test tables were written against: always dev
False
>>> sorted({is_held_out(f"sv-{n:04d}") for n in range(1, 50)})
[False, True]
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

PARTS: tuple[str, ...] = ("dev", "heldout")
# The share of new rows held out, in percent.
HELD_OUT_PERCENT = 30
_FOLDER = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Row:
    """One labelled check-in: the codes a careful coach gives it (LABELLING.md)."""

    id: str
    kind: str
    text: str
    codes: frozenset[str]
    voice: str = ""
    note: str = ""
    # 1: written before the rules; 2 and 3: written after a round of rules, each scored once as
    # fresh text before its development rows were read; 4: the same, before the models; 5:
    # written to train the models on (never scored fresh); 6 and 7: written after the engine
    # was frozen, each scored once; 8, 9 and 10: the same for round 3 (docs/coaching.md).
    wave: int = 1


def is_held_out(row_id: str) -> bool:
    """Whether a row belongs to the held-out part: a hash of its id, nothing else.

    Rows carried over from the old test tables ("en-L012") were what the first rules were
    written against, so they can never be unseen: they are always development rows.
    """
    _, _, number = row_id.partition("-")
    if number.startswith("L"):
        return False
    digest = hashlib.sha256(row_id.encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 100 < HELD_OUT_PERCENT


def corpus_path(lang: str, part: str) -> Path:
    """The file of one part ("dev" or "heldout") of one language's corpus."""
    if part not in PARTS:
        raise ValueError(f"unknown part {part!r}; allowed: {', '.join(PARTS)}")
    return _FOLDER / lang / "corpus" / f"{part}.jsonl"


def parse_rows(lines: Iterable[str]) -> list[Row]:
    """Rows from JSON lines (blank lines are skipped)."""
    rows = []
    for line in lines:
        if not line.strip():
            continue
        item = json.loads(line)
        rows.append(
            Row(
                id=item["id"],
                kind=item["kind"],
                text=item["text"],
                codes=frozenset(item["codes"]),
                voice=item.get("voice", ""),
                note=item.get("note", ""),
                wave=item.get("wave", 1),
            )
        )
    return rows


def load(lang: str, part: str) -> list[Row]:
    """One part of one language's corpus."""
    with corpus_path(lang, part).open(encoding="utf-8") as lines:
        return parse_rows(lines)


@dataclass(frozen=True)
class Agreement:
    """How the coach's presence/absence of one hint code compares with the labels.

    "Positive" means the hint is given. `agreement` is the share of rows where the coach and
    the label agree; precision and recall are over the rows where the hint is given, so a rule
    that never fires (or always fires) cannot look good.
    """

    lang: str
    kind: str
    code: str
    rows: int
    true_positive: int
    false_positive: int
    false_negative: int

    @property
    def true_negative(self) -> int:
        return self.rows - self.true_positive - self.false_positive - self.false_negative

    @property
    def labelled(self) -> int:
        """Rows whose label gives this hint."""
        return self.true_positive + self.false_negative

    @property
    def agreement(self) -> float:
        return (self.true_positive + self.true_negative) / self.rows if self.rows else 1.0

    @property
    def precision(self) -> float:
        given = self.true_positive + self.false_positive
        return self.true_positive / given if given else 1.0

    @property
    def recall(self) -> float:
        return self.true_positive / self.labelled if self.labelled else 1.0


@dataclass(frozen=True)
class Miss:
    """A row where the coach disagrees with the label on one code."""

    row: Row
    code: str
    given: bool  # True: the coach gives a hint the label does not


Coach = Callable[[str, str, str], set[str]]  # (kind, text, lang) -> hint codes


def score(
    lang: str, rows: Sequence[Row], coach: Coach, hint_codes: dict[str, tuple[str, ...]]
) -> tuple[list[Agreement], list[Miss]]:
    """Per-code agreement of `coach` with the labelled `rows`, and every disagreement."""
    predicted = {row.id: coach(row.kind, row.text, lang) for row in rows}
    table, misses = [], []
    for kind, codes in hint_codes.items():
        of_kind = [row for row in rows if row.kind == kind]
        for code in codes:
            tp = fp = fn = 0
            for row in of_kind:
                given, labelled = code in predicted[row.id], code in row.codes
                tp += given and labelled
                fp += given and not labelled
                fn += labelled and not given
                if given != labelled:
                    misses.append(Miss(row=row, code=code, given=given))
            table.append(Agreement(lang, kind, code, len(of_kind), tp, fp, fn))
    return table, misses
