"""One relay at a time per conversation, so its texts reach the assistant in the order they came.

The relay runs on many worker threads (and, in the scaled mode, in several worker processes), so
two texts of one conversation may be picked up at once. Whoever holds the conversation's lock
relays; the other waits a little, then finds its text already handled or relays it next.

- PostgreSQL (the scaled mode): a session-level advisory lock keyed by the conversation. The
  database releases it if the worker dies or its connection drops, so a conversation is never
  left locked. (Needs a session-pooled or direct connection, not a transaction-mode pooler.)
- SQLite (the embedded mode: one worker process): a lock per conversation in this process.

>>> advisory_key("abc") == advisory_key("abc"), advisory_key("abc") == advisory_key("abd")
(True, False)
>>> -2**63 <= advisory_key("abc") < 2**63
True
"""

from __future__ import annotations

import hashlib
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection

POLL_S = 0.02


class ConversationBusy(Exception):
    """Another relay of the same conversation held the lock for longer than we could wait."""


def advisory_key(conversation_id: str) -> int:
    """A signed 64-bit key for ``pg_advisory_lock``, stable across processes."""
    digest = hashlib.sha256(b"signpost-relay:" + conversation_id.encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


class _LocalLocks:
    """Per-conversation locks of this process; an entry lives only while someone uses it."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._locks: dict[str, tuple[threading.Lock, int]] = {}

    def acquire(self, key: str, wait_s: float) -> bool:
        with self._guard:
            lock, users = self._locks.get(key, (threading.Lock(), 0))
            self._locks[key] = (lock, users + 1)
        if lock.acquire(timeout=wait_s):
            return True
        self._leave(key)
        return False

    def release(self, key: str) -> None:
        self._locks[key][0].release()
        self._leave(key)

    def _leave(self, key: str) -> None:
        with self._guard:
            lock, users = self._locks[key]
            if users <= 1:
                del self._locks[key]
            else:
                self._locks[key] = (lock, users - 1)


_local = _LocalLocks()


def _try_advisory(key: int) -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [key])
        row = cursor.fetchone()
    return bool(row and row[0])


def _release_advisory(key: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_unlock(%s)", [key])


@contextmanager
def conversation_turn(conversation_id: str, *, wait_s: float) -> Iterator[None]:
    """Hold the conversation's relay lock; ``ConversationBusy`` after ``wait_s`` of waiting."""
    if connection.vendor != "postgresql":
        if not _local.acquire(conversation_id, wait_s):
            raise ConversationBusy
        try:
            yield
        finally:
            _local.release(conversation_id)
        return
    key = advisory_key(conversation_id)
    deadline = time.monotonic() + wait_s
    while not _try_advisory(key):
        if time.monotonic() >= deadline:
            raise ConversationBusy
        time.sleep(POLL_S)
    try:
        yield
    finally:
        _release_advisory(key)
