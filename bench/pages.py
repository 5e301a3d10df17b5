"""How fast the main pages answer as the data grows: the inbox, a KR page, a team page.

    python -m bench.pages [--key-results 300] [--check-ins-per-kr 40] [--repeat 20]

Prints the median and 95th percentile time and the query count per page. The query count must
not grow with the data (the tests assert it); the times are for reading, not for asserting.
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench._setup import django_with_fresh_database


def build(key_results: int, check_ins_per_kr: int) -> tuple[object, int, int]:
    from incheck.okrs.models import CheckIn
    from incheck.testing.factories import (
        KeyResultFactory,
        MembershipFactory,
        ObjectiveFactory,
        TeamFactory,
        UserFactory,
    )

    team = TeamFactory(name="Bench")
    owner = UserFactory(username="bench")
    MembershipFactory(user=owner, team=team, role="lead")
    objectives = [ObjectiveFactory(team=team) for _ in range(max(1, key_results // 4))]
    krs = [
        KeyResultFactory(objective=objectives[i % len(objectives)], owner=owner)
        for i in range(key_results)
    ]
    rows = [
        CheckIn(
            key_result=kr,
            author=owner,
            created_at=kr.created_at,
            kind="progress",
            text="x",
            value=n,
        )
        for kr in krs
        for n in range(check_ins_per_kr)
    ]
    CheckIn.objects.bulk_create(rows, batch_size=2000)
    return owner, krs[0].pk, team.pk


def measure(client: object, url: str, repeat: int) -> tuple[float, float, int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    times = []
    queries = 0
    for _ in range(repeat):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)  # type: ignore[attr-defined]
            times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (url, response.status_code)
        queries = len(captured)
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1], queries


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--key-results", type=int, default=300)
    parser.add_argument("--check-ins-per-kr", type=int, default=40)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args(argv)
    database = django_with_fresh_database()
    from django.test import Client

    from incheck import clock

    clock.freeze(None)
    owner, kr_id, team_id = build(args.key_results, args.check_ins_per_kr)
    client = Client()
    client.force_login(owner)  # type: ignore[arg-type]
    print(f"pages on {database}: {args.key_results} KRs, {args.check_ins_per_kr} check-ins each")
    print(f"{'page':<24}{'median ms':>12}{'p95 ms':>10}{'queries':>10}")
    for name, url in (
        ("inbox", "/"),
        ("key result", f"/key-results/{kr_id}/"),
        ("team", f"/teams/{team_id}/"),
    ):
        median, p95, queries = measure(client, url, args.repeat)
        print(f"{name:<24}{median:>12.1f}{p95:>10.1f}{queries:>10}")


if __name__ == "__main__":
    main()
