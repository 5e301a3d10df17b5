"""Export and import stream: memory stays flat however many check-ins there are.

Holding these 10,000 check-ins at once takes 13 MiB of Python memory as a list of rows and 27 MiB
through `json.load` (measured); streaming peaks at 3 to 6 MiB, the same as with 20,000 (also
measured), since it holds one chunk of rows. The million-check-in figures are in
`bench/portability.py`.
"""

from __future__ import annotations

import datetime as dt
import tracemalloc
import uuid

import pytest

from incheck.okrs.models import CheckIn
from incheck.portability.export import export_document
from incheck.portability.importer import import_document
from incheck.portability.spreadsheet import export_check_ins_csv
from incheck.portability.tests.conftest import empty_database

# Real transactions: inside the test's own transaction, SQLite's in-memory test database slows
# down as one savepoint deletes and re-inserts thousands of rows (not so with a real file).
pytestmark = pytest.mark.django_db(transaction=True)

N = 10_000
LIMIT = 8 * 1024 * 1024
T0 = dt.datetime(2026, 10, 1, 8, tzinfo=dt.UTC)


def many_check_ins(kr, n=N):
    kinds = ["progress", "confidence", "next_up", "context"]
    CheckIn.objects.bulk_create(
        (
            CheckIn(
                key_result=kr,
                author_id=kr.owner_id,
                created_at=T0 + dt.timedelta(minutes=i),
                sitting=uuid.UUID(int=i),
                kind=kinds[i % 4],
                text=f"Check-in {i}: webinars, calls, “quotes” and å ä ö – {'x' * 150}",
                value=float(i) if i % 4 == 0 else None,
                level=i % 11 if i % 4 == 1 else None,
                due_on=dt.date(2026, 12, 1) if i % 4 == 2 else None,
            )
            for i in range(n)
        ),
        batch_size=2000,
    )


def peak_growth(work):
    """The peak of Python memory allocated while `work` runs, above what was there before."""
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        tracemalloc.reset_peak()
        work()
        return tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()


def test_exports_and_import_stay_within_a_flat_memory_budget(personas, tmp_path):
    many_check_ins(personas.kr)
    document, spreadsheet = tmp_path / "org.json", tmp_path / "check-ins.csv"

    def export_json():
        with document.open("w", encoding="utf-8") as out:
            export_document(out)

    def export_csv():
        with spreadsheet.open("w", encoding="utf-8", newline="") as out:
            assert export_check_ins_csv(out) == N

    def load():
        with document.open("rb") as raw:
            assert import_document(raw)["check_ins"] == N

    peaks = {"JSON export": peak_growth(export_json), "CSV export": peak_growth(export_csv)}
    assert document.stat().st_size > N * 400  # the check-ins really are in the file
    empty_database()
    peaks["import"] = peak_growth(load)
    assert CheckIn.objects.count() == N
    for name, peak in peaks.items():
        assert peak < LIMIT, f"{name} peaked at {peak / 2**20:.1f} MiB"
