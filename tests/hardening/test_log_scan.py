"""The end-to-end journey that exists today, with every log line captured, searched for the
victim's phone number (in every common spelling), email address and name.

Journey: a leaflet is issued; its SMS and email go out through the real twilio library to the
Twilio-API emulator and through real SMTP to the sink; status callbacks come back signed; the
victim texts in (giving their name); the text is processed and the assistant answers.
"""

from __future__ import annotations

import logging

import pytest
from django.test import TestCase

from i18n.catalogs import catalog
from leaflets.contacts import contact_values
from leaflets.services import issue_leaflet
from leaflets.statuses import IssueChannel
from leaflets.texts import email_text, sms_text
from messaging.models import InboundMessage, Message
from messaging.outbound import Content, request_send
from messaging.statuses import Channel, InboundStatus, Origin
from tests.messaging.support import forward_all, run_queue, run_relays

pytestmark = pytest.mark.django_db

PHONE = "+447700900777"
PHONE_SPELLINGS = [PHONE, "447700900777", "7700900777", "07700900777", "07700 900777",
                   "07700 900 777", "%2B447700900777"]
EMAIL = "amara.okafor@example.org"
NAME = ("Amara", "Okafor")
INBOUND = "Hello, my name is Amara Okafor and I want to talk to someone"


def test_no_log_line_of_the_journey_names_the_victim(twilio, sink, bridge, client, fake_queue,
                                                     assistant, caplog):
    caplog.set_level(logging.DEBUG)  # every logger: ours, Django's, the libraries', emulators'
    assistant.replies = ["Thank you. I can help."]

    issued = issue_leaflet(language="en", channels=[IssueChannel.SMS, IssueChannel.EMAIL],
                           crime_reference="CR/0001/26")
    cat, contacts = catalog("en"), contact_values(None)
    sms = sms_text(catalog=cat, contacts=contacts, link=issued.short_url)
    mail = email_text(catalog=cat, contacts=contacts, link=issued.short_url,
                      expires_on=issued.issue.expires_at.date())
    about = ("leaflet-issue", str(issued.issue.pk))
    with TestCase.captureOnCommitCallbacks(execute=True):
        request_send(channel=Channel.SMS, to="07700 900777",
                     content=Content(template="leaflet", language="en", text=sms.text),
                     idempotency_key=f"leaflet:{issued.issue.pk}:sms", origin=Origin.OFFICER,
                     about=about)
        request_send(channel=Channel.EMAIL, to=EMAIL,
                     content=Content(template="leaflet", language="en", text=mail.body,
                                     subject=mail.subject),
                     idempotency_key=f"leaflet:{issued.issue.pk}:email", origin=Origin.OFFICER,
                     about=about)
    run_queue(fake_queue)
    forward_all(bridge, client, "/webhooks/twilio/status/", 2)
    assert client.get(f"/l/{issued.token}").status_code == 200

    twilio.post("/_emulator/inbound", {"from": PHONE, "body": INBOUND})
    forward_all(bridge, client, "/webhooks/twilio/sms", 1)
    inbound = InboundMessage.objects.get()
    run_relays(fake_queue)
    run_queue(fake_queue)

    # The journey happened: both leaflet messages accepted, the text relayed and answered.
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.RELAYED
    assert assistant.received[0]["message"] == INBOUND
    assert Message.objects.count() == 3
    assert twilio.get("/_emulator/counts")["accepted_sends"] == 2
    assert len(sink.get("/_sink/messages")["messages"]) == 1

    # aiosmtpd's own logger inside the SMTP sink (a dev stand-in for the outside mail relay,
    # never run in production) logs envelope addresses, as a real relay's logs would: it is the
    # only logger left out. Everything of ours, Django's, the libraries' and Twilio's is searched.
    records = [r for r in caplog.records if r.name != "mail.log"]
    lines = [f"{r.name} {r.levelname} {r.getMessage()}" for r in records]
    print(f"log scan: {len(lines)} log lines from "  # noqa: T201
          f"{len({r.name for r in records})} loggers searched")
    assert len(lines) > 10
    text = "\n".join(lines)
    leaks = sorted({r.name for r in records for needle in (EMAIL, "7700900777", "Okafor")
                    if needle.lower() in r.getMessage().lower()})
    assert leaks == [], f"loggers that wrote personal data: {leaks}"
    for needle in [*PHONE_SPELLINGS, EMAIL, "amara.okafor", *NAME, INBOUND[:20], sms.text[:30]]:
        assert needle.lower() not in text.lower(), f"{needle!r} reached a log line"
    assert issued.token not in text
