"""Sign-in throttling: five failures for one user name or from one address, then a cool-off."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from axes.handlers.proxy import AxesProxyHandler
from axes.models import AccessAttempt
from django.contrib.auth.signals import user_login_failed
from django.core.checks import run_checks
from django.test import Client, RequestFactory, override_settings

from incheck.accounts.services import token_create
from incheck.accounts.throttle import NO_USERNAME, client_address
from incheck.testing.concurrency import at_once, served, shared_database

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"


def sign_in(username, password, address, client=None, **headers):
    return (client or Client()).post(
        LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address, **headers
    )


def test_five_wrong_passwords_for_one_user_name_refuse_it_from_anywhere(personas):
    answers = [sign_in("alice", "wrong", f"198.51.100.{n}").status_code for n in range(5)]
    assert answers == [200, 200, 200, 200, 429]
    # The right password, from an address that never failed: still refused, saying why.
    refused = sign_in("alice", "pw", "203.0.113.9")
    assert refused.status_code == 429
    assert refused["Retry-After"] == "900"
    assert "_auth_user_id" not in refused.client.session
    text = refused.content.decode()
    assert "Too many failed sign-ins" in text and "15 minutes" in text
    assert 'href="/accounts/password/reset/"' in text
    # Someone else signs in from those addresses as usual.
    assert sign_in("bob", "pw", "198.51.100.1").status_code == 302


def test_five_failures_from_one_address_refuse_that_address_for_every_user_name(personas):
    for name in ["alice", "bob", "lena", "nobody", "charlie"]:
        sign_in(name, "wrong", "192.0.2.50")
    assert sign_in("ada", "pw", "192.0.2.50").status_code == 429
    assert sign_in("ada", "pw", "192.0.2.51").status_code == 302


def test_four_failures_are_forgiven(personas):
    for n in range(4):
        sign_in("alice", "wrong", f"198.51.100.{n}")
    assert sign_in("alice", "pw", "198.51.100.9").status_code == 302


def test_after_the_cool_off_signing_in_works_again(personas):
    for _ in range(5):
        sign_in("alice", "wrong", "192.0.2.7")
    assert sign_in("alice", "pw", "192.0.2.7").status_code == 429
    # django-axes keeps its own clock (the wall clock): age the failures instead.
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert sign_in("alice", "pw", "192.0.2.7").status_code == 302


def test_a_try_during_the_cool_off_does_not_lengthen_it(personas):
    for _ in range(5):
        sign_in("alice", "wrong", "192.0.2.7")
    locked_at = AccessAttempt.objects.get().attempt_time
    for _ in range(3):
        assert sign_in("alice", "wrong", "192.0.2.7").status_code == 429
    assert AccessAttempt.objects.get().attempt_time == locked_at


def test_the_lockout_page_is_in_the_readers_language(personas):
    for _ in range(5):
        sign_in("alice", "wrong", "192.0.2.8", HTTP_ACCEPT_LANGUAGE="sv")
    refused = sign_in("alice", "pw", "192.0.2.8", HTTP_ACCEPT_LANGUAGE="sv")
    assert refused.status_code == 429
    assert "För många misslyckade inloggningar" in refused.content.decode()


def test_a_nul_in_a_header_is_stored_without_a_500(personas):
    response = sign_in("alice", "wrong", "192.0.2.11", HTTP_USER_AGENT="probe\x00agent")
    assert response.status_code == 200
    assert AccessAttempt.objects.get().user_agent == "probe\ufffdagent"


def test_failures_that_name_no_user_count_only_against_their_address(personas):
    # A single sign-on backend that fails names no user: five of them from five addresses lock
    # nobody out, not even the next sign-in that names no user.
    for n in range(5):
        request = RequestFactory().post(LOGIN, REMOTE_ADDR=f"198.51.100.{40 + n}")
        user_login_failed.send(sender="sso", credentials={}, request=request)
    assert AccessAttempt.objects.filter(username=NO_USERNAME).count() == 5
    fresh = RequestFactory().post(LOGIN, REMOTE_ADDR="198.51.100.60")
    assert AxesProxyHandler.is_allowed(fresh, {"username": None})
    # From one address they do count.
    for _ in range(5):
        request = RequestFactory().post(LOGIN, REMOTE_ADDR="198.51.100.61")
        user_login_failed.send(sender="sso", credentials={}, request=request)
    assert sign_in("alice", "pw", "198.51.100.61").status_code == 429


# The address, with and without proxies in front.


def address(remote="127.0.0.1", forwarded=None):
    headers = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        headers["HTTP_X_FORWARDED_FOR"] = forwarded
    return client_address(RequestFactory().get("/", **headers))


def test_without_proxies_the_address_is_the_connecting_one():
    assert address("203.0.113.5", forwarded="198.51.100.1") == "203.0.113.5"


@override_settings(INCHECK_TRUSTED_PROXIES=1)
def test_behind_one_proxy_the_address_is_the_one_it_appended():
    # A client wrote its own X-Forwarded-For; the proxy appended the address it really saw.
    assert address(forwarded="10.9.9.9, 203.0.113.5") == "203.0.113.5"
    assert address(forwarded="203.0.113.5") == "203.0.113.5"
    assert address(forwarded="2001:db8::1") == "2001:db8::1"
    # Around the proxy (no header), or garbage where the address should be: the connecting one.
    assert address("192.0.2.1") == "192.0.2.1"
    assert address("192.0.2.1", forwarded="10.0.0.1, not-an-address") == "192.0.2.1"


@override_settings(INCHECK_TRUSTED_PROXIES=2)
def test_behind_two_proxies_the_address_is_two_from_the_right():
    assert address(forwarded="6.6.6.6, 203.0.113.5, 10.0.0.2") == "203.0.113.5"
    assert address("10.0.0.3", forwarded="10.0.0.2") == "10.0.0.3"


@override_settings(INCHECK_TRUSTED_PROXIES=1)
def test_behind_a_proxy_a_client_cannot_escape_the_lock_by_writing_its_own_header(personas):
    for n in range(5):
        sign_in(f"guess{n}", "wrong", "127.0.0.1", HTTP_X_FORWARDED_FOR=f"10.0.0.{n}, 203.0.113.5")
    blocked = sign_in("bob", "pw", "127.0.0.1", HTTP_X_FORWARDED_FOR="10.1.1.1, 203.0.113.5")
    assert blocked.status_code == 429
    # Another person behind the same proxy is not affected.
    assert sign_in("bob", "pw", "127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.6").status_code == 302


# The API: invalid bearer tokens per address.


def api_get(token, address):
    return Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Bearer {token}", REMOTE_ADDR=address)


def test_repeated_invalid_tokens_from_one_address_answer_429_with_the_error_body(personas):
    statuses = [api_get(f"inc_guess{n}", "198.51.100.20").status_code for n in range(4)]
    assert statuses == [401, 401, 401, 401]
    for _ in range(2):
        refused = api_get("inc_guess", "198.51.100.20")
        assert refused.status_code == 429
        body = refused.json()
        assert body["error"] == "too_many_attempts"
        assert "Too many invalid tokens" in body["detail"] and body["fields"] == {}
        assert refused["Retry-After"] == "900"
    # Another address is not affected.
    assert api_get("inc_guess", "198.51.100.21").status_code == 401


def test_a_valid_token_still_works_from_a_locked_address(personas):
    _token, raw = token_create(user=personas.alice, name="script")
    for _ in range(6):
        api_get("inc_guess", "198.51.100.22")
    assert api_get(raw, "198.51.100.22").status_code == 200


@override_settings(AXES_ENABLED=False)
def test_with_throttling_off_invalid_tokens_stay_401(personas):
    # For tests that send many invalid tokens on purpose (a fuzzer's auth checks).
    assert {api_get("inc_guess", "198.51.100.24").status_code for _ in range(7)} == {401}


def test_the_api_429_is_in_the_openapi_document(client):
    schema = client.get("/api/v1/openapi.json").json()
    assert "429" in schema["paths"]["/api/v1/me"]["get"]["responses"]


def test_invalid_tokens_count_toward_the_address_for_signing_in_too(personas):
    for _ in range(5):
        api_get("inc_guess", "198.51.100.23")
    assert sign_in("alice", "pw", "198.51.100.23").status_code == 429


# Deployment.


def deploy_check_ids():
    return {message.id for message in run_checks(include_deployment_checks=True)}


@override_settings(SECURE_PROXY_SSL_HEADER=("HTTP_X_FORWARDED_PROTO", "https"))
def test_the_deploy_check_warns_behind_a_proxy_without_trusted_proxies():
    assert "incheck.W001" in deploy_check_ids()
    with override_settings(INCHECK_TRUSTED_PROXIES=1):
        assert "incheck.W001" not in deploy_check_ids()


# At the same moment, on the database in use (threads with their own connections; `incheck
# serve` with four gunicorn workers): every failure counted, no 500, the lock holds after.


@pytest.fixture
def shared(transactional_db: None, tmp_path: Any) -> Iterator[None]:
    with shared_database(tmp_path):
        yield


@pytest.mark.django_db(transaction=True)
def test_eight_wrong_passwords_at_once_are_counted_and_none_is_a_500(shared, request):
    request.getfixturevalue("personas")
    answers = at_once(*[lambda: sign_in("alice", "wrong", "192.0.2.60").status_code] * 8)
    assert set(answers) <= {200, 429}, answers
    # One row for (user name, address, agent), however the creations raced.
    attempt = AccessAttempt.objects.get(username="alice")
    assert 5 <= attempt.failures_since_start <= 8
    assert sign_in("alice", "pw", "192.0.2.61").status_code == 429


@pytest.mark.django_db(transaction=True)
def test_invalid_tokens_at_once_on_the_served_api_end_in_429_not_500(shared, tmp_path):
    with served(tmp_path) as server:
        answers = at_once(*[lambda: server.call("GET", "/api/v1/me", token="inc_guess").status] * 8)
        assert set(answers) <= {401, 429}, (answers, server.log.read_text()[-4000:])
        assert 429 in answers
        refused = server.call("GET", "/api/v1/me", token="inc_guess")
    assert refused.status == 429
    assert refused.body["error"] == "too_many_attempts"
