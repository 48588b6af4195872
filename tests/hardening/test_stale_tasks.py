"""During an outage, an email burst tries every due message at once and queues a retry for each;
the tasks those messages already had are then stale and must not spend another attempt (before
this guard, tasks multiplied and a 15-second SMTP outage used up 15 attempts)."""

from __future__ import annotations

import pytest
import requests
from django.test import TestCase

from messaging.models import Message
from messaging.outbound import Content, request_send
from messaging.sending import deliver
from messaging.statuses import Channel, MessageStatus, Origin

pytestmark = pytest.mark.django_db


def test_a_task_queued_before_a_burst_tried_its_message_does_nothing(sink, fake_queue):
    sink.post("/_sink/outage", {"mode": "421"})
    with TestCase.captureOnCommitCallbacks(execute=True):
        for n in range(3):
            request_send(channel=Channel.EMAIL, to=f"person{n}@example.org",
                         content=Content(template="t", language="en", text="hello", subject="s"),
                         idempotency_key=f"stale-{n}", origin=Origin.OFFICER)
    first, *others = fake_queue.sends  # each message's own task, queued after 0 attempts
    outcome = deliver(message_id=first, after_attempt=0)  # one burst tries all three
    assert sorted(outcome.attempted) == sorted(fake_queue.sends)
    assert set(outcome.attempts.values()) == {1}
    for message_id in others:  # their own tasks come later: stale, they try nothing
        assert deliver(message_id=message_id, after_attempt=0).attempted == []
    assert set(Message.objects.values_list("attempts", flat=True)) == {1}
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.QUEUED}

    requests.delete(sink.base_url + "/_sink/outage", timeout=5)
    for message_id in fake_queue.sends:  # the retries the burst queued, each after attempt 1
        assert deliver(message_id=message_id, after_attempt=1).attempted == [message_id]
    assert set(Message.objects.values_list("status", flat=True)) == {MessageStatus.SENT}
    assert set(Message.objects.values_list("attempts", flat=True)) == {2}
