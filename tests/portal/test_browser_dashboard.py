"""The supervisor's dashboard in real headless Chromium on a 1280x800 laptop window, with the
demo data and a unit and officer with long names: axe-core finds nothing, every chart label is
drawn inside its chart (measured by the browser), and a figure's link opens its list.

``SIGNPOST_SCREENSHOTS=<folder>`` saves the screenshot docs/portal.md shows.
"""

from __future__ import annotations

import json

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.live_server_helper import LiveServer

from demo.seed import DEMO_PASSWORD, seed_demo
from leaflets.models import LeafletIssue
from organisations.models import Unit
from tests.leaflets.cdp import Browser
from tests.portal.browser_steps import axe_violations, screenshot
from tests.second_factor import current_code

LONG_UNIT = "Neighbourhood Policing Team, Llanfairpwllgwyngyll and Menai West"

# Each chart text's box as the browser lays it out, against its SVG's viewBox.
OUTSIDE = """
[...document.querySelectorAll('svg.chart')].flatMap(svg => {
  const box = svg.viewBox.baseVal;
  return [...svg.querySelectorAll('text')].map(text => {
    const b = text.getBBox();
    return {text: text.textContent, left: b.x, right: b.x + b.width, width: box.width};
  }).filter(t => t.left < 0 || t.right > t.width);
})"""


# Charts drawn smaller than their own size (their text shrunk below the page's).
SHRUNK = """
[...document.querySelectorAll('svg.chart')].filter(
  svg => svg.getBoundingClientRect().width < svg.viewBox.baseVal.width - 1
).map(svg => svg.getAttribute('aria-label'))"""





@pytest.mark.django_db(transaction=True)
def test_supervisor_dashboard_on_a_laptop(browser: Browser, live_server: LiveServer) -> None:
    seed_demo()
    # A long unit name on one borough, as real forces name their teams.
    first = LeafletIssue.objects.exclude(unit=None).order_by("unit").first()
    assert first is not None
    assert first.unit_id is not None
    Unit.objects.filter(pk=first.unit_id).update(name=LONG_UNIT)
    base = live_server.url
    browser.viewport(1280, 800)
    browser.goto(f"{base}/portal/login/")
    browser.events.clear()
    browser.evaluate(f"""
        document.getElementById('id_username').value = 'demo-supervisor';
        document.getElementById('id_password').value = {json.dumps(DEMO_PASSWORD)};
        document.querySelector('main form button').click();""")
    browser.wait_event("Page.loadEventFired")
    if browser.evaluate("location.pathname").startswith("/portal/login/code/"):
        # seed_demo enrols the supervisor's authenticator app with the published demo key.
        device = TOTPDevice.objects.get(user__username="demo-supervisor")
        browser.events.clear()
        browser.evaluate(f"""
            document.getElementById('id_code').value = {json.dumps(current_code(device))};
            document.querySelector('main form button').click();""")
        browser.wait_event("Page.loadEventFired")
    assert browser.evaluate("location.pathname") == "/portal/dashboard/"
    text: str = browser.evaluate("document.querySelector('main').innerText")
    assert LONG_UNIT in text
    assert "(PC 1187)" in browser.evaluate(
        "document.querySelector('#table-officers svg').textContent")
    assert "Emails accepted by the mail server" in text
    assert browser.evaluate(OUTSIDE) == []
    assert browser.evaluate(SHRUNK) == []  # labels stay at their full size on a laptop
    assert axe_violations(browser) == []
    screenshot(browser, "dashboard-supervisor-laptop")

    # "not delivered" leads to the leaflets behind it.
    expected = int(browser.evaluate(
        "document.querySelector('[data-figure=not-delivered] a').innerText"))
    browser.events.clear()
    browser.evaluate("document.querySelector('[data-figure=not-delivered] a').click()")
    browser.wait_event("Page.loadEventFired")
    assert browser.evaluate("location.pathname") == "/portal/dashboard/issues/"
    count: str = browser.evaluate("document.querySelector('[data-figure=count]').innerText")
    assert count.startswith(f"{expected} leaflet") or expected > 0
    assert axe_violations(browser) == []
    screenshot(browser, "dashboard-drill-down-laptop")

    # The referrals behind "new".
    browser.goto(f"{base}/portal/dashboard/referrals/?status=new")
    assert browser.evaluate("location.pathname") == "/portal/dashboard/referrals/"
    assert "referral" in browser.evaluate(
        "document.querySelector('[data-figure=count]').innerText")
    assert axe_violations(browser) == []
    browser.page("Emulation.clearDeviceMetricsOverride")
