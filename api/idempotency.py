"""Idempotency-Key: a repeated request gets the first answer; a different request under the same
key is refused (409). Only successful answers are remembered: a rejected request stores nothing.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction

from api.models import ApiKey, IdempotencyRecord
from api.problems import ApiProblem, ProblemKind

MAX_KEY = 200
VISIBLE_ASCII = re.compile(f"[!-~]{{1,{MAX_KEY}}}")


@dataclass(frozen=True)
class StoredAnswer:
    status: int
    body: dict[str, Any]


def request_hash(*, method: str, path: str, body: bytes) -> str:
    return hashlib.sha256(method.encode() + b"\n" + path.encode() + b"\n" + body).hexdigest()


def check_key(key: str) -> str:
    """The key if it is 1-200 visible ASCII characters, as the OpenAPI document declares.

    >>> check_key("3f1c-09ab")
    '3f1c-09ab'
    >>> VISIBLE_ASCII.fullmatch("two words") is None, VISIBLE_ASCII.fullmatch("é") is None
    (True, True)
    """
    if not VISIBLE_ASCII.fullmatch(key):
        raise ApiProblem(ProblemKind.MALFORMED, "Idempotency-Key must be 1-200 visible ASCII "
                                                "characters (no spaces).")
    return key


def find_answer(*, api_key: ApiKey, key: str, fingerprint: str) -> StoredAnswer | None:
    """The remembered answer for this key, None if new; ApiProblem if used for another request."""
    record = IdempotencyRecord.objects.filter(api_key=api_key, key=key).first()
    if record is None:
        return None
    if record.request_hash != fingerprint:
        raise ApiProblem(ProblemKind.CONFLICT, "This Idempotency-Key was used for a different "
                                               "request.")
    return StoredAnswer(status=record.status, body=record.body)


def remember(*, api_key: ApiKey, key: str, fingerprint: str, answer: StoredAnswer) -> None:
    """Store the answer (inside the caller's transaction; IntegrityError if another won)."""
    IdempotencyRecord.objects.create(api_key=api_key, key=key, request_hash=fingerprint,
                                     status=answer.status, body=answer.body)


def create_once(*, api_key: ApiKey, key: str | None, fingerprint: str,
                create: Callable[[], StoredAnswer]) -> StoredAnswer:
    """Run ``create`` in one transaction with the remembered answer, or replay the answer an
    earlier (or a concurrent, winning) request under the same key got.

    Everything ``create`` writes commits together with the remembered answer or not at all: a
    concurrent request with the same key that wins the insert makes this one roll back whole.
    """
    if key is not None:
        stored = find_answer(api_key=api_key, key=key, fingerprint=fingerprint)
        if stored is not None:
            return stored
    try:
        with transaction.atomic():
            answer = create()
            if key is not None:
                remember(api_key=api_key, key=key, fingerprint=fingerprint, answer=answer)
    except IntegrityError:
        if key is None:
            raise
        stored = find_answer(api_key=api_key, key=key, fingerprint=fingerprint)
        if stored is None:
            raise
        return stored
    return answer
