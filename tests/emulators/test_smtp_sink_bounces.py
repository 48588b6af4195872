"""Bounces (RFC 3464 DSNs, or refusals at RCPT time) and outages, driven with aiosmtplib."""

from __future__ import annotations

import hashlib
import hmac
from email import message_from_bytes, policy
from typing import Any

import aiosmtplib
import pytest
import requests

INBOUND = "/webhooks/email/inbound"


def delivery_status(dsn: Any) -> list[dict[str, str]]:
    """The per-message and per-recipient field blocks of a DSN's delivery-status part."""
    [part] = [p for p in dsn.walk() if p.get_content_type() == "message/delivery-status"]
    return [dict(block.items()) for block in part.get_payload()]


def test_permanent_bounce_sends_a_dsn_with_the_original_message_id(sink, make_mail, receiver):
    sink.post("/_sink/bounces", {"pattern": "*@gone.example.test"})

    sink.send(make_mail(to="victim@gone.example.test"))

    [post] = receiver.wait_for(1, INBOUND)
    expected = hmac.new(b"test-secret", post.body, hashlib.sha256).hexdigest()
    assert post.headers["X-Signpost-Signature"] == expected
    assert post.headers["Content-Type"] == "message/rfc822"
    dsn = message_from_bytes(post.body, policy=policy.default)
    assert dsn.get_content_type() == "multipart/report"
    assert dsn.get_param("report-type") == "delivery-status"
    assert dsn["To"] == "bounces@signpost.test"
    assert dsn["Auto-Submitted"] == "auto-replied"
    per_message, per_recipient = delivery_status(dsn)
    assert per_message["Reporting-MTA"] == "dns; sink.signpost.test"
    assert per_recipient["Final-Recipient"] == "rfc822; victim@gone.example.test"
    assert per_recipient["Action"] == "failed"
    assert per_recipient["Status"] == "5.1.1"
    assert per_recipient["Diagnostic-Code"].startswith("smtp; 550 5.1.1")
    [headers] = [p for p in dsn.walk() if p.get_content_type() == "text/rfc822-headers"]
    assert "Message-ID: <leaflet-123@signpost.test>" in headers.get_content()
    kinds = [m["kind"] for m in sink.get("/_sink/messages")["messages"]]
    assert kinds == ["dsn", "mail"]


def test_temporary_failure_sends_a_delayed_dsn(sink, make_mail, receiver):
    sink.post(
        "/_sink/bounces", {"pattern": "full@example.test", "kind": "temporary", "status": "4.2.2"}
    )

    sink.send(make_mail(to="full@example.test"))

    [post] = receiver.wait_for(1, INBOUND)
    dsn = message_from_bytes(post.body, policy=policy.default)
    _, per_recipient = delivery_status(dsn)
    assert per_recipient["Action"] == "delayed"
    assert per_recipient["Status"] == "4.2.2"
    assert "Will-Retry-Until" in per_recipient
    assert dsn["Subject"].startswith("Delayed Mail")


def test_only_matching_recipients_are_reported(sink, make_mail, receiver):
    sink.post("/_sink/bounces", {"address": "Gone@Example.test"})
    message = make_mail(to="gone@example.test")
    message["Cc"] = "fine@example.test"

    sink.send(message)

    [post] = receiver.wait_for(1, INBOUND)
    recipients = delivery_status(message_from_bytes(post.body, policy=policy.default))[1:]
    assert [r["Final-Recipient"] for r in recipients] == ["rfc822; gone@example.test"]


def test_reject_mode_refuses_the_recipient_during_smtp(sink, make_mail, receiver):
    sink.post("/_sink/bounces", {"pattern": "nobody@example.test", "mode": "reject"})

    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as caught:
        sink.send(make_mail(to="nobody@example.test"))

    assert caught.value.recipients[0].code == 550
    assert sink.get("/_sink/counts")["messages"] == 0
    assert receiver.posts(INBOUND) == []


def test_dsn_relay_is_retried_while_our_side_is_down(sink, make_mail, receiver):
    sink.post("/_sink/bounces", {"pattern": "*@gone.example.test"})
    receiver.fail_next(1, status=500)

    sink.send(make_mail(to="x@gone.example.test"))

    receiver.wait_for(1, INBOUND)
    assert sink.get("/_sink/counts")["dsn"] == 1


@pytest.mark.parametrize(
    "payload",
    [
        {},
        {"pattern": "x@y.test", "kind": "permanent", "status": "4.2.2"},
        {"pattern": "x@y.test", "kind": "temporary", "status": "5.1.1"},
        {"pattern": "x@y.test", "mode": "silently"},
    ],
)
def test_bad_bounce_rules_are_refused(sink, payload):
    response = requests.post(sink.base_url + "/_sink/bounces", json=payload, timeout=5)

    assert response.status_code == 400


def test_outage_421_then_back(sink, make_mail):
    sink.post("/_sink/outage", {"mode": "421"})

    with pytest.raises(aiosmtplib.SMTPConnectResponseError) as caught:
        sink.send(make_mail())
    assert caught.value.code == 421

    sink.delete("/_sink/outage")
    sink.send(make_mail())
    assert sink.get("/_sink/counts")["mail"] == 1


def test_outage_refusing_connections_then_back(sink, make_mail):
    sink.post("/_sink/outage", {"mode": "refuse"})

    with pytest.raises(aiosmtplib.SMTPConnectError):
        sink.send(make_mail())
    assert sink.get("/_sink/outage") == {"outage": "refuse"}

    sink.delete("/_sink/outage")
    sink.send(make_mail())
    assert sink.get("/_sink/counts")["mail"] == 1
