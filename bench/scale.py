"""Is every page flat at organisation scale? Builds a company and one tenth of it, and measures.

    python -m bench.scale [--rounds 15] [--json FILE] [--keep DIR]
    scripts/with-postgres .venv/bin/python -m bench.scale --json var/scale-postgres.json

Builds two databases (`bench.scale_data`): the full organisation — 2,000 people, 200 teams,
20,000 KRs, about a million check-ins — and one tenth of it, with bulk inserts (a minute or
two each on SQLite). Each is served by its own worker process (`bench.scale_measure`), and the
rounds alternate between them, so both see the same machine. A round requests every page and
list endpoint once, signed in as the same kind of person (a team member with KRs this quarter);
the figure per page is the median over the rounds of the CPU time of the request, in-process
(the worker's, and on PostgreSQL the server backend's too), and the query count. The *floor*
is a signed-in page that renders the base layout only.

Then: a check-in sitting through the service against bare ORM inserts of the same rows
(`write_ratio`: throughput of the service / throughput of the bare inserts), and
`incheck export` against a raw read of the same rows with the database's own driver
(`export_ratio`: wall time of the export / wall time of the raw read; `export_memory_ratio`:
the export's peak RSS at full size / at a tenth).

`--keep DIR` keeps the SQLite files (or, on PostgreSQL, the two databases) and reuses them on
the next run: migrations are applied and the statistics refreshed (`ANALYZE`), the data is
not rebuilt. `--factor 0.01 --rounds 2` is a smoke run in seconds (`make test` runs one).
`--json FILE` writes `{"pages": {NAME: {"full_ms", "tenth_ms", "floor_ms", "queries",
"tenth_queries", "bytes", "tenth_bytes"}}, "write_ratio", "export_ratio",
"export_memory_ratio", "database"}`.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

# Targets of the issue, printed next to the figures (they are read, not asserted).
FLAT = 1.2
NEAR_FLOOR = {"inbox": 3, "key_result": 3, "team": 3, "alignment_team": 3, "dashboard": 3}
REVIEWS = {"review_team": 5, "review_person": 5, "review_index": 5}


class Worker:
    """A `bench.scale_measure` process on one database."""

    def __init__(self, name: str, database_url: str) -> None:
        self.name = name
        self.database_url = database_url
        env = {**os.environ, "DATABASE_URL": database_url}
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                "from bench.scale_measure import serve; import os; "
                "serve(os.environ['DATABASE_URL'])",
            ],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )

    def ask(self, command: str) -> dict[str, Any]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.process.stdin.write(command + "\n")
        self.process.stdin.flush()
        for line in self.process.stdout:
            if line.startswith("@@"):
                return json.loads(line[2:])
        raise RuntimeError(f"the {self.name} worker stopped (exit {self.process.wait()})")

    def close(self) -> None:
        if self.process.poll() is None:
            self.ask_quit()

    def ask_quit(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("quit\n")
        self.process.stdin.flush()
        self.process.wait(timeout=60)


def _databases(keep: str | None, factor: float) -> dict[str, str]:
    """A database URL per size: SQLite files, or databases next to DATABASE_URL's."""
    base = os.environ.get("DATABASE_URL", "")
    suffix = "" if factor == 1.0 else f"_{str(factor).replace('.', '_')}"
    if not base.startswith("postgres"):
        directory = Path(keep or tempfile.mkdtemp(prefix="incheck-scale-"))
        directory.mkdir(parents=True, exist_ok=True)
        return {
            size: f"sqlite:///{directory.resolve()}/{size}{suffix}.sqlite3"
            for size in ("full", "tenth")
        }
    import psycopg

    parsed = urlparse(base)
    urls = {}
    with psycopg.connect(base, autocommit=True) as conn:
        for size in ("full", "tenth"):
            name = f"{parsed.path.lstrip('/')}_scale_{size}{suffix}"
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
            ).fetchone()
            if exists and not keep:
                conn.execute(f'DROP DATABASE "{name}"')
                exists = None
            if not exists:
                conn.execute(f'CREATE DATABASE "{name}"')
            urls[size] = urlunparse(parsed._replace(path="/" + name))
    return urls


