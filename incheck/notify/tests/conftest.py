"""The habit loop's real parts, shared by its tests: one SMTP server and one HTTP receiver per
test session, cleared before each test that uses them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from incheck.notify.tests.servers import Receiver, SmtpServer


@pytest.fixture(scope="session")
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp(smtp_server: SmtpServer, settings: Any) -> SmtpServer:
    """Django's real SMTP backend, talking to the aiosmtpd server on loopback."""
    smtp_server.clear()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    return smtp_server


@pytest.fixture(scope="session")
def receiver_server() -> Iterator[Receiver]:
    server = Receiver().start()
    yield server
    server.stop()


@pytest.fixture
def receiver(receiver_server: Receiver) -> Iterator[Receiver]:
    """The HTTP receiver, answering 200 unless a test says otherwise."""
    receiver_server.clear()
    original = receiver_server.answer
    yield receiver_server
    receiver_server.answer = original
