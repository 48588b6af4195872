"""The officer's "Updates due" and the supervisor's compliance page in real headless Chromium,
with axe-core, at a phone's width too. With SIGNPOST_SCREENSHOTS=<folder> it saves screenshots
of both (docs/img/ holds the ones docs/case-updates.md shows)."""

from __future__ import annotations

import base64
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from caseupdates.events import EventSource, record_event
from caseupdates.models import CaseUpdate
from caseupdates.statuses import UpdateStatus
from tests.leaflets.cdp import Browser
from tests.leaflets.test_browser import AXE_RUN, AXE_TAGS
from tests.portal.browser_steps import log_in, submit
from tests.portal.factories import make_issue, make_world


def _check(browser: Browser, name: str, shots: Path | None) -> list[Any]:
    found: list[Any] = browser.evaluate(AXE_RUN % AXE_TAGS, await_promise=True)
    browser.viewport(320, 640)
    try:
        wide = browser.evaluate("""[...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > 320
                         && !(e.parentElement && e.parentElement.closest('.table-scroll')))
            .map(e => e.tagName + '.' + e.className).slice(0, 5)""")
        assert browser.evaluate("document.documentElement.scrollWidth") <= 320, wide
        if shots is not None:
            data = browser.page("Page.captureScreenshot", format="png",
                                captureBeyondViewport=True)["data"]
            (shots / f"{name}.png").write_bytes(base64.b64decode(data))
    finally:
        browser.page("Emulation.clearDeviceMetricsOverride")
    return found


@pytest.mark.django_db(transaction=True)
def test_updates_due_and_compliance_pages(browser: Browser, live_server: LiveServer) -> None:
    shots = Path(os.environ["SIGNPOST_SCREENSHOTS"]) if os.environ.get(
        "SIGNPOST_SCREENSHOTS") else None
    world = make_world()
    for n, days in ((1, 12), (2, 1), (3, 0)):
        make_issue(world, crime_reference=f"01/00000{n}/26", language="pl")
        record_event(organisation=world.force, crime_reference=f"01/00000{n}/26",
                     kind=("charged", "bailed", "arrested")[n - 1], source=EventSource.API,
                     decided_at=timezone.now() - timedelta(days=days))
    CaseUpdate.objects.filter(case__crime_reference="01/000002/26").update(
        status=UpdateStatus.CALL_NEEDED.value, call_reason="not-safe-to-text")
    base = live_server.url
    violations: dict[str, Any] = {}

    log_in(browser, base, world.officer.username)
    browser.goto(f"{base}/portal/updates/")
    text = browser.evaluate("document.querySelector('main').innerText")
    assert text.index("01/000001/26") < text.index("01/000003/26")  # overdue first
    assert "Not safe to text: call" in text
    violations["updates due"] = _check(browser, "updates-due", shots)
    submit(browser, "document.querySelector('td form button').click();")
    assert "Recorded: update given by phone." in browser.evaluate("document.body.innerText")
    browser.goto(f"{base}/portal/updates/record/")
    violations["record"] = _check(browser, "record-a-decision", shots)
    submit(browser, "document.querySelector('header form button').click();")

    log_in(browser, base, world.supervisor.username)
    browser.goto(f"{base}/portal/compliance/")
    assert "Quarterly return to the Ministry of Justice" in browser.evaluate(
        "document.querySelector('main').innerText")
    violations["compliance"] = _check(browser, "compliance", shots)
    assert not any(violations.values()), violations


@pytest.mark.django_db(transaction=True)
def test_a_cases_messages_page(browser: Browser, live_server: LiveServer) -> None:
    from caseupdates.models import OfficerReply
    from messaging.models import InboundMessage, Message
    from messaging.recipients import recipient_for_phone

    shots = Path(os.environ["SIGNPOST_SCREENSHOTS"]) if os.environ.get(
        "SIGNPOST_SCREENSHOTS") else None
    world = make_world()
    make_issue(world, crime_reference="01/000001/26", language="pl")
    record_event(organisation=world.force, crime_reference="01/000001/26", kind="charged",
                 source=EventSource.API, decided_at=timezone.now() - timedelta(days=2))
    update = CaseUpdate.objects.get()
    victim = recipient_for_phone(phone="+447700900123", language="pl")

    def sent(key: str, about: tuple[str, str], origin: str, text: str, ago: int) -> Message:
        message = Message.objects.create(
            channel="sms", recipient=victim, template=about[0], language="pl", body_text=text,
            idempotency_key=key, status="delivered", about_type=about[0], about_id=about[1],
            origin=origin)
        Message.objects.filter(pk=message.pk).update(
            created_at=timezone.now() - timedelta(minutes=ago))
        return message

    CaseUpdate.objects.filter(pk=update.pk).update(
        status=UpdateStatus.TEXTED.value, given_at=timezone.now() - timedelta(hours=2),
        message=sent("u", ("case-update", str(update.pk)), "system", "Informacja…", 120))
    reply = InboundMessage.objects.create(channel="sms", provider_id="SM-1", recipient=victim,
                                          body="Dziękuję. Czy muszę iść do sądu?",
                                          status="relayed")
    InboundMessage.objects.filter(pk=reply.pk).update(
        received_at=timezone.now() - timedelta(minutes=90))
    sent("a", ("", ""), "assistant", "Dziękujemy. Policjant prowadzący sprawę odpowie.", 89)
    officer_reply = OfficerReply.objects.create(
        case=update.case, officer=world.officer,
        body="Not yet: the court will write to you with the date. I will call you on Monday.")
    OfficerReply.objects.filter(pk=officer_reply.pk).update(
        created_at=timezone.now() - timedelta(minutes=30),
        message=sent("r", ("case-reply", str(officer_reply.pk)), "officer", "…", 30))

    base = live_server.url
    log_in(browser, base, world.officer.username)
    browser.goto(f"{base}/portal/updates/cases/{update.case_id}/messages/")
    text = browser.evaluate("document.querySelector('main').innerText")
    assert (text.index("Update texted") < text.index("Czy muszę iść do sądu?")
            < text.index("Policjant prowadzący") < text.index("I will call you on Monday"))
    violations = _check(browser, "case-messages", shots)
    assert not violations, violations
