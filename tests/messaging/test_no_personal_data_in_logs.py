"""No phone number, email address or message body reaches a log line."""

from __future__ import annotations

import logging

import pytest

from tests.messaging.support import forward_all, queue_sms, run_queue

pytestmark = pytest.mark.django_db
SECRET_BODY = "Secret body words 123"


def test_a_whole_sms_round_trip_logs_nothing_personal(sms_provider, bridge, fake_queue, client,
                                                      caplog):
    caplog.set_level(logging.DEBUG)
    message = queue_sms(text=SECRET_BODY)
    run_queue(fake_queue)
    forward_all(bridge, client, sms_provider.receipt_prefix(message),
                sms_provider.receipts_when_delivered)
    sms_provider.text_in(bridge, client, "+447700900123", SECRET_BODY)
    ours = [r for r in caplog.records if r.name.startswith(
        ("messaging", "channels", "twilio", "notifications_python_client", "urllib3"))]
    assert ours, "expected some log lines from the gateway"
    text = "\n".join(r.getMessage() for r in ours)
    assert "7700900123" not in text
    assert SECRET_BODY not in text
    assert str(message.pk) in text


def test_email_sends_log_nothing_personal(sink, fake_queue, caplog):
    from django.test import TestCase

    from messaging.outbound import Content, request_send
    from messaging.statuses import Channel, Origin

    caplog.set_level(logging.DEBUG)
    sink.post("/_sink/outage", {"mode": "421"})
    with TestCase.captureOnCommitCallbacks(execute=True):
        request_send(channel=Channel.EMAIL, to="private.person@example.org",
                     content=Content(template="t", language="en", text=SECRET_BODY,
                                     subject="s"),
                     idempotency_key="k", origin=Origin.OFFICER)
    run_queue(fake_queue)
    ours = [r for r in caplog.records if r.name.startswith(("messaging", "channels"))]
    text = "\n".join(r.getMessage() for r in ours)
    assert "private.person" not in text
    assert SECRET_BODY not in text
