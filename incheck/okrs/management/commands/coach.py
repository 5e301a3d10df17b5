"""`incheck coach`: review a check-in text as a coach would (DESIGN.md, coaching contract).

    incheck coach --kind next_up "Have a meeting with Laura"
    incheck coach --kind next_up --lang sv "Senast fredag ska jag ringa 10 kunder"
    echo '{"kind": "context", "text": "…"}' | incheck coach --jsonl

Pure and fast: no database, no network.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from incheck.domain.coaching import KINDS, LANGUAGES, review


class Command(BaseCommand):
    help = (
        "Review a check-in text and print hints as JSON: "
        '{"kind", "lang", "ok", "hints": [{"code", "message"}]}. '
        'With --jsonl, read JSON lines {"kind", "text", "lang"?} on stdin and print one '
        "result per line."
    )
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", nargs="?", help="the check-in text to review")
        parser.add_argument("--kind", choices=KINDS, help="the kind of check-in")
        parser.add_argument(
            "--lang", choices=LANGUAGES, help="en or sv; detected from the text when left out"
        )
        parser.add_argument(
            "--jsonl", action="store_true", help="read JSON lines on stdin, one result per line"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["jsonl"]:
            self.review_lines()
            return
        if not options["kind"] or options["text"] is None:
            raise CommandError("give --kind KIND and TEXT, or --jsonl")
        result = review(options["kind"], options["text"], options["lang"])
        self.stdout.write(json.dumps(result.as_dict(), ensure_ascii=False))

    def review_lines(self) -> None:
        # A bad line gets an error object on its own line, so one typo doesn't lose the batch.
        failed = False
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
                if not isinstance(item, dict):
                    raise ValueError("each line must be a JSON object")
                kind, text, lang = item.get("kind"), item.get("text"), item.get("lang")
                if not isinstance(kind, str) or not isinstance(text, str):
                    raise ValueError('each line needs "kind" and "text" as strings')
                if lang is not None and not isinstance(lang, str):
                    raise ValueError('"lang" must be a string')
                result: dict[str, Any] = review(kind, text, lang).as_dict()
            except ValueError as exc:
                failed = True
                result = {"error": "invalid", "line": number, "detail": str(exc)}
            self.stdout.write(json.dumps(result, ensure_ascii=False))
        if failed:
            sys.exit(1)
