"""The REST API, driven by the official twilio library through emulators.twilio.client."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
import requests
from twilio.base.exceptions import TwilioRestException

from emulators.twilio.config import DEV_ACCOUNT_SID

TO = "+447700900123"
FROM = "+447700900000"
SERVICE = "MG" + "1" * 32


def test_create_returns_a_message_resource_the_library_parses(twilio):
    message = twilio.client().messages.create(to=TO, from_=FROM, body="Your leaflet: s.pt/abc")

    assert re.fullmatch(r"SM[0-9a-f]{32}", message.sid)
    assert message.account_sid == DEV_ACCOUNT_SID
    assert (message.to, message.from_, message.body) == (TO, FROM, "Your leaflet: s.pt/abc")
    assert message.status == "queued"
    assert message.direction == "outbound-api"
    assert message.num_segments == "1"
    assert isinstance(message.date_created, datetime)
    assert message.error_code is None
    assert message.uri == f"/2010-04-01/Accounts/{DEV_ACCOUNT_SID}/Messages/{message.sid}.json"


def test_accepted_send_is_stored_with_its_form_fields(twilio):
    sid = twilio.client().messages.create(to=TO, from_=FROM, body="Hi", attempt=1).sid

    stored = twilio.get(f"/_emulator/messages/{sid}")
    assert stored["params"]["Body"] == ["Hi"]
    assert stored["params"]["Attempt"] == ["1"]
    assert twilio.get("/_emulator/counts")["accepted_sends"] == 1


def test_fetch_and_list_through_the_library(twilio):
    client = twilio.client()
    first = client.messages.create(to=TO, from_=FROM, body="one").sid
    client.messages.create(to="+447700900456", from_=FROM, body="two")

    assert client.messages(first).fetch().body == "one"
    listed = client.messages.list(to=TO)
    assert [m.sid for m in listed] == [first]
    assert len(client.messages.list(page_size=1)) == 2  # follows next_page_uri


def test_messaging_service_send_is_accepted_without_from(twilio):
    message = twilio.client().messages.create(to=TO, messaging_service_sid=SERVICE, body="Hi")

    assert message.status == "accepted"
    assert message.messaging_service_sid == SERVICE
    assert message.from_ is None


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"From": FROM, "Body": "Hi"}, 21604),
        ({"To": TO, "Body": "Hi"}, 21603),
        ({"To": TO, "From": FROM}, 21602),
        ({"To": "07700900123", "From": FROM, "Body": "Hi"}, 21211),
        ({"To": TO, "From": "not a sender!", "Body": "Hi"}, 21212),
        ({"To": TO, "MessagingServiceSid": "MGnope", "Body": "Hi"}, 21701),
        ({"To": TO, "From": FROM, "Body": "x" * 1601}, 21617),
        ({"To": "+15005550009", "From": FROM, "Body": "Hi"}, 21614),
    ],
)
def test_invalid_sends_are_refused_like_twilio_and_not_recorded(twilio, fields, code):
    response = requests.post(
        f"{twilio.base_url}/2010-04-01/Accounts/{DEV_ACCOUNT_SID}/Messages.json",
        data=fields,
        auth=(DEV_ACCOUNT_SID, twilio.config.auth_token),
        timeout=5,
    )

    assert response.status_code == 400
    error = response.json()
    assert error["code"] == code
    assert error["status"] == 400
    assert error["more_info"] == f"https://www.twilio.com/docs/errors/{code}"
    assert twilio.get("/_emulator/counts")["accepted_sends"] == 0
    assert twilio.get("/_emulator/counts")["requests"] == {"rejected": 1}


def test_library_raises_the_twilio_error_code(twilio):
    with pytest.raises(TwilioRestException) as caught:
        twilio.client().messages.create(to="+44", from_=FROM, body="Hi")

    assert (caught.value.status, caught.value.code) == (400, 21211)
    assert "+44" not in caught.value.msg  # numbers are not echoed into error messages


def test_wrong_credentials_get_401(twilio):
    with pytest.raises(TwilioRestException) as caught:
        twilio.client(auth_token="wrong").messages.create(to=TO, from_=FROM, body="Hi")

    assert (caught.value.status, caught.value.code) == (401, 20003)
    assert twilio.get("/_emulator/counts")["accepted_sends"] == 0


def test_unknown_message_is_404(twilio):
    with pytest.raises(TwilioRestException) as caught:
        twilio.client().messages("SM" + "0" * 32).fetch()

    assert (caught.value.status, caught.value.code) == (404, 20404)


def test_segments_follow_the_encoding(twilio):
    client = twilio.client()

    assert client.messages.create(to=TO, from_=FROM, body="a" * 160).num_segments == "1"
    assert client.messages.create(to=TO, from_=FROM, body="a" * 161).num_segments == "2"
    assert client.messages.create(to=TO, from_=FROM, body="ش" * 71).num_segments == "2"


def test_repeated_sends_are_counted_as_duplicates(twilio):
    client = twilio.client()
    for _ in range(3):
        client.messages.create(to=TO, from_=FROM, body="same text")
    client.messages.create(to=TO, from_=FROM, body="other text")

    counts = twilio.get("/_emulator/counts")
    assert counts["accepted_sends"] == 4
    assert counts["duplicate_sends"] == 2


def test_healthz(twilio):
    assert twilio.get("/healthz") == {"status": "ok"}
