"""The worker side of `bench.scale`: one process per database, driven line by line on stdin.

Commands (one JSON object per line back on stdout):

- `build FACTOR`: migrate, fill the database unless it already holds the organisation, and
  `ANALYZE` it (reused or new);
- `setup`: sign the reader in, find the pages' URLs, count each page's queries once;
- `round`: every page once, in order; CPU milliseconds per page;
- `write N`: N check-in sittings through the service against N bare ORM inserts of the same
  rows, interleaved; seconds of each;
- `quit`.

CPU time is this process's (`time.process_time`) plus, on PostgreSQL, the server backend's
(from `/proc/PID/stat`: the server runs on this machine), so SQL counts on both databases and
other work on the machine does not.
"""

from __future__ import annotations

import datetime as dt
import gc
import json
import os
import sys
import time
from typing import Any

from bench.scale_data import NOW, TEAM_SIZE, Sizes

PAGES = [
    "floor",
    "inbox",
    "key_result",
    "team",
    "teams",
    "teams_search",
    "alignment",
    "alignment_team",
    "alignment_branch",
    "dashboard",
    "insights",
    "insights_search",
    "blockers",
    "periods",
    "review_index",
    "review_team",
    "review_person",
    "checkout",
    "objective_new",
    "key_result_edit",
    "profile",
    "api_me",
    "api_teams",
    "api_periods",
    "api_objectives",
    "api_key_results",
    "api_key_results_deep",
    "api_check_ins",
    "api_insights_search",
    "api_blockers",
    "api_feedback",
    "api_review",
    "api_alignment",
    "api_alignment_team",
]


def _django(database_url: str) -> None:
    os.environ["DATABASE_URL"] = database_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "incheck.settings")
    os.environ.setdefault("INCHECK_TESTING", "true")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")
    # Not Found / Forbidden lines of pages that do not exist yet are reported once, at setup.
    os.environ.setdefault("LOG_LEVEL", "ERROR")
    import django

    django.setup()
    from django.test.utils import override_settings

    override_settings(ROOT_URLCONF="bench.scale_urls", DEBUG=False).enable()


