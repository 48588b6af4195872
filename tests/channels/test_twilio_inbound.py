"""Texts in: the emulator's phone posts to the signed inbound webhook; the task handles opt-out
words first, then relays to the (fake) assistant."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import TestCase

from messaging.inbound import process_inbound
from messaging.models import InboundMessage, Message
from messaging.optouts import is_opted_out
from messaging.statuses import Channel, InboundStatus, MessageStatus
from tests.messaging.support import queue_sms

pytestmark = pytest.mark.django_db

PHONE = "+447700900123"
SMS_PATH = "/webhooks/twilio/sms"


def text_in(twilio: Any, bridge: Any, client: Any, body: str, *, phone: str = PHONE) -> Any:
    """A phone texts the service; the emulator's signed post is handed to Django."""
    before = len(bridge.matching(SMS_PATH))
    twilio.post("/_emulator/inbound", {"from": phone, "body": body})
    post = bridge.wait(before + 1, SMS_PATH)[before]
    answer = bridge.forward(client, post)
    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("text/xml")
    return InboundMessage.objects.latest("pk")


def process(inbound_id: int) -> Any:
    """The task body, with the after-commit queueing of any replies run."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        return process_inbound(inbound_id=inbound_id)


def handle(fake_queue: Any) -> None:
    for inbound_id in list(fake_queue.inbound):
        process(inbound_id)
    fake_queue.inbound.clear()


def test_stop_opts_out_before_the_assistant_sees_it(twilio, bridge, client, fake_queue,
                                                    assistant):
    inbound = text_in(twilio, bridge, client, "Stop")
    assert fake_queue.inbound == [inbound.pk]
    handle(fake_queue)
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.OPTED_OUT
    assert is_opted_out(recipient=inbound.recipient, channel=Channel.SMS)
    assert assistant.received == []
    assert not Message.objects.exists()  # Twilio itself confirms its own words
    blocked = queue_sms()
    assert blocked.status == MessageStatus.PERMANENT_FAILURE
    assert fake_queue.sends == []


def test_a_forged_or_unsigned_inbound_text_is_refused(twilio, bridge, client, fake_queue):
    twilio.post("/_emulator/inbound", {"from": PHONE, "body": "hello"})
    post = bridge.wait(1, SMS_PATH)[0]
    post.body = post.body.replace(b"hello", b"STOP")
    assert bridge.forward(client, post).status_code == 403
    form = {"MessageSid": "SM123", "From": PHONE, "Body": "STOP"}
    assert client.post(SMS_PATH, form).status_code == 403
    assert not InboundMessage.objects.exists()
    assert fake_queue.inbound == []
