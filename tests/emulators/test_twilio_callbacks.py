"""Signed status callbacks, and the outcomes they report."""

from __future__ import annotations

import time
from typing import Any

import pytest
from twilio.request_validator import RequestValidator

from emulators.common.background import wait_until

TO = "+447700900123"
FROM = "+447700900000"
CALLBACK = "/webhooks/twilio/status"


def send(twilio: Any, receiver: Any, to: str = TO, query: str = "?m=42") -> str:
    client = twilio.client()
    message = client.messages.create(
        to=to, from_=FROM, body="Hello", status_callback=receiver.url(CALLBACK + query)
    )
    return str(message.sid)


def test_callbacks_arrive_signed_sent_then_delivered(twilio, receiver):
    sid = send(twilio, receiver)

    posts = receiver.wait_for(2, CALLBACK)
    validator = RequestValidator(twilio.config.auth_token)
    for post in posts:
        assert validator.validate(post.url, post.form, post.headers["X-Twilio-Signature"])
    assert [p.form["MessageStatus"] for p in posts] == ["sent", "delivered"]
    form = posts[-1].form
    assert form["MessageSid"] == form["SmsSid"] == sid
    assert form["SmsStatus"] == "delivered"
    assert (form["To"], form["From"], form["AccountSid"]) == (TO, FROM, twilio.config.account_sid)
    assert form["ApiVersion"] == "2010-04-01"
    assert "ErrorCode" not in form
    assert posts[-1].url.endswith("?m=42")
    assert twilio.client().messages(sid).fetch().status == "delivered"


def test_a_tampered_callback_does_not_validate(twilio, receiver):
    send(twilio, receiver)

    post = receiver.wait_for(1, CALLBACK)[0]
    forged = {**post.form, "MessageStatus": "delivered"}
    validator = RequestValidator(twilio.config.auth_token)
    assert forged != post.form
    assert not validator.validate(post.url, forged, post.headers["X-Twilio-Signature"])


@pytest.mark.parametrize(
    ("rule", "statuses", "error_code"),
    [
        ({"outcome": "undelivered"}, ["sent", "undelivered"], "30003"),
        ({"outcome": "undelivered", "error_code": 30005}, ["sent", "undelivered"], "30005"),
        ({"outcome": "failed"}, ["failed"], "30008"),
        ({"outcome": "failed", "error_code": 21610}, ["failed"], "21610"),
        ({"outcome": "stuck"}, ["sent"], None),
    ],
)
def test_configured_outcomes(twilio, receiver, rule, statuses, error_code):
    twilio.post("/_emulator/outcomes", rule)
    sid = send(twilio, receiver)

    posts = receiver.wait_for(len(statuses), CALLBACK)
    time.sleep(0.1)  # nothing more arrives
    posts = receiver.posts(CALLBACK)
    assert [p.form["MessageStatus"] for p in posts] == statuses
    assert posts[-1].form.get("ErrorCode") == error_code
    message = twilio.client().messages(sid).fetch()
    assert message.status == statuses[-1]
    assert message.error_code == (int(error_code) if error_code else None)


def test_no_callback_outcome_still_moves_the_message_on(twilio, receiver):
    twilio.post("/_emulator/outcomes", {"outcome": "no-callback"})
    sid = send(twilio, receiver)

    client = twilio.client()
    wait_until(lambda: client.messages(sid).fetch().status == "delivered")
    assert receiver.posts(CALLBACK) == []


def test_an_outcome_for_one_number_overrides_the_default(twilio, receiver):
    other = "+447700900999"
    twilio.post("/_emulator/outcomes", {"outcome": "undelivered", "to": other})
    send(twilio, receiver, to=TO, query="?m=1")
    send(twilio, receiver, to=other, query="?m=2")

    posts = receiver.wait_for(4, CALLBACK)
    final = {p.url.rsplit("=", 1)[1]: p.form["MessageStatus"] for p in posts}
    assert final == {"1": "delivered", "2": "undelivered"}


def test_the_outcome_delay_spaces_the_steps(twilio, receiver):
    twilio.post("/_emulator/outcomes", {"outcome": "delivered", "delay": 0.3})
    started = time.monotonic()
    send(twilio, receiver)

    receiver.wait_for(2, CALLBACK)
    assert time.monotonic() - started >= 0.6


def test_callbacks_are_retried_while_our_side_is_down(twilio, receiver):
    receiver.fail_next(2, status=503)
    sid = send(twilio, receiver)

    posts = receiver.wait_for(2, CALLBACK)
    assert [p.form["MessageStatus"] for p in posts] == ["sent", "delivered"]
    hooks = twilio.get("/_emulator/webhooks", message_sid=sid)["webhooks"]
    assert [(h["message_status"], h["attempts"], h["http_status"]) for h in hooks] == [
        ("sent", 3, 200),
        ("delivered", 1, 200),
    ]


def test_a_retried_callback_keeps_its_idempotency_token(twilio, receiver):
    send(twilio, receiver)

    posts = receiver.wait_for(2, CALLBACK)
    tokens = {p.headers["I-Twilio-Idempotency-Token"] for p in posts}
    assert len(tokens) == 2
