"""API tokens: stored hashed, shown once, revocable, with a last-used time; and the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from incheck import clock
from incheck.accounts.models import ApiToken
from incheck.accounts.services import token_authenticate, token_create, token_revoke
from incheck.errors import Invalid, NotFound

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_only_as_a_digest(personas):
    token, raw = token_create(user=personas.alice, name="sales script")
    assert raw.startswith("inc_") and len(raw) > 40
    assert token.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert token.prefix == raw[:12]
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        rows = cursor.fetchall()
    assert rows and not any(raw in str(value) for row in rows for value in row)


def test_a_token_authenticates_its_user(personas):
    _, raw = token_create(user=personas.alice)
    assert token_authenticate(raw) == personas.alice
    assert token_authenticate(f"  {raw} ") == personas.alice
    assert token_authenticate(raw[:-1]) is None
    assert token_authenticate("") is None


def test_last_used_is_written_at_most_once_a_minute(personas, frozen_time):
    token, raw = token_create(user=personas.alice)
    token_authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == frozen_time
    clock.freeze(frozen_time + dt.timedelta(seconds=30))
    token_authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == frozen_time
    later = frozen_time + dt.timedelta(minutes=2)
    clock.freeze(later)
    token_authenticate(raw)
    assert ApiToken.objects.get(pk=token.pk).last_used_at == later


def test_a_used_token_reads_in_one_query(personas, django_assert_num_queries):
    _, raw = token_create(user=personas.alice)
    token_authenticate(raw)
    with django_assert_num_queries(1):
        assert token_authenticate(raw) == personas.alice


def test_a_revoked_token_no_longer_authenticates(personas):
    token, raw = token_create(user=personas.alice)
    token_revoke(prefix=token.prefix)
    assert token_authenticate(raw) is None
    with pytest.raises(NotFound):
        token_revoke(prefix=token.prefix)


def test_nobody_revokes_someone_elses_token_from_the_profile(personas):
    token, raw = token_create(user=personas.alice)
    with pytest.raises(NotFound):
        token_revoke(prefix=token.prefix, user=personas.bob)
    assert token_authenticate(raw) == personas.alice


def test_a_long_name_is_refused(personas):
    with pytest.raises(Invalid) as caught:
        token_create(user=personas.alice, name="x" * 81)
    assert "name" in caught.value.fields
    assert ApiToken.objects.count() == 0


def run(*args):
    out, err = StringIO(), StringIO()
    call_command("token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_the_cli_prints_only_the_token(personas):
    out, _ = run("create", "alice", "--name", "sales script")
    raw = out.strip()
    assert out == raw + "\n"
    assert raw.startswith("inc_") and " " not in raw
    assert token_authenticate(raw) == personas.alice
    assert ApiToken.objects.get().name == "sales script"


def test_the_cli_lists_tokens_without_showing_them(personas):
    token, raw = token_create(user=personas.alice, name="dashboard")
    out, _ = run("list", "alice")
    assert token.prefix in out and "dashboard" in out
    assert raw not in out


def test_the_cli_revokes_by_prefix(personas):
    token, raw = token_create(user=personas.alice)
    run("revoke", token.prefix)
    assert token_authenticate(raw) is None
    with pytest.raises(CommandError):
        run("revoke", token.prefix)


def test_the_cli_names_an_unknown_user(personas):
    with pytest.raises(CommandError, match="nobody"):
        run("create", "nobody")
