"""POSTing JSON to an incoming webhook or an integration, with the standard library.

Redirects are not followed (a webhook that moved answers 3xx and the person who set it up
sees it), the body of an answer is never shown (it may come from anywhere the URL points at),
and the time is bounded.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from incheck.notify.channels.errors import ChannelError

# Answers larger than this are not read further (only the status matters).
READ_LIMIT = 4096


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None


_OPENER = urllib.request.build_opener(_NoRedirect)


@dataclass(frozen=True)
class Answer:
    status: int
    body: bytes


def post_json(
    url: str, payload: Any, *, headers: dict[str, str] | None = None, body: str | None = None
) -> Answer:
    """POST ``payload`` (or the exact ``body``) as JSON; a 2xx answer, else ChannelError."""
    if not url.lower().startswith(("http://", "https://")):
        raise ChannelError("the address is not an http(s) URL")
    data = (body if body is not None else json.dumps(payload, ensure_ascii=False)).encode()
    request = urllib.request.Request(  # noqa: S310 - the scheme is checked above
        url,
        data=data,
        method="POST",
        headers={"Content-Type": "application/json", "User-Agent": "Incheck", **(headers or {})},
    )
    try:
        with _OPENER.open(request, timeout=settings.INCHECK_HTTP_TIMEOUT) as response:
            return Answer(response.status, response.read(READ_LIMIT))
    except urllib.error.HTTPError as error:
        raise ChannelError(f"the server answered {error.code}") from error
    except urllib.error.URLError as error:
        raise ChannelError(f"no connection: {_reason(error.reason)}") from error
    except TimeoutError as error:
        raise ChannelError("no answer in time") from error
    except (OSError, ValueError) as error:
        raise ChannelError(f"no connection: {_reason(error)}") from error


def _reason(reason: Any) -> str:
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, TimeoutError | socket.timeout):
        return "no answer in time"
    text = getattr(reason, "strerror", None) or str(reason)
    return str(text)[:120]
