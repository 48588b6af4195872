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
