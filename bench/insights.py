"""How fast the insight library searches 100,000 insights.

    python -m bench.insights [--insights 100000] [--repeat 20]
    scripts/with-postgres .venv/bin/python -m bench.insights      # the same on PostgreSQL

Fills a throwaway database (a temp SQLite file, or the empty database at DATABASE_URL) with
insights in English and Swedish, then times `insight_list` (the count and one page of 25, as
the page reads them) for a few searches and filters. Prints the median and 95th percentile.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from typing import Any

from bench._setup import django_with_fresh_database

WORDS_EN = [
    "webinar",
    "webinars",
    "leads",
    "customers",
    "calls",
    "mornings",
    "pricing",
    "page",
    "churn",
    "onboarding",
    "trial",
    "demo",
    "newsletter",
    "linkedin",
    "ads",
    "budget",
    "sales",
    "pipeline",
    "partners",
    "feedback",
    "survey",
    "support",
    "tickets",
    "release",
    "bug",
    "latency",
    "uptime",
    "hiring",
    "interview",
    "mentor",
    "roadmap",
    "workshop",
    "meeting",
    "follow-up",
]
WORDS_SV = [
    "kunder",
    "samtal",
    "förmiddagen",
    "eftermiddagen",
    "får",
    "ökad",
    "närvaro",
    "inbjudan",
    "tisdagar",
    "säljare",
    "återkoppling",
    "lärdom",
    "försäljning",
    "kampanj",
    "nyhetsbrev",
    "möte",
    "enkät",
    "leverans",
    "kvartal",
    "mål",
    "rekrytering",
    "budget",
    "partner",
    "webbinarium",
    "medarbetare",
    "utbildning",
    "öppna",
    "frågor",
]
FILLER = [
    "the",
    "a",
    "we",
    "our",
    "more",
    "than",
    "after",
    "when",
    "because",
    "so",
    "it",
    "works",
    "better",
    "worse",
]
RARE = "zeppelin"  # in one insight only: the search a person makes for a half-remembered one


def sentence(rng: random.Random) -> str:
    words = WORDS_SV if rng.random() < 0.4 else WORDS_EN
    picked = [
        rng.choice(words if rng.random() < 0.6 else FILLER) for _ in range(rng.randint(8, 22))
    ]
    return " ".join(picked).capitalize() + "."


def build(count: int) -> dict[str, int]:
    from incheck.okrs.models import CheckIn
    from incheck.testing.factories import (
        KeyResultFactory,
        MembershipFactory,
        ObjectiveFactory,
        PeriodFactory,
        TeamFactory,
        UserFactory,
    )

    if CheckIn.objects.exists():
        sys.exit("bench.insights needs an empty database: it adds 100,000 check-ins to it")
    rng = random.Random(42)
    periods = [
        PeriodFactory(name=f"2026 Q{q}", start_on=dt.date(2026, 3 * q - 2, 1), end_on=end)
        for q, end in (
            (1, dt.date(2026, 3, 31)),
            (2, dt.date(2026, 6, 30)),
            (3, dt.date(2026, 9, 30)),
            (4, dt.date(2026, 12, 31)),
        )
    ]
    teams = [TeamFactory(name=f"Team {n}") for n in range(8)]
    people = [UserFactory(username=f"person{n}") for n in range(40)]
    for n, person in enumerate(people):
        MembershipFactory(user=person, team=teams[n % len(teams)])
    krs = [
        KeyResultFactory(
            objective=ObjectiveFactory(period=periods[n % 4], team=teams[n % len(teams)]),
            owner=people[n % len(people)],
        )
        for n in range(200)
    ]
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    rows = []
    for n in range(count):
        kr = krs[n % len(krs)]
        rows.append(
            CheckIn(
                key_result=kr,
                author_id=kr.owner_id,
                created_at=start + dt.timedelta(minutes=5 * n),
                kind="insight" if n % 3 else "progress",
                signal="insight",
                text=sentence(rng) if n != count // 2 else f"A {RARE} over the fair drew a crowd.",
            )
        )
    started = time.perf_counter()
    CheckIn.objects.bulk_create(rows, batch_size=2000)
    print(f"inserted {count} insights in {time.perf_counter() - started:.1f} s")
    # Team 3 has the KRs n % 8 == 3, all in the fourth period (n % 4 == 3).
    return {"team": teams[3].pk, "period": periods[3].pk, "person": people[5].pk}


def measure(repeat: int, **filters: Any) -> tuple[float, float, int, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from incheck.okrs.selectors.insights import insight_list

    times = []
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            page = insight_list(limit=25, **filters)
            times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return (
        statistics.median(times),
        times[max(0, int(len(times) * 0.95) - 1)],
        page.total,
        len(captured),
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--insights", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    database = django_with_fresh_database()
    from django.db import connection

    ids = build(args.insights)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE okrs_checkin")
    cases: list[tuple[str, dict[str, Any]]] = [
        ("no search (newest first)", {}),
        ("common word: webinar", {"q": "webinar"}),
        ("swedish: förmiddagen", {"q": "förmiddagen"}),
        ("prefix: kund", {"q": "kund"}),
        ("two words", {"q": "pricing churn"}),
        ("rare word", {"q": RARE}),
        ("no match", {"q": "xylophone"}),
        (
            "word + team + period",
            {"q": "budget", "team_id": ids["team"], "period_id": ids["period"]},
        ),
        ("person + kind", {"author_id": ids["person"], "kind": "progress"}),
        ("tricky: \" * AND ' OR 1=1", {"q": "\" * AND ' OR 1=1"}),
    ]
    print(f"insight search on {database}: {args.insights} insights, {args.repeat} runs each")
    print(f"{'search':<30}{'matches':>9}{'median ms':>11}{'p95 ms':>9}{'queries':>9}")
    for name, filters in cases:
        median, p95, total, queries = measure(args.repeat, **filters)
        print(f"{name:<30}{total:>9}{median:>11.1f}{p95:>9.1f}{queries:>9}")


if __name__ == "__main__":
    main()
