"""Two workers sending emails at once on PostgreSQL never wait for each other's rows.

A worker gathering an email burst must skip rows another worker has locked for its own burst:
were it to wait, two such workers would deadlock and PostgreSQL would kill one of the tasks,
leaving its messages for the sweep (40 s and more of delay at 4 workers, benchmarks/throughput.py).
"""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection, transaction

from messaging import sending
from messaging.models import Message, Recipient
from messaging.statuses import Channel, MessageStatus

pytestmark = [pytest.mark.scaled, pytest.mark.django_db(transaction=True)]


def _queued_email(n: int) -> Message:
    recipient = Recipient.objects.create(email=f"burst{n}@example.org")
    return Message.objects.create(
        channel=Channel.EMAIL.value, recipient=recipient, template="t", body_text="hello",
        idempotency_key=f"burst-lock-{n}", origin="officer", status=MessageStatus.QUEUED.value,
    )


def _hold_lock(message_id: uuid.UUID, locked: threading.Event, release: threading.Event) -> None:
    from django.db import connection as thread_connection

    try:
        with transaction.atomic():
            Message.objects.select_for_update().get(pk=message_id)
            locked.set()
            release.wait(timeout=30)
    finally:
        thread_connection.close()


def test_an_email_burst_skips_rows_another_worker_holds() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("row locks need PostgreSQL (the scaled run)")
    held, first = _queued_email(1), _queued_email(2)
    locked, release = threading.Event(), threading.Event()
    holder = threading.Thread(target=_hold_lock, args=(held.pk, locked, release))
    holder.start()
    try:
        assert locked.wait(timeout=10)
        with connection.cursor() as cursor:  # a wait for the held row fails instead of hanging
            cursor.execute("SET lock_timeout = '2s'")
        claimed = sending._claim(str(first.pk))
    finally:
        release.set()
        holder.join(timeout=30)
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
    assert [message.pk for message in claimed] == [first.pk]
    held.refresh_from_db()
    assert held.status == MessageStatus.QUEUED  # left to the worker that holds it
