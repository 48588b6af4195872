"""Settings, control-API housekeeping, and what the emulator logs."""

from __future__ import annotations

import logging

import requests

from emulators.twilio.config import DEV_ACCOUNT_SID, parse_args

PHONE = "+447700900123"
BODY = "Secret leaflet text"


def test_arguments_win_over_environment_over_defaults():
    env = {"EMULATOR_TWILIO_PORT": "9001", "EMULATOR_TWILIO_DB": "var/x.sqlite3"}

    assert parse_args([], {}).port == 8010
    assert parse_args([], env).port == 9001
    assert parse_args(["--port", "9002"], env).port == 9002
    assert parse_args([], env).db_path == "var/x.sqlite3"
    assert parse_args([], {}).account_sid == DEV_ACCOUNT_SID
    assert len(DEV_ACCOUNT_SID) == 34
    assert parse_args([], {"TWILIO_AUTH_TOKEN": "t"}).auth_token == "t"
    assert parse_args([], {"SIGNPOST_INBOUND_SMS_URL": "http://x/y"}).inbound_sms_url == (
        "http://x/y"
    )


def test_reset_forgets_everything(twilio):
    twilio.client().messages.create(to=PHONE, from_="+447700900000", body=BODY)
    twilio.post("/_emulator/faults", {"kind": "500"})
    twilio.post("/_emulator/outcomes", {"outcome": "failed"})

    twilio.post("/_emulator/reset", {})

    assert twilio.get("/_emulator/messages")["messages"] == []
    assert twilio.get("/_emulator/faults")["faults"] == []
    assert twilio.get("/_emulator/outcomes")["default"]["outcome"] == "delivered"
    assert twilio.get("/_emulator/counts")["accepted_sends"] == 0


def test_bad_outcome_requests_are_refused(twilio):
    for payload in ({"outcome": "lost"}, {"outcome": "failed", "error_code": 1}, {"to": "123"}):
        response = requests.post(twilio.base_url + "/_emulator/outcomes", json=payload, timeout=5)
        assert response.status_code == 400


def test_logs_carry_no_numbers_or_bodies(twilio, receiver, caplog):
    caplog.set_level(logging.DEBUG, logger="emulators")
    caplog.set_level(logging.DEBUG, logger="aiohttp.access")
    client = twilio.client()
    sid = client.messages.create(
        to=PHONE, from_="+447700900000", body=BODY, status_callback=receiver.url("/status")
    ).sid
    client.messages.list(to=PHONE)
    twilio.post("/_emulator/inbound", {"from": PHONE, "body": BODY})
    receiver.wait_for(2, "/status")
    requests.get(twilio.base_url + "/_emulator/messages", params={"to": PHONE}, timeout=5)

    emulator_lines = [
        r.getMessage() for r in caplog.records if r.name.startswith(("emulators", "aiohttp"))
    ]
    assert any(sid in line for line in emulator_lines)
    for line in emulator_lines:
        assert "7700900123" not in line
        assert BODY not in line
