"""The relay keeps a conversation's texts in order, and never sends one ahead of a failed one."""

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
from messaging.inbound import receive_sms
from messaging.models import InboundMessage, Message
from messaging.statuses import InboundStatus
from tests.messaging.support import due_retries, run_relays

pytestmark = pytest.mark.django_db

PHONE = "+447700900123"


def text_in(body: str, *, sid: str, phone: str = PHONE) -> InboundMessage:
    with TestCase.captureOnCommitCallbacks(execute=True):
        return receive_sms(provider_id=sid, from_phone=phone, body=body).inbound


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


def test_a_conversations_texts_reach_the_assistant_in_order_one_task_at_a_time(
        gateway_settings, fake_queue, assistant):
    first = text_in("I was burgled", sid="SM1")
    second = text_in("what happens next", sid="SM2")
    assert first.recipient_id == second.recipient_id
    assert fake_queue.conversations == [first.recipient_id]  # one task for both texts
    assert run_relays(fake_queue) == [first.recipient_id] * 2  # one text per turn
    assert said(assistant) == ["I was burgled", "what happens next"]
    assert statuses(first, second) == [InboundStatus.RELAYED, InboundStatus.RELAYED]
    assert Message.objects.filter(template="assistant-reply").count() == 2


def test_conversations_take_turns(gateway_settings, fake_queue, assistant):
    mine = [text_in(f"mine {n}", sid=f"SM{n}") for n in range(3)]
    theirs = text_in("hi", sid="SMT", phone="+447700900124")
    run_relays(fake_queue)
    assert said(assistant) == ["mine 0", "hi", "mine 1", "mine 2"]
    assert statuses(*mine, theirs) == [InboundStatus.RELAYED] * 4


def test_no_text_overtakes_one_the_assistant_failed(gateway_settings, fake_queue, assistant):
    assistant.status = 503
    first = text_in("hello", sid="SM1")
    run_relays(fake_queue)
    assert len(fake_queue.relays) == 1  # the conversation's retry, later
    assert fake_queue.relays[0].delay
    second = text_in("I need help", sid="SM2")
    assistant.status = 200
    assistant.received.clear()
    # The retry is not due yet: the new text brings the failed one along now, in order.
    run_relays(fake_queue)
    assert said(assistant) == ["hello", "I need help"]
    assert statuses(first, second) == [InboundStatus.RELAYED, InboundStatus.RELAYED]
    run_relays(fake_queue)
    due_retries(fake_queue)
    run_relays(fake_queue)  # the replaced retry does nothing
    assert said(assistant) == ["hello", "I need help"]


def test_after_a_failure_the_later_texts_wait_and_each_gets_the_support_line(
        gateway_settings, fake_queue, assistant):
    first = text_in("hello", sid="SM1")
    second = text_in("I need help", sid="SM2")
    assistant.status = 503
    run_relays(fake_queue)
    assert said(assistant) == ["hello"]  # the second was not sent ahead of the first
    assert statuses(first, second) == [InboundStatus.RELAY_FAILED, InboundStatus.RELAY_FAILED]
    assert len(due_retries(fake_queue)) == 1  # one retry, for the conversation
    support = Message.objects.filter(template="assistant-unavailable")
    assert sorted(support.values_list("idempotency_key", flat=True)) == [
        f"assistant-unavailable:{first.pk}", f"assistant-unavailable:{second.pk}"]
    assistant.status = 200
    run_relays(fake_queue)
    assert said(assistant) == ["hello", "hello", "I need help"]
    assert statuses(first, second) == [InboundStatus.RELAYED, InboundStatus.RELAYED]


def test_an_opt_out_after_a_failed_text_still_opts_out(gateway_settings, fake_queue, assistant):
    assistant.status = 503
    first = text_in("hello", sid="SM1")
    stop = text_in("STOP", sid="SM2")
    run_relays(fake_queue)
    assert statuses(first, stop) == [InboundStatus.RELAY_FAILED, InboundStatus.OPTED_OUT]
    assert said(assistant) == ["hello"]


def test_a_turn_whose_conversation_is_busy_is_queued_again_untouched(
        gateway_settings, fake_queue, assistant, monkeypatch):
    monkeypatch.setattr(inbound_service, "LOCK_WAIT_S", 0.05)
    text = text_in("hello", sid="SM1")
    assert text.recipient is not None
    with held_elsewhere(text.recipient.conversation_id):
        run_relays(fake_queue)
    assert said(assistant) == []
    assert statuses(text) == [InboundStatus.RECEIVED]
    assert due_retries(fake_queue) == [inbound_service.BUSY_RETRY_S]
    run_relays(fake_queue)
    assert said(assistant) == ["hello"]


def test_the_lock_is_per_conversation_and_released():
    with held_elsewhere("conversation-a"):
        with pytest.raises(ConversationBusy), conversation_turn("conversation-a", wait_s=0.05):
            pass
        with conversation_turn("conversation-b", wait_s=0.05):
            pass
    with conversation_turn("conversation-a", wait_s=0.05):
        pass
