"""Rasa's tracker store: old conversations deleted whole, recent ones kept, one conversation
erased on request — against tables Rasa itself wrote (SQLite; PostgreSQL in the scaled run)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from retention.trackers import (
    TrackerStore,
    TrackerUnavailable,
    conversation_events,
    erase_conversation,
    purge_stale_conversations,
)
from tests.retention.trackerstore import (
    postgres_available,
    rasa_loads,
    rasa_store,
    save_conversation,
    stored_senders,
    tracker_store,
)

NOW = timezone.now()
DIALECTS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.scaled)]


@pytest.fixture(params=DIALECTS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "postgresql" and not postgres_available():
        pytest.skip("PostgreSQL tracker store: run by scripts/test_scaled.sh")
    with tracker_store(request.param, tmp_path) as found:
        yield found


def test_old_conversations_go_whole_and_active_ones_stay(store: TrackerStore) -> None:
    rasa = rasa_store(store)
    save_conversation(rasa, sender_id="old", sessions=[[NOW - timedelta(days=200),
                                                        NOW - timedelta(days=120)]])
    # One long session that began long ago and is still going: Rasa reads all of it.
    save_conversation(rasa, sender_id="one-session", sessions=[[NOW - timedelta(days=200),
                                                                NOW - timedelta(days=1)]])
    # An old session, then a new one: Rasa reads only the new one.
    save_conversation(rasa, sender_id="two-sessions", sessions=[
        [NOW - timedelta(days=200), NOW - timedelta(days=150)], [NOW - timedelta(days=2)]])
    save_conversation(rasa, sender_id="new", sessions=[[NOW - timedelta(hours=1)]])
    before = NOW - timedelta(days=90)
    assert conversation_events(sender_id="old", store=store) == 8  # start (2), two turns of 3
    loaded = rasa_loads(rasa, "two-sessions")

    assert purge_stale_conversations(before=before, dry_run=True, store=store) == 2
    assert stored_senders(rasa) == {"old", "one-session", "two-sessions", "new"}
    assert conversation_events(sender_id="two-sessions", store=store) == 13

    assert purge_stale_conversations(before=before, dry_run=False, store=store) == 2
    assert stored_senders(rasa) == {"one-session", "two-sessions", "new"}
    assert conversation_events(sender_id="one-session", store=store) == 8  # its old turn too
    assert conversation_events(sender_id="two-sessions", store=store) == 5
    assert rasa_loads(rasa, "two-sessions") == loaded  # the assistant sees no difference
    assert purge_stale_conversations(before=before, dry_run=False, store=store) == 0
    rasa.engine.dispose()


def test_one_conversation_is_erased_on_request(store: TrackerStore) -> None:
    rasa = rasa_store(store)
    save_conversation(rasa, sender_id="asker", sessions=[[NOW - timedelta(minutes=5)]])
    save_conversation(rasa, sender_id="other", sessions=[[NOW - timedelta(minutes=5)]])
    assert erase_conversation(sender_id="asker", store=store) == 5
    assert stored_senders(rasa) == {"other"}
    assert erase_conversation(sender_id="asker", store=store) == 0
    rasa.engine.dispose()


def test_a_store_rasa_never_wrote_holds_nothing_and_is_not_created(tmp_path: Path) -> None:
    store = TrackerStore(db=str(tmp_path / "missing.sqlite3"))
    assert purge_stale_conversations(before=NOW, dry_run=False, store=store) == 0
    assert conversation_events(sender_id="x", store=store) == 0
    assert not (tmp_path / "missing.sqlite3").exists()


def test_an_unreachable_postgresql_store_is_a_clear_error() -> None:
    store = TrackerStore(db="nothing", host="127.0.0.1", port=1, user="nobody")
    with pytest.raises(TrackerUnavailable):
        purge_stale_conversations(before=NOW, dry_run=True, store=store)
