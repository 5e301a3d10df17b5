"""`incheck coach` follows the coaching contract, one result per line with --jsonl."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "incheck.cli", "coach", *args],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={"PATH": "/usr/bin:/bin", "INCHECK_TESTING": "true"},
    )


def test_a_meeting_without_a_purpose_gets_no_how():
    result = run("--kind", "next_up", "Have a meeting with Laura about new channels")
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert body["kind"] == "next_up"
    assert body["lang"] == "en"
    assert body["ok"] is False
    assert {hint["code"] for hint in body["hints"]} == {"no_deadline", "no_how"}
    assert all(hint["message"] for hint in body["hints"])


def test_the_language_is_detected_and_can_be_given():
    detected = json.loads(
        run(
            "--kind", "next_up", "Senast fredag ska jag ringa 10 kunder för att boka 3 demos"
        ).stdout
    )
    assert detected["lang"] == "sv"
    assert detected["ok"] is True
    given = json.loads(run("--kind", "progress", "--lang", "sv", "").stdout)
    assert given["lang"] == "sv"
    assert [hint["code"] for hint in given["hints"]] == ["no_comment"]


def test_jsonl_gives_one_result_per_line_and_reports_a_bad_line():
    lines = "\n".join(
        [
            json.dumps({"kind": "next_up", "text": "work on the funnel"}),
            json.dumps({"kind": "blocker", "text": "Legal has not signed", "lang": "en"}),
            "not json",
        ]
    )
    result = run("--jsonl", stdin=lines + "\n")
    outputs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(outputs) == 3
    assert outputs[0]["ok"] is False
    assert outputs[1]["hints"][0]["code"] == "no_way_around"
    assert outputs[2]["error"] == "invalid" and outputs[2]["line"] == 3
    assert result.returncode == 1


def test_an_unknown_kind_is_refused_with_a_message():
    result = run("--kind", "gossip", "hello")
    assert result.returncode != 0
    assert "invalid choice" in result.stderr
