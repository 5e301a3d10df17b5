"""A KR's check-in timeline, all of it, for a caller that pages it (the API); one sitting for
its correction form."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import QuerySet

from incheck.errors import NotFound
from incheck.okrs.models import CheckIn, KeyResult
from incheck.okrs.services.corrections import check_correctable


def check_in_timeline(key_result_id: int) -> QuerySet[CheckIn]:
    """A KR's check-ins, newest first, with their authors; NotFound for an unknown KR."""
    if not KeyResult.objects.filter(pk=key_result_id).exists():
        raise NotFound(code="not_found")
    return (
        CheckIn.objects.filter(key_result_id=key_result_id)
        .select_related("author__profile")
        .order_by("-created_at", "-id")
    )


@dataclass(frozen=True)
class SittingToCorrect:
    id: uuid.UUID
    key_result: KeyResult
    check_ins: list[CheckIn]


def sitting_for_correction(user: AbstractBaseUser, sitting_id: uuid.UUID) -> SittingToCorrect:
    """One sitting and its KR for the correction form and the delete page (two queries).

    NotFound for an unknown sitting; the correction rule (`services.corrections.
    check_correctable`) refuses anyone but its author, after a day or in a closed period.
    """
    check_ins = list(
        CheckIn.objects.filter(sitting=sitting_id)
        .select_related("author__profile")
        .order_by("created_at", "id")
    )
    if not check_ins:
        raise NotFound(code="not_found")
    key_result = (
        KeyResult.objects.select_related("objective__period", "objective__team")
        .filter(pk=check_ins[0].key_result_id)
        .get()
    )
    check_correctable(user, key_result, check_ins)
    return SittingToCorrect(id=sitting_id, key_result=key_result, check_ins=check_ins)
