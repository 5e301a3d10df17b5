"""How fast, and in how much memory, export and import run at a million check-ins.

    python -m bench.portability [--check-ins 1000000]
    scripts/with-postgres .venv/bin/python -m bench.portability --check-ins 200000

Fills a throwaway database (a temp SQLite file, or the empty database at DATABASE_URL) with an
organisation of N check-ins, then runs each step in its own process, so each peak RSS
(`resource.getrusage`) is that step's own: the JSON export, the CSV export, the import into a
second empty database, and an export of the imported data, which must equal the first
(all but the exported_at line). Prints a table. Memory should not grow with N.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

KINDS = ["progress", "confidence", "next_up", "context", "progress", "insight", "blocker"]
T0 = dt.datetime(2026, 1, 5, 8, 0, tzinfo=dt.UTC)
MIB = 1 << 20


def _django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incheck.settings")
    os.environ.setdefault("INCHECK_TESTING", "true")
    import django

    django.setup()


def _rss_mib() -> float:
    # ru_maxrss is in KiB on Linux.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def fill(check_ins: int) -> dict[str, int]:
    """An organisation with `check_ins` check-ins, written fast (one executemany per batch)."""
    from django.core.management import call_command
    from django.db import transaction

    from incheck.accounts.models import Membership, Profile, Team
    from incheck.okrs.models import CheckIn, Feedback, KeyResult, Objective, Period
    from incheck.portability.tables import Table

    call_command("migrate", verbosity=0)
    from django.contrib.auth import get_user_model

    users, teams, key_results = 60, 6, 600
    with transaction.atomic():
        user_model = get_user_model()
        user_model.objects.bulk_create(
            user_model(id=i, username=f"user{i}", email=f"u{i}@example.org", password="!")
            for i in range(1, users + 1)
        )
        Profile.objects.bulk_create(
            Profile(user_id=i, display_name=f"Person {i} Åström", manager_id=1 if i > 1 else None)
            for i in range(1, users + 1)
        )
        Team.objects.bulk_create(Team(id=i, name=f"Team {i}") for i in range(1, teams + 1))
        Membership.objects.bulk_create(
            Membership(user_id=i, team_id=1 + i % teams, role="lead" if i <= teams else "member")
            for i in range(1, users + 1)
        )
        Period.objects.create(
            id=1, name="2026 Q1", start_on=dt.date(2026, 1, 1), end_on=dt.date(2026, 3, 31)
        )
        Objective.objects.bulk_create(
            Objective(
                id=i,
                period_id=1,
                title=f"Objective {i}",
                team_id=1 + i % teams,
                created_at=T0,
                updated_at=T0,
            )
            for i in range(1, key_results // 4 + 1)
        )
        KeyResult.objects.bulk_create(
            KeyResult(
                id=i,
                objective_id=1 + i % (key_results // 4),
                title=f"KR {i}: 200 new leads",
                owner_id=1 + i % users,
                start_value=0,
                target_value=200,
                unit="leads",
                created_at=T0,
                updated_at=T0,
                changed_at=T0,
                current_value=0,
            )
            for i in range(1, key_results + 1)
        )
        # Every column, with the model's empty value where this check-in has none.
        blank = {
            field.attname: "" if not field.null else None for field in CheckIn._meta.concrete_fields
        }
        table = Table(CheckIn, list(blank))
        batch: list[list[object]] = []
        for i in range(1, check_ins + 1):
            kind = KINDS[i % len(KINDS)]
            values = {
                **blank,
                "id": i,
                "key_result_id": 1 + i % key_results,
                "author_id": 1 + i % users,
                "created_at": T0 + dt.timedelta(seconds=7 * i),
                "sitting": uuid.UUID(int=i // 3),
                "kind": kind,
                "text": f"Check-in {i}: the webinar brought leads, “quotes”, commas, å ä ö; more",
                "signal": kind if kind in {"insight", "blocker"} else "",
            }
            if kind == "progress":
                values["value"] = float(i % 200)
            elif kind == "confidence":
                values["level"] = i % 11
            elif kind == "next_up":
                values["due_on"] = dt.date(2026, 3, 1)
                values["closure"], values["happened"] = "partly", "Booked one of two"
            elif kind == "blocker":
                values["way_around"] = "Ask legal directly"
            elif kind == "insight" and i > 7:
                values["resolves_id"] = i - 6  # the insight the blocker before it became
            batch.append(table.row(values))
            if len(batch) == 10_000:
                table.insert(batch)
                batch = []
        if batch:
            table.insert(batch)
        Feedback.objects.bulk_create(
            (
                Feedback(
                    key_result_id=1 + i % key_results,
                    author_id=1,
                    signal="continue",
                    text="Keep going",
                    created_at=T0,
                )
                for i in range(check_ins // 100)
            ),
            batch_size=5000,
        )
    return {"check_ins": check_ins}


def run_phase(phase: str, database_url: str, path: str, check_ins: int) -> None:
    """One step, in this process; prints its time and peak memory as JSON."""
    _django(database_url)
    from incheck.portability.export import export_document
    from incheck.portability.importer import import_document
    from incheck.portability.spreadsheet import export_check_ins_csv

    started = time.perf_counter()
    if phase == "fill":
        fill(check_ins)
    elif phase == "export-json":
        with open(path, "w", encoding="utf-8") as out:
            export_document(out)
    elif phase == "export-csv":
        with open(path, "w", encoding="utf-8", newline="") as out:
            export_check_ins_csv(out)
    elif phase == "import":
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        with open(path, "rb") as raw:
            import_document(raw)
    elif phase == "baseline":
        from django.db import connection

        connection.ensure_connection()
    print(json.dumps({"seconds": time.perf_counter() - started, "rss_mib": _rss_mib()}))


def _child(phase: str, database_url: str, path: str = "", check_ins: int = 0) -> dict[str, float]:
    output = subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.portability",
            "--phase",
            phase,
            "--database-url",
            database_url,
            "--file",
            path,
            "--check-ins",
            str(check_ins),
        ],
        check=True,
        stdout=subprocess.PIPE,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def _second_database(url: str, directory: str) -> str:
    """An empty database to import into, next to the first."""
    if url.startswith("sqlite"):
        return f"sqlite:///{directory}/imported.sqlite3"
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/") + "_imported"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return urlunparse(parsed._replace(path="/" + name))


def _same_but_exported_at(first: Path, second: Path) -> bool:
    with first.open("rb") as a, second.open("rb") as b:
        for number, (left, right) in enumerate(zip(a, b, strict=False), start=1):
            if left != right and not left.startswith(b'"exported_at"'):
                print(f"  differs at line {number}", file=sys.stderr)
                return False
        return a.read(1) == b.read(1) == b""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--check-ins", type=int, default=200_000)
    parser.add_argument("--phase", help=argparse.SUPPRESS)
    parser.add_argument("--database-url", help=argparse.SUPPRESS)
    parser.add_argument("--file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.phase:
        run_phase(args.phase, args.database_url, args.file, args.check_ins)
        return 0

    directory = tempfile.mkdtemp(prefix="incheck-bench-")
    source = os.environ.get("DATABASE_URL") or f"sqlite:///{directory}/bench.sqlite3"
    target = _second_database(source, directory)
    files = {name: Path(directory) / name for name in ("org.json", "check-ins.csv", "again.json")}
    n = args.check_ins
    print(f"{n:,} check-ins, {source.split('://')[0]}, files in {directory}")
    steps = [
        ("baseline (Django loaded)", "baseline", source, ""),
        ("fill the database", "fill", source, ""),
        ("export --format json", "export-json", source, str(files["org.json"])),
        ("export --format csv", "export-csv", source, str(files["check-ins.csv"])),
        ("import into an empty db", "import", target, str(files["org.json"])),
        ("export the imported db", "export-json", target, str(files["again.json"])),
    ]
    print(f"{'step':<26}{'seconds':>9}{'check-ins/s':>13}{'peak RSS MiB':>14}")
    for label, phase, url, path in steps:
        result = _child(phase, url, path, n)
        rate = f"{n / result['seconds']:,.0f}" if phase not in {"baseline"} else ""
        print(
            f"{label:<26}{result['seconds']:>9.1f}{rate:>13}{result['rss_mib']:>14.0f}", flush=True
        )
    for name, path in files.items():
        print(f"{name:<14}{path.stat().st_size / MIB:>9.0f} MiB")
    same = _same_but_exported_at(files["org.json"], files["again.json"])
    print(f"round trip identical (but exported_at): {'yes' if same else 'NO'}")
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
