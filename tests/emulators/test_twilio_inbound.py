"""Phones texting in: signed inbound webhooks, STOP/START handling, TwiML replies."""

from __future__ import annotations

from typing import Any

import pytest
import requests
from twilio.base.exceptions import TwilioRestException
from twilio.request_validator import RequestValidator

PHONE = "+447700900123"
SERVICE = "+447700900000"
INBOUND = "/webhooks/twilio/sms"


def text_in(twilio: Any, body: str, phone: str = PHONE) -> Any:
    return twilio.post("/_emulator/inbound", {"from": phone, "body": body})


def test_inbound_text_is_posted_signed_like_twilio(twilio, receiver):
    result = text_in(twilio, "I need help")

    post = receiver.posts(INBOUND)[0]
    assert result["webhook"] == {"ok": True, "status": 200, "attempts": 1, "error": None}
    assert post.url == twilio.config.inbound_sms_url
    assert RequestValidator(twilio.config.auth_token).validate(
        twilio.config.inbound_sms_url, post.form, post.headers["X-Twilio-Signature"]
    )
    form = post.form
    assert form["MessageSid"] == form["SmsSid"] == form["SmsMessageSid"] == result["sid"]
    assert (form["From"], form["To"], form["Body"]) == (PHONE, SERVICE, "I need help")
    assert form["AccountSid"] == twilio.config.account_sid
    assert (form["NumMedia"], form["NumSegments"], form["SmsStatus"]) == ("0", "1", "received")


def test_a_phone_replies_to_the_number_that_texted_it(twilio, receiver):
    twilio.client().messages.create(to=PHONE, from_="+447700900555", body="Your leaflet")

    text_in(twilio, "thanks")

    assert receiver.posts(INBOUND)[0].form["To"] == "+447700900555"


def test_inbound_is_retried_while_our_side_is_down(twilio, receiver):
    receiver.fail_next(2, status=502)

    result = text_in(twilio, "hello?")

    assert result["webhook"]["attempts"] == 3
    assert len(receiver.posts(INBOUND)) == 1


def test_stop_opts_the_phone_out_until_start(twilio, receiver):
    client = twilio.client()
    assert text_in(twilio, "Stop")["keyword"] == "opt-out"

    with pytest.raises(TwilioRestException) as caught:
        client.messages.create(to=PHONE, from_=SERVICE, body="Hello again")
    assert (caught.value.status, caught.value.code) == (400, 21610)
    assert receiver.posts(INBOUND)[0].form["Body"] == "Stop"  # still passed on to Signpost

    assert text_in(twilio, "START")["keyword"] == "opt-in"
    client.messages.create(to=PHONE, from_=SERVICE, body="Hello again")
    counts = twilio.get("/_emulator/counts")
    assert counts["accepted_sends"] == 1
    assert counts["requests"]["rejected"] == 1


@pytest.mark.parametrize(
    "word", ["STOP", "unsubscribe", "End", "QUIT", "STOPALL", "REVOKE", "OPTOUT", "cancel"]
)
def test_every_opt_out_word(twilio, word):
    text_in(twilio, word)

    phones = twilio.get("/_emulator/phones")["phones"]
    assert phones[0]["opted_out"] is True


def test_only_a_single_word_opts_out(twilio):
    result = text_in(twilio, "please stop texting me")

    assert result["keyword"] is None
    assert twilio.get("/_emulator/phones")["phones"][0]["opted_out"] is False


def test_keywords_get_twilios_automatic_reply(twilio):
    text_in(twilio, "STOP")

    replies = twilio.get("/_emulator/messages", direction="outbound-reply")["messages"]
    assert len(replies) == 1
    assert replies[0]["body"].startswith("You have successfully been unsubscribed")
    assert replies[0]["to_number"] == PHONE


def test_twiml_message_replies_are_recorded(twilio, receiver):
    receiver.reply = (
        "text/xml",
        '<?xml version="1.0"?><Response><Message>Reply 1 for English</Message></Response>',
    )

    assert text_in(twilio, "hello")["replies"] == 1

    replies = twilio.get("/_emulator/messages", direction="outbound-reply")["messages"]
    assert [r["body"] for r in replies] == ["Reply 1 for English"]


def test_inbound_needs_a_number_and_a_body(twilio):
    for payload in ({"from": "07700900123", "body": "x"}, {"from": PHONE}):
        response = requests.post(twilio.base_url + "/_emulator/inbound", json=payload, timeout=5)
        assert response.status_code == 400
