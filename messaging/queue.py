"""Handing work to the Huey worker, after the database transaction that recorded it commits.

The task module is imported here, on first use, because it imports the services that call
these functions.
"""

from __future__ import annotations

import logging
import uuid

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


def process_after_commit(inbound_id: int) -> None:
    transaction.on_commit(lambda: enqueue_process(inbound_id))


def enqueue_process(inbound_id: int, *, delay: float | None = None) -> None:
    from messaging import tasks

    try:
        if delay:
            tasks.process_inbound_task.schedule(args=(inbound_id,), delay=delay)
        else:
            tasks.process_inbound_task(inbound_id)
    except Exception:
        logger.exception("could not queue inbound %s; the sweep will retry", inbound_id)
