"""Run every benchmark with modest sizes: `python -m bench` (or `make bench`)."""

from __future__ import annotations

import importlib
import subprocess
import sys

# Each runs in its own process: each sets up its own throwaway database.
BENCHMARKS = [
    ("bench.pages", ["--key-results", "300"]),
    ("bench.coaching", []),
    ("bench.insights", ["--insights", "100000"]),
    ("bench.portability", ["--check-ins", "200000"]),
    # A hundredth and a thousandth of the organisation: the full run is `python -m bench.scale`.
    ("bench.scale", ["--factor", "0.01", "--rounds", "3", "--sittings", "20"]),
    ("bench.jobs", ["--people", "2000", "--key-results", "20000"]),
    ("bench.load", ["--workers", "2", "--clients", "8", "--seconds", "10", "--requests", "2000"]),
]


def main() -> int:
    status = 0
    for module, args in BENCHMARKS:
        try:
            importlib.util.find_spec(module)  # type: ignore[attr-defined]
        except ModuleNotFoundError:
            continue
        if importlib.util.find_spec(module) is None:  # type: ignore[attr-defined]
            continue
        print(f"\n== {module} {' '.join(args)}", flush=True)
        status |= subprocess.call([sys.executable, "-m", module, *args])
    return status


if __name__ == "__main__":
    sys.exit(main())
