"""Huey tasks: each parses its arguments, calls one service function, and schedules what follows."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from messaging import inbound, polling, queue, sending, sweep


@db_task()  # type: ignore[untyped-decorator]  # huey ships no types
def send_message_task(message_id: str, after_attempt: int | None = None) -> None:
    outcome = sending.deliver(message_id=message_id, after_attempt=after_attempt)
    for retry_id, delay in outcome.retry_in.items():
        queue.enqueue_send(retry_id, delay=delay, after_attempt=outcome.attempts[retry_id])


# Ahead of queued sends: a victim's text never waits behind a backlog of officers' sends; a
# conversation with a danger text waiting goes ahead of the other conversations.
RELAY_PRIORITY = 10  # Huey runs higher first (FIFO within one); tasks without one count as 0
URGENT_PRIORITY = 20


@db_task(priority=RELAY_PRIORITY)  # type: ignore[untyped-decorator]
def relay_conversation_task(recipient_id: int, token: str) -> None:
    inbound.relay_turn(recipient_id=recipient_id, token=token)


# Tasks queued by an earlier release, one per text: the text's conversation takes its turn.
@db_task(priority=RELAY_PRIORITY)  # type: ignore[untyped-decorator]
def process_inbound_task(inbound_id: int) -> None:
    inbound.queue_conversation_of(inbound_id=inbound_id)


@db_periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
def sweep_task() -> None:
    sweep.sweep()


# Every minute: at most a batch of status requests per provider a minute.
@db_periodic_task(crontab(minute="*"))  # type: ignore[untyped-decorator]
def poll_task() -> None:
    polling.poll_in_flight()
