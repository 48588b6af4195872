"""SMS out through the real twilio library and the Twilio-API emulator, statuses in through
signed callbacks."""

from __future__ import annotations

import pytest

from messaging.models import DeliveryEvent, OptOut
from messaging.statuses import MessageStatus
from tests.messaging.support import forward_all, queue_sms, run_queue

pytestmark = pytest.mark.django_db

STATUS_PATH = "/webhooks/twilio/status/"


def test_the_callback_url_carries_our_id_and_nothing_personal(twilio, fake_queue):
    message = queue_sms()
    run_queue(fake_queue)
    sent = twilio.get("/_emulator/messages")["messages"][0]
    callback = sent.get("status_callback") or sent["params"]["StatusCallback"][0]
    assert callback.endswith(f"/webhooks/twilio/status/{message.pk}")
    assert "7700900123" not in callback


@pytest.mark.parametrize(
    ("outcome", "code", "expected"),
    [
        ("undelivered", 30003, MessageStatus.UNDELIVERED),
        ("failed", 30008, MessageStatus.TECHNICAL_FAILURE),
        ("undelivered", 30006, MessageStatus.PERMANENT_FAILURE),
    ],
)
def test_undelivered_and_failed_outcomes_are_recorded_with_their_codes(
    twilio, bridge, fake_queue, client, outcome, code, expected
):
    twilio.post("/_emulator/outcomes", {"outcome": outcome, "error_code": code})
    message = queue_sms()
    run_queue(fake_queue)
    steps = 2 if outcome == "undelivered" else 1
    forward_all(bridge, client, STATUS_PATH, steps)
    message.refresh_from_db()
    assert message.status == expected
    assert message.error_code == str(code)
    assert message.provider_status == outcome
    last = message.events.filter(kind="callback").last()
    assert last is not None
    assert last.error_code == str(code)


def test_a_forged_or_unsigned_callback_is_refused_and_changes_nothing(twilio, fake_queue, client):
    message = queue_sms()
    run_queue(fake_queue)
    events_before = DeliveryEvent.objects.count()
    url = f"{STATUS_PATH}{message.pk}"
    form = {"MessageSid": message.provider_ref, "MessageStatus": "delivered"}
    unsigned = client.post(url, form)
    forged = client.post(url, form, HTTP_X_TWILIO_SIGNATURE="bm90LWEtc2lnbmF0dXJl")
    assert (unsigned.status_code, forged.status_code) == (403, 403)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENDING
    assert DeliveryEvent.objects.count() == events_before


def test_a_signature_for_another_url_is_refused(twilio, bridge, fake_queue, client):
    first = queue_sms(key="a")
    second = queue_sms(key="b", to="+447700900124")
    run_queue(fake_queue)
    post = bridge.wait(1, STATUS_PATH + str(first.pk))[0]
    post.path = STATUS_PATH + str(second.pk)  # replayed against another message
    assert bridge.forward(client, post).status_code == 403


def test_duplicate_and_out_of_order_callbacks_leave_the_right_final_status(
    twilio, bridge, fake_queue, client
):
    message = queue_sms()
    run_queue(fake_queue)
    sent, delivered = bridge.wait(2, STATUS_PATH)[:2]
    for post in (delivered, sent, delivered, sent):  # late "sent", repeated "delivered"
        assert bridge.forward(client, post).status_code == 204
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED
    ignored = message.events.filter(kind="ignored").count()
    assert ignored == 3


def test_error_21610_records_the_opt_out_and_fails_permanently(twilio, fake_queue):
    twilio.post("/_emulator/optouts", {"number": "+447700900123", "opted_out": True})
    message = queue_sms()
    run_queue(fake_queue)
    message.refresh_from_db()
    assert message.status == MessageStatus.PERMANENT_FAILURE
    assert message.error_code == "21610"
    assert OptOut.objects.filter(recipient=message.recipient, source="provider-21610").exists()
    later = queue_sms(key="later")
    assert later.status == MessageStatus.PERMANENT_FAILURE  # refused before any provider call
    assert fake_queue.sends == []


def test_a_message_with_a_sender_id_goes_out_from_it(twilio, fake_queue):
    from django.test import TestCase

    from messaging.outbound import Content, request_send
    from messaging.statuses import Channel, Origin

    with TestCase.captureOnCommitCallbacks(execute=True):
        request_send(channel=Channel.SMS, to="+447700900123",
                     content=Content(template="leaflet", language="en", text="Your leaflet",
                                     sender="NBPolice"),
                     idempotency_key="sender-1", origin=Origin.OFFICER)
    run_queue(fake_queue)
    sent = twilio.get("/_emulator/messages")["messages"][0]
    assert sent["params"]["From"] == ["NBPolice"]
    assert "MessagingServiceSid" not in sent["params"]
