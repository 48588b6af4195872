"""Texts in: the emulator's phone posts to the signed inbound webhook; the task handles opt-out
words first, then relays to the (fake) assistant."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import TestCase

from messaging.contacts import ContactError
from messaging.inbound import Sender, process_inbound, sender_of
from messaging.models import InboundMessage, Message, OptOut
from messaging.optouts import is_opted_out
from messaging.statuses import Channel, InboundStatus, MessageStatus, Origin, SenderRange
from tests.messaging.support import queue_sms, run_queue

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


def test_a_translated_stop_opts_out_with_one_confirmation(twilio, bridge, client, fake_queue,
                                                          assistant):
    inbound = text_in(twilio, bridge, client, "Zatrzymaj")
    handle(fake_queue)
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.OPTED_OUT
    confirmation = Message.objects.get()
    assert confirmation.is_opt_out_confirmation
    assert confirmation.language == "pl"
    assert confirmation.status == MessageStatus.QUEUED
    assert queue_sms(key="after").status == MessageStatus.PERMANENT_FAILURE
    process(inbound.pk)  # handled twice: still one confirmation
    assert Message.objects.filter(is_opt_out_confirmation=True).count() == 1
    assert assistant.received == []


def test_start_opts_back_in(twilio, bridge, client, fake_queue, assistant):
    text_in(twilio, bridge, client, "STOP")
    handle(fake_queue)
    inbound = text_in(twilio, bridge, client, "start")
    handle(fake_queue)
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.OPTED_IN
    assert not is_opted_out(recipient=inbound.recipient, channel=Channel.SMS)
    assert OptOut.objects.get().ended_by_keyword == "START"
    assert queue_sms(key="again").status == MessageStatus.QUEUED


def test_a_text_is_relayed_under_an_opaque_id_and_replies_go_out_through_the_gateway(
    twilio, bridge, client, fake_queue, assistant
):
    assistant.replies = ["Hello.", "How can I help?"]
    inbound = text_in(twilio, bridge, client, "hi there")
    handle(fake_queue)
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.RELAYED
    sent = assistant.received[0]
    assert sent == {"sender": inbound.recipient.conversation_id, "message": "hi there"}
    assert "7700900123" not in sent["sender"]
    replies = Message.objects.order_by("created_at")
    assert [m.body_text for m in replies] == ["Hello.", "How can I help?"]
    assert {m.origin for m in replies} == {Origin.ASSISTANT}
    assert len(fake_queue.sends) == 2


def test_yes_from_someone_not_opted_out_goes_to_the_assistant(twilio, bridge, client,
                                                              fake_queue, assistant):
    text_in(twilio, bridge, client, "YES")
    handle(fake_queue)
    assert assistant.received[0]["message"] == "YES"


def test_when_the_assistant_is_down_one_support_text_and_the_message_kept(
    twilio, bridge, client, fake_queue, assistant
):
    from organisations.models import Organisation, OrganisationKind

    Organisation.objects.create(slug="f", name="Force", kind=OrganisationKind.FORCE,
                                support_line_name="Victim Support",
                                support_line_phone="0808 168 9291")
    assistant.status = 500
    inbound = text_in(twilio, bridge, client, "hello")
    retry_in = process(inbound.pk)
    assert retry_in is not None
    assert retry_in > 0
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.RELAY_FAILED
    support = Message.objects.get()
    assert "0808 168 9291" in support.body_text
    assert "999" in support.body_text
    assistant.status = 500
    process(inbound.pk)  # still down: no second apology
    assert Message.objects.count() == 1
    assistant.status = 200
    assert process(inbound.pk) is None
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.RELAYED
    assert Message.objects.count() == 2


def test_a_repeated_inbound_post_is_stored_once(twilio, bridge, client, fake_queue):
    twilio.post("/_emulator/inbound", {"from": PHONE, "body": "hello"})
    post = bridge.wait(1, SMS_PATH)[0]
    assert bridge.forward(client, post).status_code == 200
    assert bridge.forward(client, post).status_code == 200
    assert InboundMessage.objects.count() == 1
    assert len(fake_queue.inbound) == 1


def test_a_forged_or_unsigned_inbound_text_is_refused(twilio, bridge, client, fake_queue):
    twilio.post("/_emulator/inbound", {"from": PHONE, "body": "hello"})
    post = bridge.wait(1, SMS_PATH)[0]
    post.body = post.body.replace(b"hello", b"STOP")
    assert bridge.forward(client, post).status_code == 403
    form = {"MessageSid": "SM123", "From": PHONE, "Body": "STOP"}
    assert client.post(SMS_PATH, form).status_code == 403
    assert not InboundMessage.objects.exists()
    assert fake_queue.inbound == []


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
