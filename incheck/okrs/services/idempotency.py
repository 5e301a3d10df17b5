"""Writes made once: a retried API POST (`Idempotency-Key`) or a check-in form sent twice.

A client whose connection dropped after the server committed cannot know whether its write
happened; retrying must not write twice. The first request with a key records the key, in the
same transaction as its write and together with its response; a repeat from the same user
within 24 hours finds the record and gets the first response back, writing nothing. The unique
(user, key) index decides between two identical requests at once: the second waits for the
first to commit, then replays it (`docs/api.md`, "Retries").

>>> key_problem("3f1c2a9e-retry-1")
>>> key_problem("")
'idempotency_key_invalid'
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass

from django.db import IntegrityError, transaction

from incheck import clock
from incheck.okrs.models import IdempotentRequest

# How long a key is remembered: a day is longer than any client retries.
KEEP = dt.timedelta(hours=24)
KEY_LIMIT = 255


def key_problem(key: str) -> str | None:
    """An Idempotency-Key is 1–255 visible ASCII characters (a UUID, typically)."""
    if not 1 <= len(key) <= KEY_LIMIT or not all("!" <= char <= "~" for char in key):
        return "idempotency_key_invalid"
    return None


def fingerprint(*parts: str | bytes) -> str:
    """What the request was (method, path, body): the same key for another one is refused."""
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8", "surrogateescape") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def forget_expired() -> int:
    """Forget keys older than 24 hours (one indexed delete); returns how many."""
    deleted, _ = IdempotentRequest.objects.filter(created_at__lt=clock.now() - KEEP).delete()
    return deleted


@dataclass(frozen=True)
class Claim:
    """The record of a key; `first` when this request made it (else it is a repeat)."""

    record: IdempotentRequest
    first: bool


def claim(*, user_id: int, key: str, fingerprint: str) -> Claim:
    """Record the key in the caller's transaction, or find the earlier request with it (within
    24 hours). The first request goes on and `remember`s its response; a repeat answers with the
    earlier one's.

    Call it inside a transaction that also holds the write, so that the key and the write
    commit together or not at all; a second caller with the same key waits on the unique index
    until the first commits.
    """
    now = clock.now()
    for _attempt in range(2):
        try:
            with transaction.atomic():  # a savepoint: a taken key leaves the caller's alive
                record = IdempotentRequest.objects.create(
                    user_id=user_id, key=key, fingerprint=fingerprint, created_at=now
                )
            return Claim(record=record, first=True)
        except IntegrityError:
            earlier = IdempotentRequest.objects.filter(user_id=user_id, key=key).first()
            if earlier is None:
                continue  # forgotten meanwhile: try again
            if earlier.created_at >= now - KEEP:
                return Claim(record=earlier, first=False)
            earlier.delete()  # expired, not forgotten yet: the key is free again
    raise RuntimeError("an idempotency key could not be recorded")  # pragma: no cover


def remember(record: IdempotentRequest, *, status: int, content_type: str, body: str) -> None:
    """Keep the response of the first request with this key, for its repeats."""
    record.status = status
    record.content_type = content_type
    record.body = body
    record.save(update_fields=["status", "content_type", "body"])
