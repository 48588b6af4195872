"""Handing work to the Huey worker, after the database transaction that recorded it commits.

The task module is imported here, on first use, because it imports the services that call
these functions.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass

from django.db import transaction

logger = logging.getLogger(__name__)


def send_after_commit(message_id: uuid.UUID) -> None:
    """Once the ``queued`` row is committed, hand it to the worker.

    If this never happens (the process dies first), the sweep finds the row ``queued`` and
    queues it again.
    """
    transaction.on_commit(lambda: enqueue_send(message_id, after_attempt=0))


def enqueue_send(message_id: uuid.UUID | str, *, delay: float | None = None,
                 after_attempt: int | None = None) -> None:
    """Queue the send task; ``after_attempt`` (attempts made so far) lets a stale task see that
    the message was tried meanwhile (sending.deliver)."""
    from messaging import tasks

    try:
        if delay:
            tasks.send_message_task.schedule(args=(str(message_id), after_attempt), delay=delay)
        else:
            tasks.send_message_task(str(message_id), after_attempt)
    except Exception:  # the queue is down: the row stays as it is and the sweep picks it up
        logger.exception("could not queue message %s; the sweep will retry", message_id)


@dataclass(frozen=True)
class RelayDispatch:
    """One relay turn of a conversation to queue (messaging.turns)."""

    recipient_id: int
    token: str
    urgent: bool  # queued ahead of the other conversations
    delay: float | None = None


def relay_after_commit(dispatch: RelayDispatch) -> None:
    """Once the turn row is committed, queue its task. If this never happens (the process dies
    first, the queue is down), the sweep finds the turn overdue and queues it again."""
    transaction.on_commit(lambda: enqueue_relay(dispatch))


def enqueue_relay(dispatch: RelayDispatch) -> None:
    from messaging import tasks

    priority = tasks.URGENT_PRIORITY if dispatch.urgent else tasks.RELAY_PRIORITY
    try:
        if dispatch.delay:
            tasks.relay_conversation_task.schedule(
                args=(dispatch.recipient_id, dispatch.token), delay=dispatch.delay,
                priority=priority)
        else:
            tasks.relay_conversation_task(dispatch.recipient_id, dispatch.token,
                                          priority=priority)
    except Exception:
        logger.exception("could not queue the relay of recipient %s; the sweep will retry",
                         dispatch.recipient_id)
