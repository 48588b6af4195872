"""Rasa's tracker store, seen from Signpost: count and delete the events of conversations.

Rasa's SQL tracker store (``bot/endpoints.yml``: SQLite at ``RASA_TRACKER_DB``;
``bot/endpoints.scaled.yml``: PostgreSQL) keeps one row per event in the table ``events``, with
the conversation's ``sender_id`` (our opaque ``Recipient.conversation_id``, never a number) and a
``timestamp`` in Unix seconds. Rasa rebuilds a conversation's state from the events of its
latest session only (those from the newest ``session_started`` event on; slots are carried over
into it), so the purge deletes a conversation whole when its last event is past the period, and
otherwise only the events of its earlier sessions that are past the period — never part of the
session Rasa reads.

Nothing is created here: a store that does not exist yet (Rasa never ran) or has no ``events``
table holds no conversations. A store that is configured but cannot be reached raises
``TrackerUnavailable``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from django.conf import settings

TABLE = "events"


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...
    def fetchone(self) -> Any: ...

    @property
    def rowcount(self) -> int: ...


class TrackerUnavailable(Exception):
    """Rasa's tracker store is configured but cannot be read or written just now."""


@dataclass(frozen=True)
class TrackerStore:
    """Where the tracker store is: a SQLite file, or a PostgreSQL database (``host`` set)."""

    db: str
    host: str = ""
    port: int = 5432
    user: str = ""
    password: str = ""

    @property
    def dialect(self) -> str:
        return "postgresql" if self.host else "sqlite"


def configured_store() -> TrackerStore:
    """The tracker store the settings name (read on each call, never at import)."""
    return TrackerStore(db=settings.RASA_TRACKER_DB, host=settings.RASA_TRACKER_HOST,
                        port=settings.RASA_TRACKER_PORT, user=settings.RASA_TRACKER_USER,
                        password=settings.RASA_TRACKER_PASSWORD)


@contextmanager
def _sqlite(store: TrackerStore) -> Iterator[tuple[Cursor, str] | None]:
    if not Path(store.db).is_file():
        yield None
        return
    # mode=rw: never create the file; Rasa may be writing, so wait for its lock.
    try:
        connection = sqlite3.connect(f"file:{store.db}?mode=rw", uri=True, timeout=10)
    except sqlite3.Error as error:
        raise TrackerUnavailable(f"the tracker store cannot be opened ({error})") from None
    try:
        with connection:
            cursor = connection.cursor()
            found = cursor.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?",
                                   (TABLE,)).fetchone()
            yield (cursor, "?") if found else None
    finally:
        connection.close()


@contextmanager
def _postgresql(store: TrackerStore) -> Iterator[tuple[Cursor, str] | None]:
    import psycopg2  # the scaled mode's driver; imported only when that mode is configured

    try:
        connection = psycopg2.connect(host=store.host, port=store.port, dbname=store.db,
                                      user=store.user or None, password=store.password or None,
                                      connect_timeout=10)
    except psycopg2.Error as error:
        raise TrackerUnavailable(f"the tracker store cannot be reached "
                                 f"({type(error).__name__})") from None
    try:
        with connection:  # one transaction, committed on success
            cursor = connection.cursor()
            cursor.execute("SELECT to_regclass(%s)", (TABLE,))
            row = cursor.fetchone()
            yield (cursor, "%s") if row and row[0] else None
    finally:
        connection.close()


@contextmanager
def _connect(store: TrackerStore) -> Iterator[tuple[Cursor, str] | None]:
    opened = _postgresql(store) if store.dialect == "postgresql" else _sqlite(store)
    try:
        with opened as found:
            yield found
    except sqlite3.OperationalError as error:  # locked for too long, or the file went away
        raise TrackerUnavailable(f"the tracker store cannot be used ({error})") from None


def _stale(placeholder: str) -> str:
    """The conversations whose newest event is older than the cut-off."""
    return (f"SELECT sender_id FROM {TABLE} GROUP BY sender_id "  # noqa: S608 (constant names)
            f"HAVING MAX(timestamp) < {placeholder}")


def _earlier_sessions(placeholder: str) -> str:
    """Events older than the cut-off from before their conversation's latest session start
    (Rasa never reads them), in conversations that are not stale as a whole."""
    return (f"{TABLE}.timestamp < {placeholder} AND {TABLE}.timestamp < ("  # noqa: S608
            f"SELECT MAX(s.timestamp) FROM {TABLE} s WHERE s.sender_id = {TABLE}.sender_id "
            f"AND s.type_name = 'session_started') "
            f"AND {TABLE}.sender_id NOT IN ({_stale(placeholder)})")


def purge_stale_conversations(*, before: datetime, dry_run: bool,
                              store: TrackerStore | None = None) -> int:
    """Delete every conversation whose last event is older than ``before``, and the earlier
    sessions older than ``before`` of the others; how many conversations were touched."""
    with _connect(store or configured_store()) as found:
        if found is None:
            return 0
        cursor, p = found
        cutoff = before.timestamp()
        cursor.execute(f"SELECT COUNT(*) FROM ({_stale(p)}) AS stale", (cutoff,))  # noqa: S608
        stale = int(cursor.fetchone()[0])
        cursor.execute(f"SELECT COUNT(DISTINCT sender_id) FROM {TABLE} "  # noqa: S608
                       f"WHERE {_earlier_sessions(p)}", (cutoff, cutoff))
        trimmed = int(cursor.fetchone()[0])
        if not dry_run:
            cursor.execute(f"DELETE FROM {TABLE} WHERE {_earlier_sessions(p)}",  # noqa: S608
                           (cutoff, cutoff))
            cursor.execute(f"DELETE FROM {TABLE} WHERE sender_id IN ({_stale(p)})",  # noqa: S608
                           (cutoff,))
        return stale + trimmed


def conversation_events(*, sender_id: str, store: TrackerStore | None = None) -> int:
    """How many events the tracker store holds for one conversation."""
    with _connect(store or configured_store()) as found:
        if found is None:
            return 0
        cursor, p = found
        cursor.execute(f"SELECT COUNT(*) FROM {TABLE} WHERE sender_id = {p}",  # noqa: S608
                       (sender_id,))
        return int(cursor.fetchone()[0])


def erase_conversation(*, sender_id: str, store: TrackerStore | None = None) -> int:
    """Delete one conversation's events (erasure on request); how many were deleted."""
    with _connect(store or configured_store()) as found:
        if found is None:
            return 0
        cursor, p = found
        cursor.execute(f"DELETE FROM {TABLE} WHERE sender_id = {p}", (sender_id,))  # noqa: S608
        return max(cursor.rowcount, 0)
