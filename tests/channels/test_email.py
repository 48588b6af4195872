"""Email out through aiosmtplib to the SMTP sink; bounces back in as signed DSNs."""

from __future__ import annotations

import email
from email import policy
from typing import Any

import pytest
from django.test import TestCase

from channels.email.compose import message_id_from_header
from messaging.models import InboundMessage, Message
from messaging.outbound import Content, request_send
from messaging.statuses import Channel, MessageStatus, Origin
from tests.messaging.support import run_queue

pytestmark = pytest.mark.django_db
INBOUND = "/webhooks/email/inbound"


def queue_email(to: str = "victim@example.org", key: str = "mail-1", language: str = "en") -> Any:
    with TestCase.captureOnCommitCallbacks(execute=True):
        message = request_send(
            channel=Channel.EMAIL, to=to,
            content=Content(template="leaflet", language=language, subject="Your leaflet",
                            text="Hello.\n\nYour leaflet: https://sp.example/l/abc"),
            idempotency_key=key, origin=Origin.OFFICER,
        )
    message.refresh_from_db()
    return message


def test_an_email_goes_out_multipart_with_a_message_id_we_can_match(sink, fake_queue):
    message = queue_email()
    run_queue(fake_queue)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    stored = sink.get("/_sink/messages")["messages"]
    assert len(stored) == 1
    raw = sink.server.base_url + f"/_sink/messages/{stored[0]['id']}/raw"
    import requests

    parsed = email.message_from_bytes(requests.get(raw, timeout=5).content, policy=policy.default)
    assert parsed.get_content_type() == "multipart/alternative"
    types = [part.get_content_type() for part in parsed.iter_parts()]
    assert types == ["text/plain", "text/html"]
    assert message_id_from_header(parsed["Message-ID"]) == str(message.pk)
    assert message.provider_ref == parsed["Message-ID"]
    assert parsed["Content-Language"] == "en"


def test_a_burst_of_emails_goes_out_in_one_task(sink, fake_queue):
    messages = [queue_email(to=f"v{i}@example.org", key=f"burst-{i}") for i in range(3)]
    from messaging.sending import deliver

    outcome = deliver(message_id=fake_queue.sends[0])
    assert len(outcome.attempted) == 3
    run_queue(fake_queue)  # the other tasks find their messages already sent
    assert len(sink.get("/_sink/messages")["messages"]) == 3
    for message in messages:
        message.refresh_from_db()
        assert message.status == MessageStatus.SENT
        assert message.attempts == 1


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("permanent", MessageStatus.PERMANENT_FAILURE),
        ("temporary", MessageStatus.TEMPORARY_FAILURE),
    ],
)
def test_a_bounce_marks_the_message(sink, bridge, client, fake_queue, kind, expected):
    sink.post("/_sink/bounces", {"pattern": "*@gone.example", "kind": kind})
    message = queue_email(to="someone@gone.example")
    run_queue(fake_queue)
    post = bridge.wait(1, INBOUND)[0]
    assert bridge.forward(client, post).status_code == 204
    message.refresh_from_db()
    assert message.status == expected
    assert message.error_code.startswith("5" if kind == "permanent" else "4")


def test_a_refused_recipient_fails_permanently(sink, fake_queue):
    sink.post("/_sink/bounces", {"pattern": "*@gone.example", "mode": "reject"})
    message = queue_email(to="someone@gone.example")
    run_queue(fake_queue)
    message.refresh_from_db()
    assert message.status == MessageStatus.PERMANENT_FAILURE
    assert message.error_code == "550"


def test_a_mail_server_outage_is_retried(sink, fake_queue):
    sink.post("/_sink/outage", {"mode": "421"})
    message = queue_email()
    run_queue(fake_queue)
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert fake_queue.delayed
    assert fake_queue.delayed[0][0] == str(message.pk)
    import requests

    requests.delete(sink.base_url + "/_sink/outage", timeout=5)
    from messaging.sending import deliver

    deliver(message_id=str(message.pk))
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT


def test_a_forged_inbound_mail_is_refused(sink, client):
    raw = b"From: a@example.org\r\nSubject: hi\r\n\r\nhello\r\n"
    answer = client.generic("POST", INBOUND, raw, content_type="message/rfc822",
                            HTTP_X_SIGNPOST_SIGNATURE="00" * 32)
    assert answer.status_code == 403
    unsigned = client.generic("POST", INBOUND, raw, content_type="message/rfc822")
    assert unsigned.status_code == 403
    assert not InboundMessage.objects.exists()


def test_a_signed_reply_is_stored(sink, client, gateway_settings):
    from channels.email.webhooks import signature

    raw = b"From: a@example.org\r\nMessage-ID: <r1@example.org>\r\nSubject: hi\r\n\r\nthanks\r\n"
    answer = client.generic("POST", INBOUND, raw, content_type="message/rfc822",
                            HTTP_X_SIGNPOST_SIGNATURE=signature("test-inbound-secret", raw))
    assert answer.status_code == 204
    stored = InboundMessage.objects.get()
    assert stored.channel == Channel.EMAIL
    assert stored.body.strip() == "thanks"
    assert not Message.objects.exists()


def test_an_email_with_a_force_sender_comes_from_it(sink, fake_queue):
    with TestCase.captureOnCommitCallbacks(execute=True):
        request_send(
            channel=Channel.EMAIL, to="victim@example.org",
            content=Content(template="leaflet", language="en", subject="Your leaflet",
                            text="Hello.", html="<p>Hello.</p>",
                            sender='"Northbridge Police" <victims@police.northbridge.example>'),
            idempotency_key="sender-mail", origin=Origin.OFFICER,
        )
    run_queue(fake_queue)
    stored = sink.get("/_sink/messages")["messages"]
    import requests

    raw = sink.server.base_url + f"/_sink/messages/{stored[0]['id']}/raw"
    parsed = email.message_from_bytes(requests.get(raw, timeout=5).content, policy=policy.default)
    assert parsed["From"] == "Northbridge Police <victims@police.northbridge.example>"
    html = parsed.get_body(preferencelist=("html",))
    assert html is not None
    assert html.get_content().strip() == "<p>Hello.</p>"


def test_a_non_ascii_from_name_is_encoded_for_the_wire():
    from channels.email.compose import build_email
    from messaging.results import OutboundEmail

    mail = OutboundEmail(message_id="6f1c0c1e-0000-4000-8000-000000000000", to="v@example.org",
                         subject="حقوقك", text="نص", html="", language="ar",
                         sender='"شرطة نورثبريدج" <victims@police.northbridge.example>')
    raw = build_email(mail, from_address="signpost@sp.example", domain="sp.example").as_bytes()
    parsed = email.message_from_bytes(raw, policy=policy.default)
    assert parsed["From"].addresses[0].display_name == "شرطة نورثبريدج"
    assert b"=?utf-8?" in raw.split(b"\n\n")[0]


def test_signed_mail_up_to_5_mib_is_taken_and_larger_gets_413(sink, client, gateway_settings):
    """Django's 2.5 MiB form limit used to answer a bare 400 before the webhook's own limit."""
    from channels.email.webhooks import MAX_BODY, signature

    head = b"From: a@example.org\r\nMessage-ID: <big@example.org>\r\nSubject: hi\r\n\r\n"
    for size, expected in ((3 * 1024 * 1024, 204), (MAX_BODY + 1024, 413)):
        raw = head + b"x" * (size - len(head))
        answer = client.generic("POST", INBOUND, raw, content_type="message/rfc822",
                                HTTP_X_SIGNPOST_SIGNATURE=signature("test-inbound-secret", raw))
        assert answer.status_code == expected, size
