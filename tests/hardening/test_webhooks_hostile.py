"""Webhooks under hostile input: arbitrary fields and bodies, forged and replayed posts.

No 500s; refused input changes no stored data; a replay changes nothing a first post did not.
"""

from __future__ import annotations

import uuid

import pytest
from django.test import TestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels.email.webhooks import signature as mail_signature
from messaging.inbound import process_inbound
from messaging.models import DeliveryEvent, InboundMessage, Message
from messaging.statuses import MessageStatus
from tests.hardening.hostile import (
    NASTY,
    form_values,
    inbound_params,
    post_twilio,
    snapshot,
    texts,
    twilio_signature,
)
from tests.messaging.support import INBOUND_SECRET, queue_sms

pytestmark = pytest.mark.django_db
SMS = "/webhooks/twilio/sms"
MAIL = "/webhooks/email/inbound"
FUZZ = settings(max_examples=60, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
field_names = st.sampled_from(["MessageSid", "SmsSid", "From", "To", "Body", "MessageStatus",
                               "ErrorCode", "AccountSid", "NumMedia", "x"])


@FUZZ
@given(params=st.dictionaries(field_names, form_values, max_size=8))
def test_unsigned_or_forged_posts_are_refused_and_change_nothing(gateway_settings, client,
                                                                  fake_queue, params):
    before = snapshot()
    status_path = f"/webhooks/twilio/status/{uuid.uuid4()}"
    for path in (SMS, status_path):
        assert post_twilio(client, path, params, sign=False).status_code == 403
        forged = twilio_signature(path, {**params, "Body": "something else"})
        assert post_twilio(client, path, params, signature=forged).status_code == 403
        # Signed for another URL (a replay onto a different endpoint) is refused too.
        other = twilio_signature("/webhooks/twilio/elsewhere", params)
        assert post_twilio(client, path, params, signature=other).status_code == 403
    assert client.post(MAIL, b"From: x", content_type="message/rfc822").status_code == 403
    assert snapshot() == before
    assert fake_queue.inbound == []


@FUZZ
@given(params=st.dictionaries(field_names, form_values, max_size=8))
def test_signed_posts_with_arbitrary_fields_never_fail_with_500(gateway_settings, client,
                                                                 fake_queue, params):
    before = snapshot()
    answer = post_twilio(client, SMS, params)
    assert answer.status_code in (200, 400), answer.content
    if answer.status_code == 400:
        assert answer.content  # says what is wrong
        assert snapshot() == before
    message_id = uuid.uuid4()
    callback = post_twilio(client, f"/webhooks/twilio/status/{message_id}", params)
    assert callback.status_code in (400, 404)


@FUZZ
@given(body=texts)
def test_chat_texts_of_any_kind_are_stored_and_relayed_as_sent(gateway_settings, client,
                                                               fake_queue, assistant, body):
    sid = "SM" + uuid.uuid4().hex
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = post_twilio(client, SMS, inbound_params(sid=sid, body=body))
    assert answer.status_code in (200, 400)
    if answer.status_code == 400:
        assert not InboundMessage.objects.filter(provider_id=sid).exists()
        return
    inbound = InboundMessage.objects.get(provider_id=sid)
    with TestCase.captureOnCommitCallbacks(execute=True):
        process_inbound(inbound_id=inbound.pk)
    inbound.refresh_from_db()
    assert inbound.status in ("relayed", "opted-out", "opted-in", "stored")
    if inbound.status == "relayed":
        assert assistant.received[-1]["message"] == inbound.body


@FUZZ
@given(body=st.one_of(st.binary(max_size=3000), st.sampled_from([n.encode("utf-8", "replace")
                                                                 for n in NASTY])))
def test_signed_mail_of_any_bytes_never_fails_with_500(gateway_settings, client, body):
    answer = client.generic("POST", MAIL, body, content_type="message/rfc822",
                            HTTP_X_SIGNPOST_SIGNATURE=mail_signature(INBOUND_SECRET, body))
    assert answer.status_code == 204


def test_a_replayed_inbound_text_is_stored_and_handled_once(gateway_settings, client,
                                                            fake_queue):
    params = inbound_params(sid="SM" + "a" * 32, body="Hello, I need help")
    with TestCase.captureOnCommitCallbacks(execute=True):
        first = post_twilio(client, SMS, params)
    with TestCase.captureOnCommitCallbacks(execute=True):
        replay = post_twilio(client, SMS, params)
    assert (first.status_code, replay.status_code) == (200, 200)
    assert InboundMessage.objects.count() == 1
    assert len(fake_queue.inbound) == 1


def test_a_replayed_status_callback_cannot_undo_or_repeat_a_status(gateway_settings, client,
                                                                   fake_queue):
    message = queue_sms()
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENT.value,
                                                 provider_ref="SM" + "b" * 32)
    path = f"/webhooks/twilio/status/{message.pk}"
    sent = {"MessageSid": "SM" + "b" * 32, "MessageStatus": "sent"}
    delivered = {**sent, "MessageStatus": "delivered"}
    assert post_twilio(client, path, delivered).status_code == 204
    events = DeliveryEvent.objects.filter(message=message).count()
    for params in (delivered, sent, delivered):  # replays, in and out of order
        assert post_twilio(client, path, params).status_code == 204
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED
    replays = DeliveryEvent.objects.filter(message=message)[events:]
    assert [event.kind for event in replays] == ["ignored"] * 3
