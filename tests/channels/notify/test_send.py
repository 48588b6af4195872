"""Texts and emails out through the official Notify client and the Notify emulator, statuses in
through delivery receipts with the bearer token."""

from __future__ import annotations

from typing import Any

import pytest

from messaging.models import Message
from messaging.statuses import MessageStatus
from tests.messaging.support import forward_all, queue_sms, run_queue

pytestmark = pytest.mark.django_db

RECEIPTS = "/webhooks/notify/status"


def sent_to_notify(notify: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = notify.get("/_emulator/notifications")["notifications"]
    return found


def test_the_reference_is_our_id_and_the_template_carries_the_body(notify, bridge, fake_queue,
                                                                  client):
    message = queue_sms()
    run_queue(fake_queue)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENDING
    assert message.provider_ref.startswith("notify:")
    assert (message.encoding, message.segments) == ("GSM-7", 1)
    [sent] = sent_to_notify(notify)
    assert sent["reference"] == str(message.pk)  # our id: nothing personal
    assert sent["body"] == message.body_text  # the template is ((body)) alone
    [answer] = forward_all(bridge, client, RECEIPTS, 1)
    assert answer.status_code == 204
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED
    assert ("callback", "delivered") in list(message.events.values_list("kind", "status"))


@pytest.mark.parametrize(
    ("to", "expected"),
    [
        ("+447700900002", MessageStatus.PERMANENT_FAILURE),
        ("+447700900003", MessageStatus.TEMPORARY_FAILURE),
        ("+33612345678", MessageStatus.SENT),  # international: no receipt beyond "sent"
    ],
)
def test_notifys_test_numbers_end_as_documented(notify, bridge, fake_queue, client, to, expected):
    message = queue_sms(to)
    run_queue(fake_queue)
    forward_all(bridge, client, RECEIPTS, 1)
    message.refresh_from_db()
    assert message.status == expected


def test_a_replayed_receipt_changes_nothing(notify, bridge, fake_queue, client):
    message = queue_sms()
    run_queue(fake_queue)
    [post] = bridge.wait(1, RECEIPTS)
    bridge.forward(client, post)
    events = message.events.count()
    again = bridge.forward(client, post)
    assert again.status_code == 204
    assert message.events.count() == events  # not even an "ignored" event


@pytest.mark.parametrize("header", ["", "Bearer wrong-token", "Basic dev-notify-callback-token"])
def test_a_receipt_without_the_forces_token_is_refused(notify, bridge, fake_queue, client,
                                                       header):
    message = queue_sms()
    run_queue(fake_queue)
    [post] = bridge.wait(1, RECEIPTS)
    post.headers = {k: v for k, v in post.headers.items() if k.lower() != "authorization"}
    if header:
        post.headers["Authorization"] = header
    assert bridge.forward(client, post).status_code == 401
    message.refresh_from_db()
    assert message.status == MessageStatus.SENDING


@pytest.mark.parametrize("kind", ["429", "500", "503"])
def test_rate_limits_and_server_errors_are_retried(notify, fake_queue, kind):
    notify.post("/_emulator/faults", {"kind": kind, "count": 1})
    message = queue_sms()
    run_queue(fake_queue)
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.error_code in {"RateLimitError", "Exception"}
    assert [mid for mid, _ in fake_queue.delayed] == [str(message.pk)]


def test_a_validation_error_is_not_retried(notify, fake_queue, settings):
    settings.NOTIFY_SMS_TEMPLATE_ID = "00000000-0000-4000-8000-000000000000"
    message = queue_sms()
    run_queue(fake_queue)
    message.refresh_from_db()
    assert message.status == MessageStatus.TECHNICAL_FAILURE
    assert message.error_code == "BadRequestError"
    assert fake_queue.delayed == []


def test_a_bad_api_key_is_refused_and_not_retried(notify, fake_queue, settings):
    settings.NOTIFY_API_KEY = settings.NOTIFY_API_KEY[:-4] + "0000"
    message = queue_sms()
    run_queue(fake_queue)
    message.refresh_from_db()
    assert message.status == MessageStatus.TECHNICAL_FAILURE
    assert message.error_code == "AuthError"


def test_a_timeout_is_checked_with_notify_before_any_resend(notify, fake_queue, settings):
    settings.SIGNPOST_PROVIDER_TIMEOUT_S = 0.5
    notify.post("/_emulator/faults", {"kind": "timeout", "count": 1})
    message = queue_sms()
    run_queue(fake_queue)
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.check_provider_first
    # Notify did not take it (the fault held the request): the retry sends it once.
    from messaging.tasks import send_message_task

    send_message_task.call_local(str(message.pk))
    message.refresh_from_db()
    assert message.status == MessageStatus.SENDING
    assert len(sent_to_notify(notify)) == 1


def test_a_resend_after_an_unanswered_attempt_finds_the_first_by_reference(notify, fake_queue):
    message = queue_sms()
    run_queue(fake_queue)
    first = Message.objects.get(pk=message.pk)
    # As if the answer had been lost: no reference recorded, back to queued to be checked.
    Message.objects.filter(pk=first.pk).update(status=MessageStatus.QUEUED, provider_ref="",
                                               check_provider_first=True)
    from messaging.tasks import send_message_task

    send_message_task.call_local(str(message.pk))
    message.refresh_from_db()
    assert message.provider_ref == first.provider_ref
    assert len(sent_to_notify(notify)) == 1  # found, not sent twice


def test_our_rate_limit_holds_back_a_send_over_it(notify, fake_queue, settings):
    settings.NOTIFY_RATE_PER_MINUTE = 1
    queue_sms(key="a")
    second = queue_sms(key="b")
    run_queue(fake_queue)
    second.refresh_from_db()
    assert second.status == MessageStatus.QUEUED
    assert "our rate limit" in second.events.last().detail
    assert len(sent_to_notify(notify)) == 1


def test_an_email_goes_through_notifys_email_template(notify, bridge, fake_queue, client):
    from django.test import TestCase

    from messaging.outbound import Content, request_send
    from messaging.statuses import Channel, Origin

    with TestCase.captureOnCommitCallbacks(execute=True):
        message = request_send(
            channel=Channel.EMAIL, to="victim@example.org",
            content=Content(template="leaflet", language="en", text="Your leaflet: https://x/l/a",
                            subject="Your leaflet"),
            idempotency_key="mail-1", origin=Origin.OFFICER,
        )
    run_queue(fake_queue)
    [sent] = sent_to_notify(notify)
    assert (sent["type"], sent["subject"], sent["reference"]) == ("email", "Your leaflet",
                                                                  str(message.pk))
    forward_all(bridge, client, RECEIPTS, 1)
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED
