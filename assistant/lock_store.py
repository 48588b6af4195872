"""Rasa's Redis lock store, with each change of a conversation's lock made atomic.

Several Rasa servers share one lock per conversation in Redis, so that two messages of one
conversation are handled one after the other. Rasa 3.6's ``RedisLockStore`` changes a lock by
reading it, changing it in the server and writing it back (``issue_ticket``, ``update_lock``,
``finish_serving``, ``cleanup``): two servers doing that at once each overwrite the other's
change — both take the same ticket, or one deletes the lock the other has just joined — and the
two turns then run together and one of them is lost from the tracker (Rasa issue 9213; the fix,
``ConcurrentRedisLockStore``, is only in Rasa Pro): six simultaneous messages to two servers
leave five turns.

Here each of those changes runs in a Redis optimistic transaction (WATCH the key, read, change,
MULTI/SET or DEL/EXEC, again if another server changed the key meanwhile), so every change is
made against the lock as it is. Waiting for a turn is Rasa's own code, unchanged.

``bot/endpoints.scaled.yml`` names this class (``lock_store: type:
assistant.lock_store.AtomicRedisLockStore``) with the same settings as Rasa's ``redis`` type.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

T = TypeVar("T")
Change = Callable[[TicketLock | None], tuple[TicketLock | None, T]]


class AtomicRedisLockStore(RedisLockStore):  # type: ignore[misc]
    """``RedisLockStore`` whose every read-change-write of a lock is one Redis transaction."""

    def __init__(self, endpoint_config: EndpointConfig | None = None, **kwargs: Any) -> None:
        if endpoint_config is not None:
            kwargs = {"host": endpoint_config.url or "localhost", **endpoint_config.kwargs}
        super().__init__(**kwargs)

    def _change(self, conversation_id: str, change: Change[T]) -> T:
        key = self.key_prefix + conversation_id

        def attempt(pipe: Any) -> T:
            raw = pipe.get(key)  # WATCHed: the transaction fails if the key changes after this
            lock = TicketLock.from_dict(json.loads(raw)) if raw else None
            new, result = change(lock)
            pipe.multi()
            if new is None:
                pipe.delete(key)
            else:
                pipe.set(key, new.dumps())
            return result

        result: T = self.red.transaction(attempt, key, value_from_callable=True)
        return result

    def issue_ticket(self, conversation_id: str, lock_lifetime: float = LOCK_LIFETIME) -> int:
        def issue(lock: TicketLock | None) -> tuple[TicketLock, int]:
            lock = lock or self.create_lock(conversation_id)
            return lock, lock.issue_ticket(lock_lifetime)

        try:
            return self._change(conversation_id, issue)
        except Exception as error:  # as Rasa's own: the channel answers with an error
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error

    def update_lock(self, conversation_id: str) -> None:
        def drop_expired(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_expired_tickets()
            return lock, None

        self._change(conversation_id, drop_expired)

    def finish_serving(self, conversation_id: str, ticket_number: int) -> None:
        def finish(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
            return lock, None

        self._change(conversation_id, finish)

    def cleanup(self, conversation_id: str, ticket_number: int) -> None:
        """Give the ticket back, and delete the lock only if nobody holds another ticket."""

        def give_back(lock: TicketLock | None) -> tuple[TicketLock | None, None]:
            if lock is not None:
                lock.remove_ticket_for(ticket_number)
                if not lock.is_someone_waiting():
                    lock = None
            return lock, None

        self._change(conversation_id, give_back)