def _backend_cpu() -> float:
    """Seconds of CPU the PostgreSQL backend of this connection has used (0 on SQLite)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    pid = _backend_pid()
    with open(f"/proc/{pid}/stat") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    # utime and stime are the 12th and 13th fields after the name, in clock ticks.
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


_pid: dict[str, int] = {}


def _backend_pid() -> int:
    from django.db import connection

    if "pid" not in _pid:
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_backend_pid()")
            _pid["pid"] = cursor.fetchone()[0]
    return _pid["pid"]


class Worker:
    def __init__(self) -> None:
        self.urls: dict[str, str] = {}
        self.headers: dict[str, dict[str, str]] = {}
        self.queries: dict[str, int] = {}
        self.sizes_bytes: dict[str, int] = {}
        self.clients: dict[str, Any] = {}

    def build(self, factor: float) -> dict[str, Any]:
        from django.core.management import call_command

        from incheck.okrs.models import CheckIn, KeyResult

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        built = not KeyResult.objects.exists()
        rows: dict[str, int] = {}
        if built:
            from bench.scale_data import build

            rows = build(factor)
        # Fresh statistics on a reused database too: a migration may have added an index the
        # stored statistics do not know (or rows since), and both planners then guess — the
        # figures would depend on when the database was last analysed, not on the code.
        with _cursor() as cursor:
            cursor.execute("ANALYZE")
        result: dict[str, Any] = {"built": built, "seconds": time.perf_counter() - started}
        if built:
            result["rows"] = rows
        else:
            result["check_ins"] = CheckIn.objects.count()
        return result

    def setup(self, factor: float, only: set[str] | None = None) -> dict[str, Any]:
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from incheck import clock
        from incheck.accounts.services import token_create
        from incheck.okrs.models import KeyResult

        clock.freeze(NOW)
        sizes = Sizes.of(factor)
        # The reader: a member of the first team under a department, with KRs this quarter.
        team = sizes.departments + 1
        reader_id = (team - 1) * TEAM_SIZE + 2
        reader = get_user_model().objects.get(pk=reader_id)
        kr = KeyResult.objects.filter(owner_id=reader_id, objective__period_id=4).order_by("id")[0]
        client = Client()
        client.force_login(reader)
        # The check-out page is for leads: its own client, signed in as the reader's lead.
        lead = Client()
        lead.force_login(get_user_model().objects.get(pk=(team - 1) * TEAM_SIZE + 1))
        _token, raw = token_create(user=reader, name="bench")
        api = {"HTTP_AUTHORIZATION": f"Bearer {raw}"}
        total_krs = KeyResult.objects.count()
        urls = {
            "floor": "/_bench/floor/",
            "inbox": "/",
            "key_result": f"/key-results/{kr.pk}/",
            "team": f"/teams/{team}/",
            "teams": "/teams/",
            "teams_search": "/teams/?q=Team+01",
            "alignment": "/alignment/",
            "alignment_team": f"/alignment/?team={team}",
            "alignment_branch": f"/alignment/objectives/{kr.objective_id}/",
            "dashboard": "/dashboard/",
            "insights": "/insights/",
            "insights_search": "/insights/?q=webinar",
            "blockers": "/blockers/",
            "periods": "/periods/",
            "review_index": "/periods/3/review/",
            "review_team": f"/periods/3/review/team/{team}/",
            "review_person": f"/periods/3/review/person/{reader_id}/",
            "checkout": "/periods/4/checkout/",
            "objective_new": "/objectives/new/",
            "key_result_edit": f"/key-results/{kr.pk}/edit/",
            "profile": "/accounts/profile/",
            "api_me": "/api/v1/me",
            # A page both sizes fill (the tenth has 20 teams): the same output, compared.
            "api_teams": "/api/v1/teams?limit=20",
            "api_periods": "/api/v1/periods",
            "api_objectives": "/api/v1/objectives?period=4",
            "api_key_results": "/api/v1/key-results",
            "api_check_ins": f"/api/v1/key-results/{kr.pk}/check-ins",
            "api_insights_search": "/api/v1/insights?q=webinar",
            "api_blockers": "/api/v1/blockers?state=open",
            "api_feedback": "/api/v1/feedback",
            "api_review": f"/api/v1/periods/3/review?team={team}",
            "api_alignment": "/api/v1/alignment?period=4",
            "api_alignment_team": f"/api/v1/alignment?period=4&team={team}",
        }
        urls["api_key_results_deep"] = _deep_page(client, api, total_krs)
        self.clients = {name: lead if name == "checkout" else client for name in PAGES}
        missing = []
        for name in PAGES:
            if only and name not in only and name != "floor":
                continue
            url = urls.get(name)
            headers = api if name.startswith("api_") else {}
            if url is None:
                missing.append(name)
                continue
            client = self.clients[name]
            response = client.get(url, **headers)
            if response.status_code != 200:
                missing.append(f"{name} ({response.status_code})")
                continue
            with CaptureQueriesContext(connection) as captured:
                response = client.get(url, **headers)
            self.urls[name] = url
            self.headers[name] = headers
            self.queries[name] = len(captured)
            self.sizes_bytes[name] = len(response.content)
        return {
            "urls": self.urls,
            "queries": self.queries,
            "bytes": self.sizes_bytes,
            "missing": missing,
        }

    def round(self) -> dict[str, Any]:
        cpu: dict[str, float] = {}
        wall: dict[str, float] = {}
        gc.collect()
        for name, url in self.urls.items():
            headers = self.headers[name]
            backend = _backend_cpu()
            started_cpu = time.process_time()
            started = time.perf_counter()
            response = self.clients[name].get(url, **headers)
            wall[name] = (time.perf_counter() - started) * 1000
            cpu[name] = (time.process_time() - started_cpu + _backend_cpu() - backend) * 1000
            if response.status_code != 200:
                raise RuntimeError(f"{name}: {response.status_code}")
        return {"cpu": cpu, "wall": wall}

    def write(self, count: int) -> dict[str, Any]:
        """Sittings through the service against bare inserts of the same three rows."""
        import uuid

        from django.db import transaction

        from incheck import clock
        from incheck.domain.checkins import Closure, Entry
        from incheck.okrs.models import CheckIn, KeyResult
        from incheck.okrs.services.checkins import checkin_sitting_create

        krs = list(
            KeyResult.objects.filter(objective__period_id=4, open_next_up__isnull=False)
            .select_related("owner")
            .order_by("id")[: count * 2]
        )
        service = bare = 0.0
        today = NOW.date()
        for n, kr in enumerate(krs[:count]):
            clock.freeze(NOW + dt.timedelta(seconds=n))
            entries = [
                Entry(kind="progress", text="Two more demos booked this week.", value=42.0),
                Entry(kind="confidence", text="Likely; the partner said yes.", level=7),
                Entry(
                    kind="next_up",
                    text="By Friday I will call the three biggest partners.",
                    due_on=today + dt.timedelta(days=7),
                    expected_value=50.0,
                ),
            ]
            closure = Closure(status="partly", happened="Booked one of two.", learned="Mornings.")
            started = time.perf_counter()
            checkin_sitting_create(
                actor=kr.owner, key_result_id=kr.pk, entries=entries, closure=closure
            )
            service += time.perf_counter() - started
            other = krs[count + n] if count + n < len(krs) else kr
            started = time.perf_counter()
            with transaction.atomic():
                sitting = uuid.uuid4()
                at = clock.now()
                for entry in entries:
                    CheckIn.objects.create(
                        key_result_id=other.pk,
                        author_id=other.owner_id,
                        created_at=at,
                        sitting=sitting,
                        kind=entry.kind,
                        text=entry.text,
                        value=entry.value,
                        level=entry.level,
                        due_on=entry.due_on,
                        expected_value=entry.expected_value,
                    )
            bare += time.perf_counter() - started
        clock.freeze(NOW)
        return {"sittings": len(krs[:count]), "service_s": service, "bare_s": bare}


def _deep_page(client: Any, headers: dict[str, str], total: int) -> str:
    """The URL of a page nine tenths into the KR list, reached as a client would reach it."""
    url = "/api/v1/key-results?limit=200"
    first = client.get(url, **headers).json()
    next_url = first.get("next") or ""
    if "offset=" in next_url:
        return f"/api/v1/key-results?limit=50&offset={total * 9 // 10}"
    seen = len(first["items"])
    while next_url and seen < total * 9 // 10:
        page = client.get(next_url, **headers).json()
        seen += len(page["items"])
        next_url = page.get("next") or ""
    path = next_url.split("testserver", 1)[-1] if next_url else url
    return path.replace("limit=200", "limit=50")


def _cursor() -> Any:
    from django.db import connection

    return connection.cursor()


def serve(database_url: str) -> None:
    """Answer the orchestrator's commands until `quit`."""
    _django(database_url)
    worker = Worker()
    for line in sys.stdin:
        command, *args = line.split()
        if command == "quit":
            break
        if command == "build":
            result = worker.build(float(args[0]))
        elif command == "setup":
            result = worker.setup(
                float(args[0]), set(args[1].split(",")) if len(args) > 1 else None
            )
        elif command == "round":
            result = worker.round()
        elif command == "write":
            result = worker.write(int(args[0]))
        else:
            result = {"error": f"unknown command {command}"}
        print("@@" + json.dumps(result), flush=True)
