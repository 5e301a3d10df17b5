"""How fast coaching reviews a check-in (it runs on every keystroke pause in the form).

python -m bench.coaching [--rounds 2000]
"""

from __future__ import annotations

import argparse
import statistics
import time

from incheck.domain.coaching import review

SAMPLES = [
    ("next_up", "Have a meeting with Laura about new marketing channels"),
    ("next_up", "By Friday I will call the 12 trial accounts that stalled and book 5 demos"),
    ("next_up", "Senast fredag ska jag ringa 10 kunder för att boka 3 demos"),
    ("context", "We get 60 leads a quarter now; 200 lets us hire a second rep. Tactic: webinars"),
    ("confidence", "7/10: depends on the webinar repeating; I'll book two more to lower the risk"),
    ("progress", "34"),
    ("blocker", "Legal has not signed the DPA"),
    ("outcome", "Reached 180 of 200. Webinars worked, ads did not; next time start in week 1"),
]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2000)
    args = parser.parse_args(argv)
    print(f"{'kind':<12}{'median µs':>12}{'p99 µs':>10}  text")
    for kind, text in SAMPLES:
        times = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            review(kind, text)
            times.append((time.perf_counter() - started) * 1e6)
        times.sort()
        p99 = times[int(len(times) * 0.99) - 1]
        print(f"{kind:<12}{statistics.median(times):>12.0f}{p99:>10.0f}  {text[:40]}")


if __name__ == "__main__":
    main()
