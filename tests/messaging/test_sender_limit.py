"""Fair inbound handling: one number flooding the assistant is capped (its texts stored, one
"slow down" reply, then silence) while another sender's texts are relayed and answered."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import TestCase

from messaging.inbound import receive_sms
from messaging.models import InboundMessage, Message
from messaging.statuses import InboundStatus
from tests.messaging.support import run_relays

pytestmark = pytest.mark.django_db

FLOODER, VICTIM = "+447700900111", "+447700900222"


def text_in(body: str, *, sid: str, phone: str) -> InboundMessage:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return receive_sms(provider_id=sid, from_phone=phone, body=body).inbound


def drain(fake_queue: Any) -> None:
    run_relays(fake_queue)


def sent_to(phone: str) -> list[str]:
    return [message.template for message in Message.objects.filter(
        recipient__phone_index__isnull=False).order_by("pk") if message.recipient
        and message.recipient.phone == phone]


def test_a_flood_is_stored_and_capped_while_another_sender_is_answered(
        gateway_settings: Any, fake_queue: Any, assistant: Any) -> None:
    gateway_settings.SIGNPOST_INBOUND_PER_SENDER = 10
    for n in range(200):
        text_in(f"spam n{n}", sid=f"SMF{n}", phone=FLOODER)
        if n == 100:
            text_in("I was burgled, what now?", sid="SMV1", phone=VICTIM)
    text_in("STOP", sid="SMF-stop", phone=FLOODER)  # never limited
    text_in("and my car was damaged", sid="SMV2", phone=VICTIM)
    # Only what is within the limits waits for the assistant: the flood costs it 10 relays.
    assert InboundMessage.objects.filter(status=InboundStatus.RECEIVED).count() == 10 + 2 + 1
    drain(fake_queue)

    flooder = InboundMessage.objects.filter(recipient__phone_index__isnull=False,
                                            provider_id__startswith="SMF")
    assert flooder.count() == 201  # every text kept
    assert flooder.filter(status=InboundStatus.STORED).count() == 190
    assert flooder.filter(status=InboundStatus.RELAYED).count() == 10
    assert sent_to(FLOODER).count("assistant-reply") == 10
    assert sent_to(FLOODER).count("inbound-slow-down") == 1
    said = [str(post["message"]) for post in assistant.received]
    assert [text for text in said if not text.startswith("spam")] == [
        "I was burgled, what now?", "and my car was damaged"]
    assert sent_to(VICTIM) == ["assistant-reply", "assistant-reply"]
    assert InboundMessage.objects.get(provider_id="SMF-stop").status == InboundStatus.OPTED_OUT


def test_a_danger_text_past_the_limit_still_gets_the_999_reply(
        gateway_settings: Any, fake_queue: Any, assistant: Any) -> None:
    gateway_settings.SIGNPOST_INBOUND_PER_SENDER = 3
    for n in range(6):
        text_in(f"spam n{n}", sid=f"SMF{n}", phone=FLOODER)
    assistant.replies = ["If you are in danger now, call 999."]
    danger = text_in("he is at my door with a knife", sid="SMF-danger", phone=FLOODER)
    drain(fake_queue)

    danger.refresh_from_db()
    assert danger.status == InboundStatus.RELAYED
    # Relayed ahead of the sender's three earlier texts still waiting.
    assert [str(post["message"]) for post in assistant.received] == [
        "he is at my door with a knife", "spam n0", "spam n1", "spam n2"]
    reply = Message.objects.get(idempotency_key=f"assistant-reply:{danger.pk}:0")
    assert "999" in reply.body_text
    assert sent_to(FLOODER).count("inbound-slow-down") == 1
