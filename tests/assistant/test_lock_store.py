"""The Rasa servers' shared lock (assistant.lock_store) on the real Redis: no change of a
conversation's lock is lost, and simultaneous turns of one conversation run one at a time."""

from __future__ import annotations

import asyncio
import os
import threading
import uuid
from unittest import mock
from urllib.parse import urlparse

import pytest
from rasa.core.lock import TicketLock
from rasa.core.lock_store import LockError
from rasa.utils.endpoints import EndpointConfig

from assistant.lock_store import AtomicRedisLockStore

pytestmark = pytest.mark.scaled  # needs Redis: the scaled stage


def _store() -> AtomicRedisLockStore:
    """A store as a Rasa server builds it from bot/endpoints.scaled.yml."""
    url = urlparse(os.environ.get("REDIS_URL", "redis://127.0.0.1:6379/15"))
    config = EndpointConfig(url=url.hostname, type="assistant.lock_store.AtomicRedisLockStore",
                            port=str(url.port or 6379), db=url.path.strip("/") or "0",
                            key_prefix="signposttest")
    return AtomicRedisLockStore(endpoint_config=config)


def test_a_ticket_taken_meanwhile_by_another_server_is_not_overwritten() -> None:
    mine, other = _store(), _store()
    conversation = f"lock-{uuid.uuid4().hex}"
    issue = TicketLock.issue_ticket
    theirs: list[int] = []
    interfered = threading.Event()

    def issue_while_another_server_issues(lock: TicketLock, lifetime: float) -> int:
        if not interfered.is_set():  # once, between this server's read and its write
            interfered.set()
            theirs.append(other.issue_ticket(conversation))
        number: int = issue(lock, lifetime)
        return number

    with mock.patch.object(TicketLock, "issue_ticket", issue_while_another_server_issues):
        ours = mine.issue_ticket(conversation)
    lock = mine.get_lock(conversation)
    assert lock is not None
    assert sorted(ticket.number for ticket in lock.tickets) == [0, 1]
    assert {ours, theirs[0]} == {0, 1}
    mine.cleanup(conversation, ours)
    mine.cleanup(conversation, theirs[0])
    assert mine.get_lock(conversation) is None


def test_simultaneous_turns_of_one_conversation_run_one_at_a_time() -> None:
    conversation = f"lock-{uuid.uuid4().hex}"
    holding = 0
    most_at_once = 0
    served: list[tuple[int, int]] = []
    guard = threading.Lock()

    async def turns(server: int, store: AtomicRedisLockStore) -> None:
        nonlocal holding, most_at_once
        for turn in range(4):
            async with store.lock(conversation, wait_time_in_seconds=0.005):
                with guard:
                    holding += 1
                    most_at_once = max(most_at_once, holding)
                await asyncio.sleep(0.005)
                with guard:
                    holding -= 1
                    served.append((server, turn))

    def server(number: int) -> None:
        asyncio.run(turns(number, _store()))

    threads = [threading.Thread(target=server, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(served) == 24
    assert most_at_once == 1
    assert _store().get_lock(conversation) is None  # the last one out deleted it


def test_the_scaled_endpoints_name_this_lock_store() -> None:
    from signpost.launcher.stack import BOT

    text = (BOT / "endpoints.scaled.yml").read_text()
    assert "type: assistant.lock_store.AtomicRedisLockStore" in text


def test_bad_redis_settings_fail_as_rasas_own_store_does() -> None:
    store = AtomicRedisLockStore(host="127.0.0.1", port=1, socket_timeout=1)
    with pytest.raises(LockError, match="Error while acquiring lock"):
        store.issue_ticket("x")
