"""Texts in through Notify's inbound-SMS callback: the same gateway entry point as Twilio's, so
opt-out words and the assistant work the same; Notify itself handles no STOP."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import TestCase

from messaging.inbound import process_inbound
from messaging.models import InboundMessage, Message
from messaging.optouts import is_opted_out
from messaging.statuses import Channel, InboundStatus, MessageStatus
from tests.messaging.support import queue_sms

pytestmark = pytest.mark.django_db

SMS_PATH = "/webhooks/notify/sms"


def text_in(notify: Any, bridge: Any, client: Any, body: str) -> Any:
    before = len(bridge.matching(SMS_PATH))
    notify.post("/_emulator/inbound", {"from": "+447700900123", "body": body})
    post = bridge.wait(before + 1, SMS_PATH)[before]
    assert json.loads(post.body)["source_number"] == "447700900123"  # as Notify sends it
    assert bridge.forward(client, post).status_code == 204
    return post


def handle(fake_queue: Any) -> None:
    for inbound_id in list(fake_queue.inbound):
        with TestCase.captureOnCommitCallbacks(execute=True):
            process_inbound(inbound_id=inbound_id)
    fake_queue.inbound.clear()


def test_stop_opts_out_and_we_confirm_it_ourselves(notify, bridge, client, fake_queue,
                                                   assistant):
    text_in(notify, bridge, client, "STOP")
    handle(fake_queue)
    inbound = InboundMessage.objects.get()
    assert inbound.status == InboundStatus.OPTED_OUT
    assert inbound.provider_id.startswith("notify:")
    assert inbound.recipient is not None
    assert is_opted_out(recipient=inbound.recipient, channel=Channel.SMS)
    confirmation = Message.objects.get()  # Notify sends none: ours is the only one
    assert confirmation.is_opt_out_confirmation
    assert queue_sms(key="after").status == MessageStatus.PERMANENT_FAILURE
    assert assistant.received == []


def test_a_text_reaches_the_assistant_and_a_replay_is_stored_once(notify, bridge, client,
                                                                  fake_queue, assistant):
    post = text_in(notify, bridge, client, "hello")
    assert bridge.forward(client, post).status_code == 204  # Notify retried its callback
    assert InboundMessage.objects.count() == 1
    handle(fake_queue)
    assert [r["message"] for r in assistant.received] == ["hello"]
    reply = Message.objects.get()
    assert reply.recipient.phone == "+447700900123"


def test_an_inbound_text_without_the_token_is_refused(notify, bridge, client):
    notify.post("/_emulator/inbound", {"from": "+447700900123", "body": "hi"})
    [post] = bridge.wait(1, SMS_PATH)
    post.headers = {k: v for k, v in post.headers.items() if k.lower() != "authorization"}
    assert bridge.forward(client, post).status_code == 401
    assert not InboundMessage.objects.exists()
