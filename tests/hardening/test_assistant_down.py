"""Never silence: whatever state the assistant is in, a victim who texts in gets an answer."""

from __future__ import annotations

import pytest
from django.test import TestCase

from messaging.models import InboundMessage, Message
from messaging.statuses import InboundStatus
from tests.hardening.hostile import inbound_params, post_twilio
from tests.messaging.support import FakeQueue, due_retries, run_relays

pytestmark = pytest.mark.django_db


def text_in(client, body: str) -> InboundMessage:
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert post_twilio(client, "/webhooks/twilio/sms",
                           inbound_params(sid="SM" + "c" * 32, body=body)).status_code == 200
    return InboundMessage.objects.get()


def process(fake_queue: FakeQueue) -> list[float]:
    """Run the relay turns due now; the delays of the retries they scheduled."""
    run_relays(fake_queue)
    return due_retries(fake_queue)


def test_an_assistant_that_answers_with_nothing_still_gets_the_victim_the_support_line(
        gateway_settings, client, fake_queue, assistant):
    assistant.replies = []  # what Rasa returns when its action server is down
    inbound = text_in(client, "I want to be referred")
    assert process(fake_queue) == []
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.RELAYED
    support = Message.objects.get()
    assert support.template == "assistant-unavailable"
    assert "999" in support.body_text


def test_an_assistant_that_is_down_gives_the_support_line_once_then_answers_later(
        gateway_settings, client, fake_queue, assistant):
    assistant.status = 503
    inbound = text_in(client, "Hello")
    assert len(process(fake_queue)) == 1  # a retry is scheduled
    assert len(process(fake_queue)) == 1
    assert list(Message.objects.values_list("template", flat=True)) == ["assistant-unavailable"]
    assistant.status = 200
    assert process(fake_queue) == []
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.RELAYED
    assert sorted(Message.objects.values_list("template", flat=True)) == [
        "assistant-reply", "assistant-unavailable"]
    assert [r["message"] for r in assistant.received] == ["Hello"] * 3
