"""`incheck jobs` once and `--loop`, and a team channel's check-in-day post through the job."""

from __future__ import annotations

import datetime as dt
import io
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.core import mail
from django.core.management import call_command
from django.db import connection

from incheck import clock
from incheck.notify.models import Channel, TeamPost
from incheck.notify.services.channels import channel_save

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]


def test_jobs_once_says_what_it_did(personas):
    out = io.StringIO()
    call_command("jobs", stdout=out)
    text = out.getvalue()
    assert "planned: 5 people" in text
    assert "nudges: 0 sent" in text and "webhooks:" in text


def test_remind_is_the_old_name_of_jobs(personas):
    out, err = io.StringIO(), io.StringIO()
    call_command("remind", stdout=out, stderr=err)
    assert "incheck jobs" in err.getvalue()
    assert "planned: 5 people" in out.getvalue()


def test_a_team_channel_gets_the_check_in_day_post_with_owners_and_links(personas, receiver):
    channel_save(
        user=personas.lena, team_id=personas.growth.pk, kind="mattermost", url=receiver.url + "/mm"
    )
    # Growth checks in on Mondays; Alice's KR was made before then and not checked in since.
    monday = dt.datetime(2026, 11, 30, 8, tzinfo=dt.UTC)  # 09:00 in Stockholm
    clock.freeze(monday)
    call_command("jobs", stdout=io.StringIO())
    [post] = receiver.to("/mm")
    text = post.json()["text"]
    assert "**Growth checks in today**" in text
    assert f"(http://127.0.0.1:8000/key-results/{personas.kr.pk}/#check-in)" in text
    assert "Alice" in text
    assert TeamPost.objects.get().state == "sent"
    assert Channel.objects.get().last_sent_at == monday


def test_a_dead_team_channel_fails_the_post_and_the_lead_sees_why(personas):
    channel_save(
        user=personas.lena,
        team_id=personas.growth.pk,
        kind="mattermost",
        url="http://127.0.0.1:9/x",
    )
    clock.freeze(dt.datetime(2026, 11, 30, 8, tzinfo=dt.UTC))
    call_command("jobs", stdout=io.StringIO())
    assert (TeamPost.objects.get().state, TeamPost.objects.get().reason) == ("failed", "failed")
    assert Channel.objects.get().last_error == "no connection: connection refused"


def test_the_demo_s_team_channel_fails_without_harm_and_its_lead_sees_why(client):
    """The demo's Growth channel points at loopback where nothing listens: its check-in day's
    post fails, the nudges still go out, and Maja (the lead) reads the failure."""
    from incheck.conftest import FROZEN_NOW
    from incheck.okrs.demo import load_demo

    clock.freeze(FROZEN_NOW)
    load_demo(today=FROZEN_NOW.astimezone(clock.zone("Europe/Stockholm")).date())
    out = io.StringIO()
    call_command("jobs", stdout=out)
    channel = Channel.objects.get(team__name="Growth")
    assert channel.secret.startswith("http://127.0.0.1:9/")
    assert channel.last_error == "no connection: connection refused"
    assert TeamPost.objects.get(team_id=channel.team_id).state == "failed"
    assert "team posts: 0 sent, 0 skipped, 1 failed" in out.getvalue()
    assert mail.outbox, "the nudges went out beside the failing channel"
    client.force_login(User.objects.get(username="demo"))
    page = client.get(f"/teams/{channel.team_id}/settings/").content.decode()
    assert "Last failure" in page and "no connection: connection refused" in page


def test_the_loop_runs_until_sigterm(tmp_path):
    if connection.vendor != "sqlite":
        pytest.skip("the loop's signal handling does not depend on the database: SQLite only")
    env = {
        **os.environ,
        "INCHECK_TESTING": "true",
        "DATABASE_URL": f"sqlite:///{tmp_path}/loop.sqlite3",
        "DJANGO_SETTINGS_MODULE": "incheck.settings",
    }
    env.pop("PYTEST_XDIST_WORKER", None)
    command = [sys.executable, "-m", "incheck.cli"]
    subprocess.run([*command, "migrate", "-v", "0"], env=env, cwd=ROOT, check=True, timeout=120)
    loop = subprocess.Popen(
        [*command, "jobs", "--loop", "--interval", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert loop.stdout is not None
        assert "running every 1 s" in loop.stdout.readline()
        time.sleep(2)  # a few runs
        loop.send_signal(signal.SIGTERM)
        out, err = loop.communicate(timeout=30)
    finally:
        if loop.poll() is None:
            loop.kill()
    assert loop.returncode == 0, err
    assert "stopped" in out
