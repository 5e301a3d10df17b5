"""How fast coaching reviews a check-in (it runs on every keystroke pause in the form).

    python -m bench.coaching [--rounds 5]

Reviews every text of the labelled corpus (both languages, both parts) `--rounds` times, the way
the CLI does (language detected), and prints the median and the 99th percentile time per
review: wall clock (what a person waits for) and CPU time of the thread (what the review itself
costs, whatever else the machine is running). Also the same for the longest texts, and for a
text read with both languages' patterns (a profile language that differs from the text's).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from incheck.domain.coaching import LANGUAGES, review
from incheck.domain.coaching.corpus import PARTS, load

Sample = tuple[str, str, str | None]  # kind, text, lang given (None: detected)


def measure(samples: list[Sample], rounds: int) -> dict[str, list[float]]:
    """Wall-clock and CPU seconds per review, one of each per sample and round."""
    wall: list[float] = []
    cpu: list[float] = []
    for _ in range(rounds):
        for kind, text, lang in samples:
            started_wall, started_cpu = time.perf_counter(), time.thread_time()
            review(kind, text, lang)
            cpu.append(time.thread_time() - started_cpu)
            wall.append(time.perf_counter() - started_wall)
    return {"wall": wall, "cpu": cpu}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def report(name: str, samples: list[Sample], rounds: int) -> None:
    times = measure(samples, rounds)
    cells = []
    for clock in ("wall", "cpu"):
        values = times[clock]
        median, p99 = statistics.median(values) * 1e6, percentile(values, 0.99) * 1e6
        cells.append(f"{median:>8.0f}{p99:>9.0f}")
    print(f"{name:<34}{len(samples):>6}  {'  '.join(cells)}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    rows = [row for lang in LANGUAGES for part in PARTS for row in load(lang, part)]
    corpus: list[Sample] = [(row.kind, row.text, None) for row in rows]
    longest = sorted(corpus, key=lambda sample: len(sample[1]))[-50:]
    # An English profile reading Swedish text (and the other way): both word lists apply.
    crossed: list[Sample] = [
        (row.kind, row.text, "en" if row.id.startswith("sv") else "sv") for row in rows
    ]
    measure(corpus, 1)  # warm up: patterns compiled, merged lexicons built
    print(f"load average {os.getloadavg()[0]:.1f}; times in µs per review")
    print(f"{'':<34}{'texts':>6}  {'wall med':>8}{'wall p99':>9}  {'cpu med':>8}{'cpu p99':>9}")
    report("corpus, language detected", corpus, args.rounds)
    report("the 50 longest texts", longest, args.rounds * 4)
    report("profile language differs from text", crossed, args.rounds)


if __name__ == "__main__":
    main()
