"""Webhooks under hostile input: arbitrary fields and bodies, forged and replayed posts.

No 500s; refused input changes no stored data; a replay changes nothing a first post did not.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from django.test import Client, TestCase
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels.email.webhooks import signature as mail_signature
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
from tests.messaging.support import INBOUND_SECRET, queue_sms, run_relays

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
    assert fake_queue.relays == []


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
    run_relays(fake_queue)
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
    assert len(fake_queue.conversations) == 1


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


# Notify's callbacks: JSON with the force's bearer token.
NOTIFY_STATUS = "/webhooks/notify/status"
NOTIFY_SMS = "/webhooks/notify/sms"
NOTIFY_TOKEN = "hostile-test-callback-token"
NOTIFY_PHONE = "447700900123"


@pytest.fixture
def notify_token(gateway_settings: Any) -> Any:
    gateway_settings.NOTIFY_CALLBACK_TOKEN = NOTIFY_TOKEN
    return gateway_settings


def post_notify(client: Client, path: str, body: object, *, token: str | None = NOTIFY_TOKEN,
                content_type: str = "application/json", raw: bytes | None = None) -> Any:
    data = raw if raw is not None else json.dumps(body).encode()
    headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
    return client.generic("POST", path, data, content_type=content_type, headers=headers)


def notify_inbound(**overrides: object) -> dict[str, object]:
    return {"id": str(uuid.uuid4()), "source_number": NOTIFY_PHONE,
            "destination_number": "07700900000", "message": "Hello",
            "date_received": "2026-12-07T09:00:00.000000Z", **overrides}


def notify_receipt(message_id: object, **overrides: object) -> dict[str, object]:
    return {"id": str(uuid.uuid4()), "reference": str(message_id), "to": NOTIFY_PHONE,
            "status": "delivered", "notification_type": "sms", **overrides}


def assert_refused_quietly(answer: Any, caplog: pytest.LogCaptureFixture, *,
                           status: int) -> None:
    assert answer.status_code == status, answer.content
    assert answer.content  # says what is wrong
    logged = caplog.text
    assert NOTIFY_TOKEN not in logged
    assert NOTIFY_PHONE not in logged


HOSTILE_BODIES = {
    "invalid JSON": b"{not json",
    "not an object": b"[1, 2, 3]",
    "invalid UTF-8": b'{"id": "\xff\xfe"}',
    # Deep, but under the size limit, so the parser itself meets the depth.
    "deep JSON": b"[" * 30_000 + b"]" * 30_000,
    "deep JSON objects": b'{"a":' * 10_000 + b"1" + b"}" * 10_000,
    "NUL bytes": b'{"id": "\x00", "status": "\x00", "source_number": "\x00447700900123"}',
    "escaped NUL": b'{"id": "\\u0000", "status": "deliv\\u0000ered", "message": "\\u0000"}',
    "huge number": b'{"id": ' + b"9" * 5000 + b"}",
    "wrong types": b'{"id": {"a": 1}, "status": ["delivered"], "source_number": 447700900123}',
}


@pytest.mark.parametrize("path", [NOTIFY_STATUS, NOTIFY_SMS])
@pytest.mark.parametrize("token", [None, "", "wrong", "x" * 100_000, NOTIFY_TOKEN + "\x00",
                                   NOTIFY_TOKEN[:-1], "é" * 50])
def test_notify_callbacks_without_the_token_are_refused(notify_token, client, fake_queue, caplog,
                                                        path, token):
    message = queue_sms()
    before = snapshot()
    body = notify_receipt(message.pk) if path == NOTIFY_STATUS else notify_inbound()
    answer = post_notify(client, path, body, token=token)
    assert_refused_quietly(answer, caplog, status=401)
    assert snapshot() == before


@pytest.mark.parametrize("path", [NOTIFY_STATUS, NOTIFY_SMS])
@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded",
                                          "multipart/form-data; boundary=x", ""])
def test_notify_callbacks_of_another_content_type_are_refused(notify_token, client, fake_queue,
                                                              caplog, path, content_type):
    before = snapshot()
    answer = post_notify(client, path, notify_inbound(), content_type=content_type)
    assert_refused_quietly(answer, caplog, status=415)
    assert snapshot() == before
    assert fake_queue.relays == []


@pytest.mark.parametrize("path", [NOTIFY_STATUS, NOTIFY_SMS])
@pytest.mark.parametrize("name", sorted(HOSTILE_BODIES))
def test_notify_callbacks_with_hostile_bodies_answer_400(notify_token, client, fake_queue,
                                                         caplog, path, name):
    before = snapshot()
    answer = post_notify(client, path, None, raw=HOSTILE_BODIES[name])
    assert_refused_quietly(answer, caplog, status=400)
    assert snapshot() == before
    assert fake_queue.relays == []


@pytest.mark.parametrize("path", [NOTIFY_STATUS, NOTIFY_SMS])
@pytest.mark.parametrize("size", [64 * 1024 + 1, 3 * 1024 * 1024])
def test_notify_callbacks_with_huge_bodies_answer_413(notify_token, client, fake_queue, caplog,
                                                      path, size):
    before = snapshot()
    body = notify_inbound(message="A" * size)
    answer = post_notify(client, path, body)
    assert_refused_quietly(answer, caplog, status=413)
    assert snapshot() == before


@FUZZ
@given(fields=st.dictionaries(st.sampled_from(["id", "reference", "status", "notification_type",
                                               "source_number", "message", "to", "x"]),
                              st.one_of(form_values, st.integers(), st.none(), st.booleans(),
                                        st.lists(st.text(max_size=5), max_size=3)),
                              max_size=8))
def test_notify_callbacks_with_arbitrary_fields_never_fail_with_500(notify_token, client,
                                                                    fake_queue, fields):
    for path in (NOTIFY_STATUS, NOTIFY_SMS):
        answer = post_notify(client, path, fields)
        assert answer.status_code in (204, 400, 404), answer.content


def test_a_receipt_for_an_unknown_reference_answers_404_and_stores_nothing(notify_token, client,
                                                                          caplog):
    before = snapshot()
    answer = post_notify(client, NOTIFY_STATUS, notify_receipt(uuid.uuid4()))
    assert_refused_quietly(answer, caplog, status=404)
    assert snapshot() == before


def test_a_replayed_notify_receipt_cannot_undo_or_repeat_a_status(notify_token, client,
                                                                  fake_queue):
    message = queue_sms()
    notification = str(uuid.uuid4())
    Message.objects.filter(pk=message.pk).update(status=MessageStatus.SENDING.value,
                                                 provider_ref=f"notify:{notification}")
    delivered = notify_receipt(message.pk, id=notification)
    sending = {**delivered, "status": "sending"}
    assert post_notify(client, NOTIFY_STATUS, delivered).status_code == 204
    after_first = snapshot()
    for body in (delivered, sending, delivered):  # replays, in and out of order
        assert post_notify(client, NOTIFY_STATUS, body).status_code == 204
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED
    assert snapshot()["Message"] == after_first["Message"]


def test_a_replayed_notify_inbound_text_is_stored_and_handled_once(notify_token, client,
                                                                   fake_queue, caplog):
    body = notify_inbound(message="Hello, I need help")
    with TestCase.captureOnCommitCallbacks(execute=True):
        first = post_notify(client, NOTIFY_SMS, body)
    with TestCase.captureOnCommitCallbacks(execute=True):
        replay = post_notify(client, NOTIFY_SMS, body)
    assert (first.status_code, replay.status_code) == (204, 204)
    assert InboundMessage.objects.count() == 1
    assert len(fake_queue.conversations) == 1
    assert NOTIFY_PHONE not in caplog.text
