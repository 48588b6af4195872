"""The phone simulator's pages: opaque URLs, escaped text, replies through a form."""

from __future__ import annotations

import re

import requests

PHONE = "+447700900123"


def test_phones_are_linked_by_opaque_id_never_by_number(twilio):
    twilio.client().messages.create(to=PHONE, from_="+447700900000", body="Your leaflet")

    page = requests.get(twilio.base_url + "/", timeout=5)

    assert page.status_code == 200
    assert PHONE in page.text
    links = re.findall(r'href="([^"]+)"', page.text)
    phone_links = [link for link in links if link.startswith("/phones/")]
    assert len(phone_links) == 1
    assert "7700900123" not in phone_links[0]
    assert "script" not in page.text.lower()
    assert page.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_conversation_page_escapes_message_text(twilio):
    twilio.client().messages.create(
        to=PHONE, from_="+447700900000", body="<script>alert(1)</script> & more"
    )
    phone_id = twilio.get("/_emulator/phones")["phones"][0]["id"]

    page = requests.get(f"{twilio.base_url}/phones/{phone_id}", timeout=5).text

    assert "<script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in page


def test_reply_form_posts_to_our_webhook_and_shows_newest_last(twilio, receiver):
    twilio.client().messages.create(to=PHONE, from_="+447700900000", body="first")
    phone_id = twilio.get("/_emulator/phones")["phones"][0]["id"]

    response = requests.post(
        f"{twilio.base_url}/phones/{phone_id}/reply",
        data={"body": "second"},
        timeout=5,
        allow_redirects=False,
    )

    assert response.status_code == 303
    assert response.headers["Location"] == f"/phones/{phone_id}?webhook=200"
    assert receiver.posts("/webhooks/twilio/sms")[0].form["Body"] == "second"
    page = requests.get(twilio.base_url + response.headers["Location"], timeout=5).text
    assert page.index("first") < page.index("second")


def test_a_new_phone_can_text_in_from_the_index(twilio, receiver):
    response = requests.post(
        twilio.base_url + "/phones",
        data={"number": PHONE, "body": "hello"},
        timeout=5,
        allow_redirects=False,
    )

    assert response.status_code == 303
    assert PHONE not in response.headers["Location"]
    assert receiver.posts("/webhooks/twilio/sms")[0].form["From"] == PHONE


def test_unknown_phone_is_404(twilio):
    assert requests.get(twilio.base_url + "/phones/ph_nope", timeout=5).status_code == 404
