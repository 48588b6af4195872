"""Texts in: the emulator's phone posts to the signed inbound webhook; the task handles opt-out
words first, then relays to the (fake) assistant."""

from __future__ import annotations

from typing import Any

import pytest

from messaging.contacts import ContactError
from messaging.inbound import Sender, sender_of
from messaging.models import InboundMessage, Message
from messaging.optouts import is_opted_out
from messaging.statuses import Channel, InboundStatus, MessageStatus, SenderRange
from tests.messaging.support import queue_sms, run_queue, run_relays

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


def handle(fake_queue: Any) -> None:
    run_relays(fake_queue)


def test_stop_opts_out_before_the_assistant_sees_it(twilio, bridge, client, fake_queue,
                                                    assistant):
    inbound = text_in(twilio, bridge, client, "Stop")
    assert fake_queue.conversations == [inbound.recipient_id]
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
    assert fake_queue.relays == []


@pytest.mark.parametrize("sender", ["+882123456789", "+3712012345", "+4476001234567"])
def test_a_text_from_a_number_libphonenumber_does_not_know_is_answered_and_flagged(
        twilio, bridge, client, fake_queue, assistant, sender):
    """A new range or a foreign number is stored, relayed and answered: never a 400."""
    assistant.replies = ["Hello."]
    inbound = text_in(twilio, bridge, client, "help me", phone=sender)
    assert inbound.sender_range == SenderRange.UNKNOWN
    assert inbound.recipient.phone == sender
    handle(fake_queue)
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.RELAYED
    assert assistant.received[0]["message"] == "help me"
    reply = Message.objects.get()
    assert reply.recipient == inbound.recipient
    run_queue(fake_queue)
    reply.refresh_from_db()
    assert reply.status in (MessageStatus.SENDING, MessageStatus.SENT, MessageStatus.DELIVERED)
    delivered = twilio.get("/_emulator/messages", to=sender)["messages"]
    assert [m["body"] for m in delivered] == ["Hello."]


def test_a_text_from_a_known_number_is_flagged_known(twilio, bridge, client, fake_queue):
    assert text_in(twilio, bridge, client, "hello").sender_range == SenderRange.KNOWN


@pytest.mark.parametrize(("raw", "phone", "known"), [
    ("+447700900123", "+447700900123", SenderRange.KNOWN),
    ("07700 900123", "+447700900123", SenderRange.KNOWN),
    ("+882 123-456 789", "+882123456789", SenderRange.UNKNOWN),
    ("66777", "66777", SenderRange.UNKNOWN),  # a short code
    ("MyBank", "MyBank", SenderRange.UNKNOWN),  # an alphanumeric sender id
])
def test_the_sender_of_a_text(raw, phone, known):
    assert sender_of(raw) == Sender(phone, known)


@pytest.mark.parametrize("raw", ["", "  ", "<script>", "not a phone number at all"])
def test_a_text_without_a_sender_is_still_refused(raw):
    with pytest.raises(ContactError):
        sender_of(raw)
