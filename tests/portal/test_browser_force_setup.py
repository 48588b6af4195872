"""The force administrator's setup page in real headless Chromium, on a 1280x800 laptop and a
390x844 phone: they land on it after signing in (with the second factor), see what is missing,
get a clear error for a bad sender ID, fix it, test a crime-reference format, preview and
confirm a file of officers; axe-core finds
nothing on any of these pages and nothing scrolls sideways on the phone.

``SIGNPOST_SCREENSHOTS=<folder>`` saves the screenshots docs/portal.md shows.
"""

from __future__ import annotations

import json

import pytest
from pytest_django.live_server_helper import LiveServer

from tests.leaflets.cdp import Browser
from tests.portal.browser_steps import axe_violations, log_in, screenshot, submit
from tests.portal.factories import World


def _fill(fields: dict[str, str], button: str) -> str:
    sets = "".join(f"document.getElementById({json.dumps(key)}).value = {json.dumps(value)};"
                   for key, value in fields.items())
    return f"{sets} document.querySelector({json.dumps(button)}).click();"


def _text(browser: Browser, selector: str = "main") -> str:
    text: str = browser.evaluate(f"document.querySelector({json.dumps(selector)}).innerText")
    return text


@pytest.mark.django_db(transaction=True)
def test_force_admin_sets_up_the_force_on_a_laptop_and_a_phone(
        browser: Browser, live_server: LiveServer, world: World) -> None:
    base = live_server.url
    setup = f"/portal/forces/{world.force.slug}/setup/"
    browser.viewport(1280, 800)
    try:
        log_in(browser, base, world.admin.username)
        browser.goto(f"{base}/portal/")
        assert browser.evaluate("location.pathname") == setup
        assert "Not ready to give leaflets" in _text(browser, "[data-testid=readiness]")
        assert "Missing" in _text(browser, "[data-check=sms_sender_id]")
        # Every fix link keeps to the right edge, also one wrapped under a long detail.
        gaps = browser.evaluate("""(() => {
            const right = document.querySelector('.checklist').getBoundingClientRect().right;
            return [...document.querySelectorAll('.checklist li > a')]
                .map(a => Math.round(right - a.getBoundingClientRect().right)); })()""")
        assert gaps, "no fix links"
        assert set(gaps) == {0}, gaps
        assert axe_violations(browser) == []
        screenshot(browser, "admin-setup-laptop")

        submit(browser, _fill({"id_sms_sender_id": "NOT-A-SENDER-ID"},
                              "form[action$='settings/'] button"))
        assert "Up to 11 letters" in _text(browser, "[data-testid=settings-errors]")
        assert axe_violations(browser) == []

        submit(browser, _fill({"id_sms_sender_id": "TESTSHIRE",
                               "id_logo_url": "https://testshire.example/logo.png"},
                              "form[action$='settings/'] button"))
        assert browser.evaluate("location.pathname") == setup
        assert "Done" in _text(browser, "[data-check=sms_sender_id]")

        submit(browser, _fill({"id_pattern": r"[A-Z]{2}/\d{5}/\d{2}",
                               "id_samples": "ab/12345/26\n01/234567/26"},
                              "button[value=test]"))
        rows = browser.evaluate("[...document.querySelectorAll('[data-testid=trials] tbody tr')]"
                                ".map(r => r.innerText)")
        assert len(rows) == 2
        assert rows[0].endswith("Yes")
        assert rows[1].endswith("No")
        assert axe_violations(browser) == []
        screenshot(browser, "admin-setup-tester-laptop")

        _officers_from_a_file(browser, base, world)

        browser.viewport(390, 844)
        browser.goto(f"{base}{setup}")
        assert browser.evaluate("document.documentElement.scrollWidth") <= 390
        assert axe_violations(browser) == []
        screenshot(browser, "admin-setup-phone")
    finally:
        browser.page("Emulation.clearDeviceMetricsOverride")


OFFICER_FILE = ("username,full name,email,role,units\n"
                "pc.jones,Sam Jones,sam.jones@police.example,officer,North borough\n"
                "sgt.khan,Aisha Khan,,supervisor,North borough;South borough\n"
                "officer-s,,,supervisor,South borough\n"
                "pc.lee,Kim Lee,not-an-address,officer,Far borough\n")


def _officers_from_a_file(browser: Browser, base: str, world: World) -> None:
    """From the checklist to the file's preview (errors explained), then confirmed."""
    browser.events.clear()
    browser.evaluate("document.querySelector('[data-check=officers] a').click()")
    browser.wait_event("Page.loadEventFired")
    assert browser.evaluate("location.pathname").endswith("/setup/officers/")
    submit(browser, f"""
        const file = new File([{json.dumps(OFFICER_FILE)}], 'officers.csv', {{type: 'text/csv'}});
        const chosen = new DataTransfer(); chosen.items.add(file);
        document.getElementById('id_file').files = chosen.files;
        document.querySelector("form[action$='preview/'] button").click();""")
    counts = _text(browser, "[data-testid=preview-counts]")
    assert "2 account(s) will be created, 1 updated" in counts
    assert "Not a unit of this force: Far borough." in _text(browser, "[data-testid=row-errors]")
    assert axe_violations(browser) == []
    screenshot(browser, "admin-officers-preview-laptop")
    submit(browser, "document.querySelector(\"form[action$='apply/'] button\").click();")
    assert "2 account(s) created, 1 updated" in _text(browser)
