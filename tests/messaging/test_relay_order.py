"""The relay keeps a conversation's texts in order, whichever worker thread picks them up first."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from django.db import connection
from django.test import TestCase

from messaging import inbound as inbound_service
from messaging.conversation_lock import ConversationBusy, conversation_turn
from messaging.inbound import process_inbound, receive_sms
from messaging.models import InboundMessage, Message
from messaging.statuses import InboundStatus

pytestmark = pytest.mark.django_db

PHONE = "+447700900123"


def text_in(body: str, *, sid: str, phone: str = PHONE) -> InboundMessage:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return receive_sms(provider_id=sid, from_phone=phone, body=body).inbound


def process(inbound: InboundMessage) -> float | None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return process_inbound(inbound_id=inbound.pk)


def said(assistant: Any) -> list[str]:
    return [str(received["message"]) for received in assistant.received]


def statuses(*texts: InboundMessage) -> list[str]:
    return [InboundMessage.objects.get(pk=text.pk).status for text in texts]


@contextmanager
def held_elsewhere(conversation_id: str) -> Iterator[None]:
    """Another worker thread holds the conversation's relay lock for the duration."""
    taken, done = threading.Event(), threading.Event()

    def hold() -> None:
        try:
            with conversation_turn(conversation_id, wait_s=1):
                taken.set()
                done.wait(10)
        finally:
            connection.close()

    thread = threading.Thread(target=hold)
    thread.start()
    assert taken.wait(10)
    try:
        yield
    finally:
        done.set()
        thread.join(10)


def test_a_later_text_picked_up_first_waits_for_the_earlier_one(gateway_settings, fake_queue,
                                                                 assistant):
    first = text_in("I was burgled", sid="SM1")
    second = text_in("what happens next", sid="SM2")
    assert fake_queue.inbound == [first.pk, second.pk]
    assert process(second) is None  # the second text's task ran first
    assert said(assistant) == ["I was burgled", "what happens next"]
    assert process(first) is None  # its own task finds it handled
    assert said(assistant) == ["I was burgled", "what happens next"]
    assert statuses(first, second) == [InboundStatus.RELAYED, InboundStatus.RELAYED]
    assert Message.objects.filter(template="assistant-reply").count() == 2


def test_other_conversations_are_not_held_up(gateway_settings, fake_queue, assistant):
    mine = text_in("hello", sid="SM1")
    theirs = text_in("hi", sid="SM2", phone="+447700900124")
    assert process(theirs) is None
    assert said(assistant) == ["hi"]
    assert statuses(mine, theirs) == [InboundStatus.RECEIVED, InboundStatus.RELAYED]


def test_no_text_overtakes_one_the_assistant_failed(gateway_settings, fake_queue, assistant):
    assistant.status = 503
    first = text_in("hello", sid="SM1")
    assert process(first) is not None
    second = text_in("I need help", sid="SM2")
    assistant.status = 200
    assistant.received.clear()
    # The first text's retry is not due yet: the second brings it along, in order.
    assert process(second) is None
    assert said(assistant) == ["hello", "I need help"]
    assert statuses(first, second) == [InboundStatus.RELAYED, InboundStatus.RELAYED]


def test_after_a_failure_the_later_texts_wait_and_each_gets_the_support_line(
        gateway_settings, fake_queue, assistant):
    first = text_in("hello", sid="SM1")
    second = text_in("I need help", sid="SM2")
    assistant.status = 503
    assert process(second) is not None  # retried later
    assert said(assistant) == ["hello"]  # the second was not sent ahead of the first
    assert statuses(first, second) == [InboundStatus.RELAY_FAILED, InboundStatus.RELAY_FAILED]
    assert fake_queue.inbound[-1] == first.pk  # the first has its own retry
    support = Message.objects.filter(template="assistant-unavailable")
    assert sorted(support.values_list("idempotency_key", flat=True)) == [
        f"assistant-unavailable:{first.pk}", f"assistant-unavailable:{second.pk}"]


def test_an_opt_out_after_a_failed_text_still_opts_out(gateway_settings, fake_queue, assistant):
    assistant.status = 503
    first = text_in("hello", sid="SM1")
    stop = text_in("STOP", sid="SM2")
    assert process(stop) is None
    assert statuses(first, stop) == [InboundStatus.RELAY_FAILED, InboundStatus.OPTED_OUT]
    assert said(assistant) == ["hello"]


def test_a_text_whose_conversation_is_busy_is_tried_again_untouched(
        gateway_settings, fake_queue, assistant, monkeypatch):
    monkeypatch.setattr(inbound_service, "LOCK_WAIT_S", 0.05)
    text = text_in("hello", sid="SM1")
    assert text.recipient is not None
    with held_elsewhere(text.recipient.conversation_id):
        assert process(text) == inbound_service.BUSY_RETRY_S
    assert said(assistant) == []
    assert statuses(text) == [InboundStatus.RECEIVED]
    assert process(text) is None
    assert said(assistant) == ["hello"]


def test_the_lock_is_per_conversation_and_released():
    with held_elsewhere("conversation-a"):
        with pytest.raises(ConversationBusy), conversation_turn("conversation-a", wait_s=0.05):
            pass
        with conversation_turn("conversation-b", wait_s=0.05):
            pass
    with conversation_turn("conversation-a", wait_s=0.05):
        pass
