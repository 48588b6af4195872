"""A real Rasa tracker store for the tests: Rasa's own ``SQLTrackerStore`` writes the trackers.

SQLite in a temporary file, or (the scaled run) a fresh PostgreSQL database that Rasa creates
and the fixture drops.
"""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from retention.trackers import TrackerStore


def rasa_store(store: TrackerStore) -> Any:
    from rasa.core.tracker_store import SQLTrackerStore

    if store.dialect == "sqlite":
        return SQLTrackerStore(dialect="sqlite", db=store.db)
    return SQLTrackerStore(dialect="postgresql", host=store.host, port=store.port, db=store.db,
                           username=store.user or None, password=store.password or None,
                           login_db="postgres")


def save_conversation(rasa: Any, *, sender_id: str, sessions: list[list[datetime]]) -> None:
    """One conversation: each session a session start, then turns (a text in, a reply out) at
    the times given."""
    from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events: list[Any] = []
    for turns in sessions:
        start = turns[0].timestamp()
        events += [ActionExecuted("action_session_start", timestamp=start),
                   SessionStarted(timestamp=start)]
        for when in turns:
            stamp = when.timestamp()
            events += [UserUttered("my neighbour hit me", {"name": "report"}, timestamp=stamp),
                       ActionExecuted("utter_sorry", timestamp=stamp),
                       BotUttered("I am sorry that happened.", timestamp=stamp)]
    tracker = DialogueStateTracker.from_events(sender_id, events)
    asyncio.run(rasa.save(tracker))


def rasa_loads(rasa: Any, sender_id: str) -> list[str]:
    """The event types Rasa itself loads for a conversation (its latest session)."""
    tracker = asyncio.run(rasa.retrieve(sender_id))
    return [event.type_name for event in tracker.events] if tracker else []


def stored_senders(rasa: Any) -> set[str]:
    with rasa.session_scope() as session:
        rows = session.query(rasa.SQLEvent.sender_id).distinct().all()
    return {row[0] for row in rows}


def postgres_available() -> bool:
    return os.environ.get("DATABASE_URL", "").startswith("postgres")


@contextmanager
def tracker_store(dialect: str, tmp_path: Path) -> Iterator[TrackerStore]:
    if dialect == "sqlite":
        yield TrackerStore(db=str(tmp_path / "rasa-tracker.sqlite3"))
        return
    url = urlsplit(os.environ["DATABASE_URL"])
    store = TrackerStore(db=f"signpost_rasa_test_{uuid.uuid4().hex[:10]}",
                         host=url.hostname or "127.0.0.1", port=url.port or 5432,
                         user=url.username or "postgres", password=url.password or "")
    try:
        yield store
    finally:
        import psycopg2

        connection = psycopg2.connect(host=store.host, port=store.port, dbname="postgres",
                                      user=store.user, password=store.password or None)
        connection.autocommit = True
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{store.db}" WITH (FORCE)')
        connection.close()


def use_store(settings: Any, store: TrackerStore) -> None:
    """Point the Django settings (what the purge and erasure read) at ``store``."""
    settings.RASA_TRACKER_DB = store.db
    settings.RASA_TRACKER_HOST = store.host
    settings.RASA_TRACKER_PORT = store.port
    settings.RASA_TRACKER_USER = store.user
    settings.RASA_TRACKER_PASSWORD = store.password
