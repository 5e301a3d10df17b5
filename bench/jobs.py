"""The habit loop's jobs at an organisation's size: planning and sending a check-in day.

    python -m bench.jobs [--people 2000] [--key-results 20000] [--teams 100]

Builds the people (in several time zones), teams with rhythms (every week or two, different
days), KRs with Next Ups and check-ins, a chat channel per team (on a loopback address where
nothing listens, so every post fails fast and is logged), then runs `incheck jobs` through a
day the way `--loop` would, and prints for each run the time and the number of queries. The
query count must not grow with the number of people (it grows with batches of 500); the
tests assert the bound on small data.

Outgoing e-mail goes to Django's in-memory backend (the SMTP exchange is not what is measured).
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import time

from bench._setup import django_with_fresh_database

ZONES = ("Europe/Stockholm", "Europe/London", "America/New_York", "Asia/Tokyo")
MONDAY = dt.date(2026, 11, 30)


def build(people: int, key_results: int, teams: int) -> None:
    from django.contrib.auth import get_user_model

    from incheck import clock
    from incheck.accounts.models import Membership, Profile, Team
    from incheck.notify.models import Channel
    from incheck.okrs.models import CheckIn, KeyResult, Objective, Period

    rng = random.Random(10)
    now = clock.now()
    user_model = get_user_model()
    period = Period.objects.create(
        name="2026 Q4", start_on=dt.date(2026, 10, 1), end_on=dt.date(2026, 12, 31)
    )
    team_rows = Team.objects.bulk_create(
        Team(
            name=f"Team {n}",
            check_in_every_weeks=1 + (n % 2),
            check_in_weekday=n % 5,
            check_in_anchor_on=MONDAY if n % 2 else None,
        )
        for n in range(teams)
    )
    users = user_model.objects.bulk_create(
        user_model(username=f"person{n}", email=f"person{n}@example.org") for n in range(people)
    )
    Profile.objects.bulk_create(
        Profile(
            user=user,
            display_name=f"Person {n}",
            time_zone=ZONES[n % len(ZONES)],
            wants_digest=n % 10 == 0,
        )
        for n, user in enumerate(users)
    )
    Membership.objects.bulk_create(
        Membership(user=user, team=team_rows[n % teams], role="lead" if n < teams else "member")
        for n, user in enumerate(users)
    )
    Channel.objects.bulk_create(
        Channel(
            team=team,
            kind="mattermost",
            secret="http://127.0.0.1:9/hooks/bench",
            created_at=now,
            updated_at=now,
        )
        for team in team_rows
    )
    objectives = Objective.objects.bulk_create(
        Objective(
            period=period,
            team=team,
            title=f"Objective of {team.name}",
            created_at=now,
            updated_at=now,
        )
        for team in team_rows
    )
    krs = KeyResult.objects.bulk_create(
        KeyResult(
            objective=objectives[(n % people) % teams],
            owner=users[n % people],
            title=f"KR {n}",
            start_value=0,
            target_value=100,
            current_value=rng.randint(0, 60),
            created_at=now - dt.timedelta(days=40),
            updated_at=now,
            changed_at=now - dt.timedelta(days=40),
            last_check_in_at=now - dt.timedelta(days=rng.randint(1, 20)),
        )
        for n in range(key_results)
    )
    next_ups = CheckIn.objects.bulk_create(
        CheckIn(
            key_result=kr,
            author_id=kr.owner_id,
            created_at=kr.last_check_in_at,
            kind="next_up",
            text="By Friday I will call three clinics and book one demo.",
            due_on=MONDAY + dt.timedelta(days=rng.randint(0, 4)),
        )
        for kr in krs
    )
    for kr, next_up in zip(krs, next_ups, strict=True):
        kr.open_next_up = next_up
    KeyResult.objects.bulk_update(krs, ["open_next_up"], batch_size=2000)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--people", type=int, default=2000)
    parser.add_argument("--key-results", type=int, default=20000)
    parser.add_argument("--teams", type=int, default=100)
    args = parser.parse_args(argv)
    database = django_with_fresh_database()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from incheck import clock
    from incheck.notify.jobs import run_jobs

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.INCHECK_HTTP_TIMEOUT = 2
    clock.freeze(dt.datetime(2026, 11, 29, 12, tzinfo=dt.UTC))
    started = time.perf_counter()
    build(args.people, args.key_results, args.teams)
    print(
        f"{database}: {args.people} people, {args.key_results} KRs, {args.teams} teams "
        f"built in {time.perf_counter() - started:.1f} s"
    )
    total_queries = 0
    total_seconds = 0.0
    # The hours of Monday (UTC) when something happens somewhere: each zone's midnight
    # (planning), 08:00–14:00 (the nudges at 09:00 local), and a quiet hour.
    for hour in (-9, -5, 0, 1, 5, 8, 9, 14, 15, 20):
        moment = dt.datetime.combine(MONDAY, dt.time(), tzinfo=dt.UTC) + dt.timedelta(hours=hour)
        clock.freeze(moment)
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            report = run_jobs(now=moment)
            seconds = time.perf_counter() - started
        total_queries += len(queries)
        total_seconds += seconds
        print(
            f"{moment:%a %H:%M} UTC  {seconds:6.2f} s  {len(queries):4d} queries  |  "
            + "; ".join(report.lines())
        )
    print(f"total: {total_seconds:.1f} s, {total_queries} queries")


if __name__ == "__main__":
    main()
