"""Fault injection: 500s, 429s and timeouts, none of them recorded as accepted sends."""

from __future__ import annotations

import time
from typing import Any

import pytest
import requests
from twilio.base.exceptions import TwilioRestException

TO = "+447700900123"
FROM = "+447700900000"


def send(client: Any) -> Any:
    return client.messages.create(to=TO, from_=FROM, body="Hello")


@pytest.mark.parametrize(("kind", "status", "code"), [("500", 500, 20500), ("429", 429, 20429)])
def test_error_faults_are_answered_and_not_recorded(twilio, kind, status, code):
    twilio.post("/_emulator/faults", {"kind": kind, "count": 2})
    client = twilio.client()

    for _ in range(2):
        with pytest.raises(TwilioRestException) as caught:
            send(client)
        assert (caught.value.status, caught.value.code) == (status, code)
    sid = send(client).sid  # the count is used up

    counts = twilio.get("/_emulator/counts")
    assert counts["accepted_sends"] == 1
    assert counts["requests"] == {f"fault-{kind}": 2, "accepted": 1}
    assert [m["sid"] for m in twilio.get("/_emulator/messages")["messages"]] == [sid]


def test_rate_limited_answer_carries_retry_after(twilio):
    twilio.post("/_emulator/faults", {"kind": "429", "count": 1})

    response = requests.post(
        f"{twilio.base_url}/2010-04-01/Accounts/{twilio.config.account_sid}/Messages.json",
        data={"To": TO, "From": FROM, "Body": "Hi"},
        auth=(twilio.config.account_sid, twilio.config.auth_token),
        timeout=5,
    )

    assert response.status_code == 429
    assert response.headers["Retry-After"] == "1"


def test_timeout_fault_holds_past_the_client_timeout_then_drops(twilio):
    twilio.post("/_emulator/faults", {"kind": "timeout", "count": 1, "hold": 1.0})
    client = twilio.client(timeout=0.3)

    started = time.monotonic()
    with pytest.raises(requests.exceptions.ReadTimeout):
        send(client)
    assert time.monotonic() - started < 1.0
    send(client)

    counts = twilio.get("/_emulator/counts")
    assert counts["accepted_sends"] == 1
    assert counts["requests"]["fault-timeout"] == 1


def test_timeout_fault_drops_the_connection_without_an_answer(twilio):
    twilio.post("/_emulator/faults", {"kind": "timeout", "count": 1, "hold": 0.2})

    with pytest.raises(requests.exceptions.ConnectionError):
        send(twilio.client(timeout=5))
    assert twilio.get("/_emulator/counts")["accepted_sends"] == 0


def test_a_fault_for_a_duration_ends(twilio):
    twilio.post("/_emulator/faults", {"kind": "500", "duration": 1.0})
    client = twilio.client()

    with pytest.raises(TwilioRestException):
        send(client)
    time.sleep(1.05)
    send(client)
    assert twilio.get("/_emulator/faults")["faults"][0]["active"] is False


def test_a_fraction_of_requests_fail(twilio):
    twilio.post("/_emulator/faults", {"kind": "500", "rate": 0.5})
    client = twilio.client()

    outcomes = []
    for _ in range(40):
        try:
            send(client)
            outcomes.append("ok")
        except TwilioRestException:
            outcomes.append("500")

    assert 5 < outcomes.count("500") < 35
    assert twilio.get("/_emulator/counts")["accepted_sends"] == outcomes.count("ok")


def test_faults_can_target_fetches_only(twilio):
    client = twilio.client()
    sid = send(client).sid
    twilio.post("/_emulator/faults", {"kind": "500", "count": 1, "endpoints": ["fetch"]})

    send(client)
    with pytest.raises(TwilioRestException):
        client.messages(sid).fetch()
    assert client.messages(sid).fetch().sid == sid


def test_clearing_faults(twilio):
    twilio.post("/_emulator/faults", {"kind": "500"})
    requests.delete(twilio.base_url + "/_emulator/faults", timeout=5).raise_for_status()

    send(twilio.client())


@pytest.mark.parametrize(
    "payload",
    [{"kind": "418"}, {"kind": "500", "rate": 2}, {"kind": "500", "endpoints": ["nope"]}],
)
def test_bad_fault_requests_are_refused(twilio, payload):
    response = requests.post(twilio.base_url + "/_emulator/faults", json=payload, timeout=5)

    assert response.status_code == 400
