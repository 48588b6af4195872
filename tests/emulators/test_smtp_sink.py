"""The SMTP sink, driven with aiosmtplib: keeping mail, the mailbox pages, reply relaying."""

from __future__ import annotations

import hashlib
import hmac
import logging
import re

import requests

from emulators.common.background import wait_until

INBOUND = "/webhooks/email/inbound"


def test_mail_is_kept_with_envelope_and_raw_message(sink, make_mail):
    _, reply = sink.send(make_mail())

    assert reply.startswith("2.0.0 OK")
    [stored] = sink.get("/_sink/messages")["messages"]
    assert stored["kind"] == "mail"
    assert stored["mail_from"] == "bounces@signpost.test"
    assert stored["rcpt_tos"] == ["victim@example.test"]
    assert stored["message_id"] == "<leaflet-123@signpost.test>"
    assert stored["subject"] == "Your leaflet"
    raw = requests.get(f"{sink.base_url}/_sink/messages/{stored['id']}/raw", timeout=5)
    assert raw.headers["Content-Type"].startswith("message/rfc822")
    assert b"Message-ID: <leaflet-123@signpost.test>" in raw.content
    detail = sink.get(f"/_sink/messages/{stored['id']}")
    assert detail["text"].strip() == "Read your leaflet at https://s.pt/abc"


def test_messages_can_be_filtered_by_recipient(sink, make_mail):
    sink.send(make_mail(to="a@example.test"))
    sink.send(make_mail(to="b@example.test"))

    found = sink.get("/_sink/messages", to="B@example.test")["messages"]
    assert [m["rcpt_tos"] for m in found] == [["b@example.test"]]
    assert sink.get("/_sink/counts")["mail"] == 2


def test_login_is_optional_and_any_credentials_work(sink, make_mail):
    sink.send(make_mail(), username="user", password="anything")

    assert sink.get("/_sink/counts")["mail"] == 1


def test_unicode_mail_is_accepted(sink, make_mail):
    sink.send(make_mail(subject="Ваша листовка"))

    assert sink.get("/_sink/messages")["messages"][0]["subject"] == "Ваша листовка"


def test_mailbox_pages_show_html_only_sandboxed_and_escaped(sink, make_mail):
    sink.send(make_mail(html='<p>Hi</p><script>alert(1)</script><img src="https://x.test/t.gif">'))
    mail_id = sink.get("/_sink/messages")["messages"][0]["id"]

    index = requests.get(sink.base_url + "/", timeout=5)
    page = requests.get(f"{sink.base_url}/messages/{mail_id}", timeout=5)

    assert f'href="/messages/{mail_id}"' in index.text
    assert "<script>" not in page.text
    assert "<img" not in page.text
    iframe = re.search(r"<iframe [^>]*>", page.text)
    assert iframe is not None
    assert 'sandbox=""' in iframe.group(0)
    assert 'srcdoc="&lt;p&gt;Hi&lt;/p&gt;&lt;script&gt;' in iframe.group(0)
    assert "default-src 'none'" in page.headers["Content-Security-Policy"]


def test_mail_to_the_reply_domain_is_relayed_signed(sink, make_mail, receiver):
    sink.send(make_mail(to="r-abc123@reply.signpost.test"))

    [post] = receiver.wait_for(1, INBOUND)
    assert post.headers["Content-Type"] == "message/rfc822"
    expected = hmac.new(b"test-secret", post.body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(post.headers["X-Signpost-Signature"], expected)
    assert b"Message-ID: <leaflet-123@signpost.test>" in post.body


def test_other_mail_is_not_relayed(sink, make_mail, receiver):
    sink.send(make_mail(to="victim@example.test"))

    assert sink.get("/_sink/counts")["relays"] == {"ok": 0, "failed": 0}
    assert receiver.posts(INBOUND) == []


def test_relay_is_retried_while_our_side_is_down(sink, make_mail, receiver):
    receiver.fail_next(2, status=503)

    sink.send(make_mail(to="r-1@reply.signpost.test"))

    receiver.wait_for(1, INBOUND)
    relays = wait_until(lambda: sink.get("/_sink/relays")["relays"])
    assert [(r["attempts"], r["http_status"]) for r in relays] == [(3, 200)]


def test_reset_forgets_mail_and_rules(sink, make_mail):
    sink.send(make_mail())
    sink.post("/_sink/bounces", {"pattern": "*@gone.test"})

    sink.post("/_sink/reset", {})

    assert sink.get("/_sink/messages")["messages"] == []
    assert sink.get("/_sink/bounces")["bounces"] == []


def test_healthz(sink):
    assert sink.get("/healthz") == {"status": "ok"}


def test_logs_carry_no_addresses_or_bodies(sink, make_mail, receiver, caplog):
    caplog.set_level(logging.DEBUG, logger="emulators")
    caplog.set_level(logging.DEBUG, logger="aiohttp.access")
    sink.post("/_sink/bounces", {"pattern": "gone@example.test"})
    sink.send(make_mail(to="gone@example.test"))
    sink.send(make_mail(to="r-1@reply.signpost.test"))
    receiver.wait_for(2, INBOUND)
    sink.get("/_sink/messages", to="gone@example.test")

    lines = [r.getMessage() for r in caplog.records if r.name.startswith(("emulators", "aiohttp"))]
    assert lines
    for line in lines:
        assert "@" not in line
        assert "leaflet" not in line.lower()