def _export(database_url: str, directory: str) -> dict[str, float]:
    """`incheck export --format json` in its own process: wall seconds and peak RSS in MiB."""
    out = Path(directory) / "export.json"
    env = {**os.environ, "DATABASE_URL": database_url, "INCHECK_TESTING": "true"}
    code = (
        "import os, resource, sys, time\n"
        "started = time.perf_counter()\n"
        "from incheck.cli import main\n"
        f"sys.argv = ['incheck', 'export', '--format', 'json', '-o', {str(out)!r}, '--quiet']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('@@', time.perf_counter() - started, "
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("@@"))
    _marker, seconds, rss = line.split()
    return {"seconds": float(seconds), "rss_mib": float(rss), "bytes": out.stat().st_size}


def _raw_read(database_url: str) -> float:
    """The same rows as the export reads, with the database's own driver, in a fresh process."""
    code = (
        "import os, sys, time\n"
        "from bench.scale import raw_read\n"
        "started = time.perf_counter()\n"
        "raw_read(os.environ['DATABASE_URL'])\n"
        "print('@@', time.perf_counter() - started)\n"
    )
    env = {**os.environ, "DATABASE_URL": database_url}
    output = subprocess.run(
        [sys.executable, "-c", code], env=env, check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    line = next(line for line in output.splitlines() if line.startswith("@@"))
    return float(line.split()[1])


# The export's tables; the raw read fetches every row of each, ordered by id, as the export does.
EXPORT_TABLES = [
    "auth_user",
    "accounts_profile",
    "accounts_team",
    "accounts_membership",
    "okrs_period",
    "okrs_objective",
    "okrs_keyresult",
    "okrs_checkin",
    "okrs_feedback",
]


def raw_read(database_url: str) -> int:
    """Read every exported row with sqlite3 or psycopg, in chunks; returns the row count."""
    rows = 0
    if database_url.startswith("sqlite"):
        import sqlite3

        connection: Any = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        for table in EXPORT_TABLES:
            cursor = connection.execute(f"SELECT * FROM {table} ORDER BY id")
            while chunk := cursor.fetchmany(2000):
                rows += len(chunk)
        connection.close()
        return rows
    import psycopg

    with psycopg.connect(database_url) as conn:
        for table in EXPORT_TABLES:
            with conn.cursor(name=f"read_{table}") as cursor:
                cursor.execute(f"SELECT * FROM {table} ORDER BY id")
                while chunk := cursor.fetchmany(2000):
                    rows += len(chunk)
    return rows


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--factor", type=float, default=1.0, help="size of the full organisation")
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--keep", help="keep (and reuse) the databases in this directory")
    parser.add_argument("--sittings", type=int, default=200)
    parser.add_argument("--skip-export", action="store_true")
    parser.add_argument("--pages", help="only these pages (comma-separated names), and the floor")
    parser.add_argument("--skip-write", action="store_true")
    args = parser.parse_args(argv)
    factors = {"full": args.factor, "tenth": args.factor / 10}
    urls = _databases(args.keep, args.factor)
    vendor = "postgresql" if urls["full"].startswith("postgres") else "sqlite"
    workers = {size: Worker(size, url) for size, url in urls.items()}
    try:
        for size, worker in workers.items():
            started = time.perf_counter()
            built = worker.ask(f"build {factors[size]}")
            what = "built" if built.get("built") else "reused"
            print(f"{size}: {what} in {time.perf_counter() - started:.0f} s", flush=True)
            if built.get("rows"):
                print("   ", ", ".join(f"{k} {v:,}" for k, v in built["rows"].items()), flush=True)
        only = f" {args.pages}" if args.pages else ""
        setups = {
            size: worker.ask(f"setup {factors[size]}{only}") for size, worker in workers.items()
        }
        for size, setup in setups.items():
            if setup["missing"]:
                print(f"{size}: not measured: {', '.join(setup['missing'])}", flush=True)
        samples: dict[str, dict[str, list[float]]] = {size: {} for size in workers}
        for number in range(args.rounds):
            order = list(workers) if number % 2 == 0 else list(reversed(workers))
            for size in order:
                for name, ms in workers[size].ask("round")["cpu"].items():
                    samples[size].setdefault(name, []).append(ms)
        write = (
            {"sittings": 0, "service_s": 0.0, "bare_s": 0.0}
            if args.skip_write
            else workers["full"].ask(f"write {args.sittings}")
        )
    finally:
        for worker in workers.values():
            worker.close()

    full, tenth = setups["full"], setups["tenth"]
    floor = _median(samples["full"].get("floor", []))
    pages: dict[str, dict[str, Any]] = {}
    for name in full["urls"]:
        pages[name] = {
            "full_ms": round(_median(samples["full"][name]), 2),
            "tenth_ms": round(_median(samples["tenth"].get(name, [])), 2),
            "floor_ms": round(floor, 2),
            "queries": full["queries"][name],
            "tenth_queries": tenth["queries"].get(name),
            "bytes": full["bytes"][name],
            "tenth_bytes": tenth["bytes"].get(name),
        }
    result: dict[str, Any] = {
        "database": vendor,
        "pages": pages,
        "write_ratio": round(write["bare_s"] / write["service_s"], 3)
        if write["service_s"]
        else None,
        "write": write,
    }
    # The pages first (printed and saved), so a failing export loses nothing measured.
    _print(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    if not args.skip_export:
        directory = tempfile.mkdtemp(prefix="incheck-scale-export-")
        export_full = _export(urls["full"], directory)
        export_tenth = _export(urls["tenth"], directory)
        raw = _raw_read(urls["full"])
        result["export"] = {"full": export_full, "tenth": export_tenth, "raw_read_s": raw}
        result["export_ratio"] = round(export_full["seconds"] / raw, 2)
        result["export_memory_ratio"] = round(export_full["rss_mib"] / export_tenth["rss_mib"], 2)
        _print_export(result)
    if args.json:
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0


def _print(result: dict[str, Any]) -> None:
    print(f"\n{result['database']}: CPU ms per request, median of rounds")
    print(
        f"{'page':<24}{'full':>9}{'tenth':>9}{'full/tenth':>12}{'×floor':>9}{'queries':>9}{'KB':>8}"
    )
    for name, page in result["pages"].items():
        ratio = page["full_ms"] / page["tenth_ms"] if page["tenth_ms"] else float("nan")
        floor = page["full_ms"] / page["floor_ms"] if page["floor_ms"] else float("nan")
        flags = []
        if ratio > FLAT:
            flags.append("grows")
        limit = NEAR_FLOOR.get(name) or REVIEWS.get(name)
        if limit and floor > limit:
            flags.append(f">{limit}×floor")
        print(
            f"{name:<24}{page['full_ms']:>9.1f}{page['tenth_ms']:>9.1f}{ratio:>12.2f}"
            f"{floor:>9.1f}{page['queries']:>9}{page['bytes'] / 1024:>8.0f}  {' '.join(flags)}"
        )
    write = result["write"]
    print(
        f"\nwrite: {write['sittings']} sittings, service {write['service_s']:.2f} s, "
        f"bare inserts {write['bare_s']:.2f} s → write_ratio {result['write_ratio']} (≥ 0.5)"
    )


def _print_export(result: dict[str, Any]) -> None:
    if "export" in result:
        export = result["export"]
        print(
            f"export: {export['full']['seconds']:.1f} s, raw read {export['raw_read_s']:.1f} s → "
            f"export_ratio {result['export_ratio']} (≤ 3); peak RSS {export['full']['rss_mib']:.0f}"
            f" MiB against {export['tenth']['rss_mib']:.0f} MiB at a tenth"
        )


if __name__ == "__main__":
    sys.exit(main())
