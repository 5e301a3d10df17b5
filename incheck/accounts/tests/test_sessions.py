"""A forged session cookie is no session at all, never a server error."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "cookie", ["\x00abcdefghij", "abc'def--ghij", "../../etc/passwd", "é" * 32]
)
def test_a_forged_session_cookie_is_treated_as_signed_out(client, db, cookie):
    client.cookies["sessionid"] = cookie
    response = client.get("/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert client.get("/accounts/login/").status_code == 200


def test_a_real_session_still_works(client, personas):
    client.force_login(personas.alice)
    assert client.get("/").status_code == 200
