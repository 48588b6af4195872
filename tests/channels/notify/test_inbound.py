"""Texts in through Notify's inbound-SMS callback, as Notify posts it (opt-out words and the
assistant, the same for every provider, are in tests/channels/test_gateway_sms.py)."""

from __future__ import annotations

import json
from typing import Any

import pytest

from messaging.models import InboundMessage

pytestmark = pytest.mark.django_db

SMS_PATH = "/webhooks/notify/sms"


def text_in(notify: Any, bridge: Any, client: Any, body: str) -> Any:
    before = len(bridge.matching(SMS_PATH))
    notify.post("/_emulator/inbound", {"from": "+447700900123", "body": body})
    post = bridge.wait(before + 1, SMS_PATH)[before]
    assert json.loads(post.body)["source_number"] == "447700900123"  # as Notify sends it
    assert bridge.forward(client, post).status_code == 204
    return post


def test_a_text_in_is_stored_under_notifys_id(notify, bridge, client, fake_queue):
    text_in(notify, bridge, client, "hello")
    inbound = InboundMessage.objects.get()
    assert inbound.provider_id.startswith("notify:")
    assert inbound.recipient is not None
    assert inbound.recipient.phone == "+447700900123"
    assert fake_queue.conversations == [inbound.recipient_id]


def test_an_inbound_text_without_the_token_is_refused(notify, bridge, client):
    notify.post("/_emulator/inbound", {"from": "+447700900123", "body": "hi"})
    [post] = bridge.wait(1, SMS_PATH)
    post.headers = {k: v for k, v in post.headers.items() if k.lower() != "authorization"}
    assert bridge.forward(client, post).status_code == 401
    assert not InboundMessage.objects.exists()
