"""The Notify emulator through the official client: JWTs checked as Notify checks them, Notify's
test recipients, receipts and inbound texts with the bearer token, faults, the page."""

from __future__ import annotations

import json
import time
from typing import Any

import jwt
import pytest
import requests
from notifications_python_client.errors import HTTPError

SMS = "/v2/notifications/sms"


def send_sms(notify: Any, to: str = "+447700900123", **extra: Any) -> dict[str, Any]:
    answer: dict[str, Any] = notify.client().send_sms_notification(
        phone_number=to, template_id=notify.config.sms_template_id,
        personalisation={"body": "Your leaflet"}, reference="ref-1", **extra)
    return answer


def post_with_token(notify: Any, claims: dict[str, Any], secret: str) -> requests.Response:
    token = jwt.encode(claims, secret, algorithm="HS256")
    return requests.post(notify.base_url + SMS, headers={"Authorization": f"Bearer {token}"},
                         json={"phone_number": "07700900123",
                               "template_id": notify.config.sms_template_id,
                               "personalisation": {"body": "x"}}, timeout=5)


def test_a_text_is_accepted_and_its_receipt_carries_the_bearer_token(notify, receiver):
    answer = send_sms(notify)
    assert answer["reference"] == "ref-1"
    assert answer["content"]["body"] == "Your leaflet"
    [receipt] = receiver.wait_for(1, "/receipts")
    assert receipt.headers["Authorization"] == f"Bearer {notify.config.callback_token}"
    body = json.loads(receipt.body)
    assert set(body) == {"id", "reference", "to", "status", "created_at", "completed_at",
                         "sent_at", "notification_type"}
    assert (body["id"], body["status"], body["notification_type"]) == (answer["id"],
                                                                       "delivered", "sms")
    fetched = notify.client().get_notification_by_id(answer["id"])
    assert fetched["status"] == "delivered"
    listed = notify.client().get_all_notifications(reference="ref-1")["notifications"]
    assert [n["id"] for n in listed] == [answer["id"]]


def test_a_token_signed_with_another_secret_is_refused(notify):
    claims = {"iss": notify.config.service_id, "iat": int(time.time())}
    other = "not-the-secret-of-this-service-0123456789"
    assert post_with_token(notify, claims, other).status_code == 403


def test_a_token_for_another_service_is_refused(notify):
    claims = {"iss": "00000000-0000-4000-8000-000000000000", "iat": int(time.time())}
    answer = post_with_token(notify, claims, notify.config.secret)
    assert answer.status_code == 403
    assert answer.json()["errors"][0]["message"] == "Invalid token: service not found"


@pytest.mark.parametrize("skew", [-31 - 30, 31 + 30])
def test_a_token_issued_more_than_30_seconds_away_is_refused(notify, skew):
    claims = {"iss": notify.config.service_id, "iat": int(time.time()) + skew}
    answer = post_with_token(notify, claims, notify.config.secret)
    assert answer.status_code == 403
    assert "30 seconds" in answer.json()["errors"][0]["message"]


def test_no_token_is_401(notify):
    answer = requests.post(notify.base_url + SMS, json={}, timeout=5)
    assert answer.status_code == 401


def test_notifys_smoke_test_numbers_are_accepted_and_never_sent(notify, receiver):
    answer = send_sms(notify, to="07700900111")
    assert notify.client().get_notification_by_id(answer["id"])["status"] == "delivered"
    time.sleep(0.1)
    assert receiver.posts("/receipts") == []


@pytest.mark.parametrize(("address", "status"), [("temp-fail@simulator.notify",
                                                  "temporary-failure"),
                                                 ("perm-fail@simulator.notify",
                                                  "permanent-failure")])
def test_notifys_failing_addresses_fail_as_named(notify, receiver, address, status):
    notify.client().send_email_notification(
        email_address=address, template_id=notify.config.email_template_id,
        personalisation={"subject": "s", "body": "b"})
    [receipt] = receiver.wait_for(1, "/receipts")
    assert json.loads(receipt.body)["status"] == status


def test_validation_errors_are_notifys(notify):
    with pytest.raises(HTTPError) as refused:
        send_sms(notify, to="not a number")
    assert refused.value.status_code == 400
    errors: Any = refused.value.message
    assert errors[0]["error"] == "ValidationError"
    with pytest.raises(HTTPError) as missing:
        notify.client().send_sms_notification(phone_number="07700900123",
                                              template_id=notify.config.sms_template_id)
    errors = missing.value.message
    assert errors[0]["message"] == "Missing personalisation: body"


def test_faults_answer_as_set_then_stop(notify):
    notify.post("/_emulator/faults", {"kind": "429", "count": 1})
    with pytest.raises(HTTPError) as limited:
        send_sms(notify)
    assert limited.value.status_code == 429
    assert send_sms(notify)["id"]


def test_a_lost_receipt_outcome_still_reaches_its_status(notify, receiver):
    notify.post("/_emulator/outcomes", {"to": "+447700900555", "status": "delivered",
                                        "callback": False})
    answer = send_sms(notify, to="+447700900555")
    deadline = time.monotonic() + 3
    while notify.client().get_notification_by_id(answer["id"])["status"] != "delivered":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert receiver.posts("/receipts") == []


def test_an_inbound_text_is_posted_as_notify_posts_it(notify, receiver):
    notify.post("/_emulator/inbound", {"from": "+447700900123", "body": "STOP"})
    [post] = receiver.wait_for(1, "/inbound")
    assert post.headers["Authorization"] == f"Bearer {notify.config.callback_token}"
    body = json.loads(post.body)
    assert set(body) == {"id", "source_number", "destination_number", "message",
                         "date_received"}
    assert (body["source_number"], body["message"]) == ("447700900123", "STOP")


def test_the_page_lists_what_was_sent_escaped_and_healthz_answers(notify):
    notify.client().send_email_notification(
        email_address="a@example.org", template_id=notify.config.email_template_id,
        personalisation={"subject": "<b>hi</b>", "body": "b"})
    page = requests.get(notify.base_url + "/", timeout=5)
    assert "&lt;b&gt;hi&lt;/b&gt;" in page.text
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]
    assert requests.get(notify.base_url + "/healthz", timeout=5).json() == {"status": "ok"}
