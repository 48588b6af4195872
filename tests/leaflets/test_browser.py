"""The pages in real headless Chromium: axe-core finds no WCAG 2.2 AA violations on the picker
and every language's page; keyboard, reflow and quick exit work; a real visit counts as opened.

Needs Chromium and axe-core: scripts/browser.sh installs them (scripts/test.sh runs it).
"""

from __future__ import annotations

import time
from typing import Any

import pytest
from pytest_django.live_server_helper import LiveServer

from i18n.catalogs import catalog
from i18n.languages import all_languages
from leaflets import services
from leaflets.models import LinkOpen
from leaflets.statuses import IssueChannel
from organisations.models import Organisation
from tests.leaflets.cdp import Browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
AXE_RUN = ("axe.run(document, {runOnly: {type: 'tag', values: %s}, resultTypes: ['violations']})"
           ".then(r => r.violations.map(v => ({id: v.id, impact: v.impact, "
           "nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))})))")


def _violations(browser: Browser, url: str) -> list[dict[str, Any]]:
    browser.goto(url)
    found: list[dict[str, Any]] = browser.evaluate(AXE_RUN % AXE_TAGS, await_promise=True)
    return found


@pytest.mark.django_db(transaction=True)
def test_axe_finds_no_violations_on_any_page(browser: Browser, live_server: LiveServer,
                                             force: Organisation) -> None:
    base = live_server.url
    failures = {}
    paths = ["/leaflet/", "/leaflet/en/large-print/", "/leaflet/en/safety/",
             "/leaflet/ar/safety/", "/l/AAAAAAAAAAAAAAAAAAAAAA"]
    paths += [f"/leaflet/{lang.code}/" for lang in all_languages()]
    # A victim's own page (reference, officer, how to check it), by link and by typed code.
    for code in ("en", "ar"):
        issued = services.issue_leaflet(language=code, channels=[IssueChannel.SMS],
                                        organisation=force, crime_reference="NB/012345/26")
        paths += [f"/l/{issued.token}", f"/{issued.code}"]
    for path in paths:
        violations = _violations(browser, base + path)
        if violations:
            failures[path] = violations
    assert not failures, failures


@pytest.mark.django_db(transaction=True)
def test_a_real_browser_visit_records_exactly_one_open(browser: Browser, live_server: LiveServer,
                                                       force: Organisation) -> None:
    issued = services.issue_leaflet(language="uk", channels=[IssueChannel.SMS],
                                    organisation=force)
    link = issued.short_url.replace(services.short_url(""), f"{live_server.url}/l/")
    browser.goto(link)
    assert browser.evaluate("document.documentElement.lang") == "uk"
    deadline = time.monotonic() + 10
    while not LinkOpen.objects.exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    time.sleep(1)  # room for a wrong second beacon to arrive
    assert LinkOpen.objects.filter(issue=issued.issue).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("code", ["en", "ar"])
def test_text_reflows_at_320_css_pixels(browser: Browser, live_server: LiveServer,
                                        force: Organisation, code: str) -> None:
    """320 CSS px wide is what 1280 px at 400% zoom gives: no sideways scrolling."""
    browser.viewport(320, 640)
    try:
        for path in (f"/leaflet/{code}/", f"/leaflet/{code}/large-print/", "/leaflet/"):
            browser.goto(live_server.url + path)
            width = browser.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, (path, width)
    finally:
        browser.page("Emulation.clearDeviceMetricsOverride")


@pytest.mark.django_db(transaction=True)
def test_keyboard_reaches_quick_exit_first_and_shift_three_times_leaves(
        browser: Browser, live_server: LiveServer, force: Organisation, settings: Any) -> None:
    settings.LEAFLET_EXIT_URL = f"{live_server.url}/leaflet/qr.svg"  # no third-party request
    browser.goto(f"{live_server.url}/leaflet/fa/?fresh")  # not the cached copy
    browser.key("Tab", "Tab", 9)
    exit_label = catalog("fa").text("Exit this page")
    assert browser.evaluate("document.activeElement.textContent") == exit_label
    browser.key("Tab", "Tab", 9)
    assert browser.evaluate("document.activeElement.getAttribute('href')") == "#main"
    for _ in range(3):
        browser.key("Shift", "ShiftLeft", 16)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if browser.evaluate("location.pathname") == "/leaflet/qr.svg":
            break
        time.sleep(0.1)
    assert browser.evaluate("location.pathname") == "/leaflet/qr.svg"


@pytest.mark.django_db(transaction=True)
def test_shift_with_another_key_does_not_exit(browser: Browser, live_server: LiveServer,
                                              force: Organisation) -> None:
    browser.goto(f"{live_server.url}/leaflet/en/")
    for _ in range(3):
        browser.page("Input.dispatchKeyEvent", type="rawKeyDown", key="Shift", code="ShiftLeft",
                     windowsVirtualKeyCode=16)
        browser.key("A", "KeyA", 65, modifiers=8)
        browser.page("Input.dispatchKeyEvent", type="keyUp", key="Shift", code="ShiftLeft",
                     windowsVirtualKeyCode=16)
    time.sleep(0.3)
    assert browser.evaluate("location.pathname") == "/leaflet/en/"


def test_the_audit_can_fail(browser: Browser) -> None:
    """A page without lang and with an image without alt text: axe must report both."""
    found = _violations(browser, "data:text/html,<title>x</title><main><img src='x.png'></main>")
    assert {"html-has-lang", "image-alt"} <= {v["id"] for v in found}
