"""Real servers on loopback for the habit loop's tests: an SMTP server (aiosmtpd) and an HTTP
receiver that records what it is sent (for Slack's Web API, Teams, Mattermost, Rocket.Chat and
outgoing webhooks). Each listens on 127.0.0.1 on a free port chosen by the system.
"""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs

from aiosmtpd.controller import Controller


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Mail:
    sender: str
    recipients: list[str]
    message: EmailMessage

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def part(self, subtype: str) -> str:
        body = self.message.get_body(preferencelist=(subtype,))
        assert body is not None, f"no text/{subtype} part"
        return str(body.get_content())


class _Collect:
    def __init__(self, box: list[Mail], lock: threading.Lock) -> None:
        self.box, self.lock = box, lock

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        with self.lock:
            self.box.append(Mail(envelope.mail_from, list(envelope.rcpt_tos), parsed))  # type: ignore[arg-type]
        return "250 OK"


class SmtpServer:
    """aiosmtpd on 127.0.0.1: every message it receives, parsed."""

    def __init__(self) -> None:
        self.mails: list[Mail] = []
        self._lock = threading.Lock()
        self.port = free_port()
        self._controller = Controller(
            _Collect(self.mails, self._lock), hostname="127.0.0.1", port=self.port
        )

    def start(self) -> SmtpServer:
        self._controller.start()
        return self

    def stop(self) -> None:
        self._controller.stop()

    def clear(self) -> None:
        with self._lock:
            self.mails.clear()

    def to(self, address: str) -> list[Mail]:
        with self._lock:
            return [mail for mail in self.mails if address in mail.recipients]


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return json.loads(self.body)

    def form(self) -> dict[str, str]:
        return {key: values[-1] for key, values in parse_qs(self.body.decode()).items()}


@dataclass
class Receiver:
    """An HTTP server that records each POST and answers with ``answer(request)``:
    (status, JSON body)."""

    answer: Callable[[Request], tuple[int, Any]] = lambda request: (200, {"ok": True})
    requests: list[Request] = field(default_factory=list)

    def start(self) -> Receiver:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                request = Request(
                    self.path,
                    {k.lower(): v for k, v in self.headers.items()},
                    self.rfile.read(length),
                )
                with receiver._lock:
                    receiver.requests.append(request)
                status, body = receiver.answer(request)
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self._lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        return self

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def clear(self) -> None:
        with self._lock:
            self.requests.clear()

    def to(self, path: str) -> list[Request]:
        with self._lock:
            return [request for request in self.requests if request.path == path]


def slack_answer(members: dict[str, str]) -> Callable[[Request], tuple[int, Any]]:
    """Slack's Web API as far as Incheck uses it: users.lookupByEmail, chat.postMessage,
    auth.test. ``members`` maps e-mail addresses to member ids."""

    def answer(request: Request) -> tuple[int, Any]:
        if request.path.endswith("/users.lookupByEmail"):
            member = members.get(request.form().get("email", ""))
            if member is None:
                return 200, {"ok": False, "error": "users_not_found"}
            return 200, {"ok": True, "user": {"id": member}}
        if request.path.endswith("/chat.postMessage"):
            if request.headers.get("authorization") != "Bearer xoxb-test-token":
                return 200, {"ok": False, "error": "invalid_auth"}
            payload = request.json()
            return 200, {"ok": True, "channel": payload["channel"], "ts": "1.0"}
        if request.path.endswith("/auth.test"):
            return 200, {"ok": True, "team": "Nordlys"}
        return 404, {"ok": False, "error": "unknown_method"}

    return answer
