"""The portal in real headless Chromium, end to end, with axe-core on every page it passes:
an officer gives a leaflet by QR and SMS and sees it delivered and opened; the supervisor sees
it counted; the caseworker opens the resulting referral and marks it contacted.

Needs Chromium and axe-core: scripts/browser.sh installs them (scripts/test.sh runs it).
"""

from __future__ import annotations

import base64
import json
import time
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from pytest_django.live_server_helper import LiveServer

from leaflets.models import LeafletIssue, LinkOpen
from messaging.models import Message
from messaging.statuses import MessageStatus
from messaging.transitions import move
from referrals.models import Referral
from tests.leaflets.cdp import Browser
from tests.portal.browser_steps import axe_violations, log_in, screenshot, submit
from tests.portal.factories import PASSWORD, World, make_referral
from tests.second_factor import current_code


def _log_out(browser: Browser) -> None:
    submit(browser, "document.querySelector('header form button').click();")


def _assert_reflows(browser: Browser) -> None:
    """At 320 CSS px (1280 px at 400% zoom) nothing scrolls sideways but data tables."""
    browser.viewport(320, 640)
    try:
        assert browser.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        browser.page("Emulation.clearDeviceMetricsOverride")


def _text(browser: Browser) -> str:
    text: str = browser.evaluate("document.querySelector('main').innerText")
    return text


@pytest.mark.django_db(transaction=True)
def test_officer_supervisor_and_caseworker_journey(browser: Browser, live_server: LiveServer,
                                                   world: World, settings: Any) -> None:
    settings.LEAFLET_LINK_BASE_URL = live_server.url
    base = live_server.url
    violations: dict[str, Any] = {}

    def check(name: str) -> None:
        found = axe_violations(browser)
        if found:
            violations[name] = found

    # The officer gives the leaflet by QR and SMS.
    log_in(browser, base, world.officer.username)
    assert browser.evaluate("location.pathname") == "/portal/give/"
    assert browser.evaluate("!document.querySelector('.language-search').hidden")  # JS ran
    check("give")
    _assert_reflows(browser)
    submit(browser, """
        const filter = document.getElementById('language-filter');
        filter.value = 'polish'; filter.dispatchEvent(new Event('input'));
        document.getElementById('id_crime_reference').value = '01/234567/26';
        document.querySelector('input[value=sms]').checked = true;
        document.getElementById('id_phone').value = '07700 900123';
        document.querySelector('button.primary').click();""")
    short_url = browser.evaluate("document.querySelector('[data-testid=short-url]').dataset.url")
    assert browser.evaluate("document.querySelector('.qr svg') !== null")
    check("qr")
    _assert_reflows(browser)
    issue = LeafletIssue.objects.get()
    assert issue.language == "pl"

    # The victim scans the code; the officer's list shows it opened, the SMS still on its way.
    browser.goto(short_url)
    deadline = time.monotonic() + 10
    while not LinkOpen.objects.filter(issue=issue).exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    browser.goto(f"{base}/portal/leaflets/")
    page = _text(browser)
    assert "SMS: Waiting to send" in page
    assert "Opened" in page
    check("my leaflets")

    # The provider reports the SMS delivered: the open page updates itself.
    message = Message.objects.get(about_id=str(issue.pk))
    for status in (MessageStatus.QUEUED, MessageStatus.SENDING, MessageStatus.DELIVERED):
        move(message, status, kind="status", detail=status.value)
    deadline = time.monotonic() + 30
    while "SMS: Delivered" not in _text(browser) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert "SMS: Delivered" in _text(browser)
    _log_out(browser)

    # The supervisor sees it counted.
    log_in(browser, base, world.supervisor.username)
    assert browser.evaluate("location.pathname") == "/portal/dashboard/"
    assert browser.evaluate("document.querySelector('[data-figure=issued]').innerText") == "1"
    assert browser.evaluate(
        "document.querySelector('[data-figure=opened]').innerText").startswith("1 ")
    check("dashboard")
    _assert_reflows(browser)
    _log_out(browser)

    # The caseworker opens the resulting referral and marks it contacted.
    referral = make_referral(world)
    log_in(browser, base, world.caseworker.username)
    assert referral.reference in _text(browser)
    check("inbox")
    browser.goto(f"{base}/portal/referrals/{referral.reference}/")
    check("referral")
    submit(browser, """
        document.getElementById('id_to').value = 'contacted';
        document.querySelector('form[action$="/status/"] button').click();""")
    assert browser.evaluate("document.querySelector('[data-testid=status]').innerText") == \
        "Contacted"
    assert Referral.objects.get(pk=referral.pk).status == "contacted"
    _log_out(browser)

    browser.goto(f"{base}/portal/login/")
    check("login")
    assert not violations, violations


@pytest.mark.django_db(transaction=True)
def test_a_first_sign_in_enrols_the_second_factor_accessibly(
        browser: Browser, live_server: LiveServer, world: World, tmp_path: Any) -> None:
    """The caseworker's first sign-in: the enrolment page (QR, key), then the recovery codes,
    then the inbox; axe-core on both pages, no sideways scroll at 320 px."""

    from django_otp.plugins.otp_totp.models import TOTPDevice

    base = live_server.url
    browser.goto(f"{base}/portal/login/")
    submit(browser, f"""
        document.getElementById('id_username').value = {json.dumps(world.caseworker.username)};
        document.getElementById('id_password').value = {json.dumps(PASSWORD)};
        document.querySelector('main form button').click();""")
    assert browser.evaluate("location.pathname") == "/portal/login/code/setup/"
    assert browser.evaluate("!!document.querySelector('.qr svg')")
    violations = {"enrol": axe_violations(browser)}
    _assert_reflows(browser)
    browser.viewport(390, 844)
    shot = browser.page("Page.captureScreenshot", format="png")["data"]
    (tmp_path / "enrol.png").write_bytes(base64.b64decode(shot))
    browser.page("Emulation.clearDeviceMetricsOverride")
    code = current_code(TOTPDevice.objects.get(user=world.caseworker, confirmed=False))
    submit(browser, f"""
        document.getElementById('id_code').value = {json.dumps(code)};
        document.querySelector('main form button').click();""")
    assert browser.evaluate("document.querySelectorAll('[data-testid=recovery-codes] li')"
                            ".length") == 10
    violations["recovery codes"] = axe_violations(browser)
    submit(browser, "document.querySelector('main p a').click();")
    assert browser.evaluate("location.pathname") == "/portal/referrals/"
    assert not any(violations.values()), violations




@pytest.mark.django_db(transaction=True)
def test_caseworker_works_the_inbox_on_a_laptop(browser: Browser, live_server: LiveServer,
                                                world: World) -> None:
    """Overdue first with due dates, words not codes, assign to me, close with an outcome."""
    base = live_server.url
    overdue = make_referral(world, phone="+447700900301")
    Referral.objects.filter(pk=overdue.pk).update(
        created_at=timezone.now() - timedelta(days=10), crime_type="criminal-damage",
        interpreter_needed=True, data_quality_flags=["interpreter-needed"],
        needs_snapshot={"answers": {"vps_offered": "yes", "communication": "easy-read",
                                    "safe_to_text": "yes", "safe_times": "after 6pm"}})
    fresh = make_referral(world, phone="+447700900302")
    browser.viewport(1280, 800)
    violations: dict[str, Any] = {}
    try:
        log_in(browser, base, world.caseworker.username)
        page = _text(browser)
        assert page.index(overdue.reference) < page.index("All open referrals") < page.index(
            fresh.reference)
        assert "Overdue" in page
        assert "interpreter-needed" not in page
        violations["inbox"] = axe_violations(browser)
        screenshot(browser, "caseworker-inbox")
        browser.goto(f"{base}/portal/referrals/{overdue.reference}/")
        page = _text(browser)
        assert "Criminal damage" in page
        assert "Offered a victim personal statement" in page
        violations["referral"] = axe_violations(browser)
        screenshot(browser, "caseworker-referral")
        submit(browser, "document.querySelector('button.primary').click();")  # assign to me
        assert Referral.objects.get(pk=overdue.pk).assigned_to == world.caseworker
        submit(browser, """
            document.getElementById('id_to').value = 'closed';
            document.getElementById('id_outcome').value = 'support-accepted';
            document.querySelector('form[action$="/status/"] button').click();""")
        assert "outcome: Support accepted" in _text(browser)
        violations["closed"] = axe_violations(browser)
    finally:
        browser.page("Emulation.clearDeviceMetricsOverride")
    assert not any(violations.values()), violations


@pytest.mark.django_db(transaction=True)
def test_officer_on_a_phone_sees_each_leaflet_as_a_card(browser: Browser,
                                                        live_server: LiveServer, world: World,
                                                        settings: Any) -> None:
    """390x844: status, opened and the next action on screen, no sideways scrolling."""
    settings.LEAFLET_LINK_BASE_URL = live_server.url
    base = live_server.url
    browser.page("Emulation.setDeviceMetricsOverride", width=390, height=844,
                 deviceScaleFactor=1, mobile=True)
    violations: dict[str, Any] = {}
    try:
        log_in(browser, base, world.officer.username)
        assert browser.evaluate("location.pathname") == "/portal/give/"
        violations["give"] = axe_violations(browser)
        browser.evaluate("""{ const filter = document.getElementById('language-filter');
            filter.value = 'pol'; filter.dispatchEvent(new Event('input')); }""")
        screenshot(browser, "officer-give-phone")
        browser.evaluate("""{ const filter = document.getElementById('language-filter');
            filter.value = ''; filter.dispatchEvent(new Event('input')); }""")
        submit(browser, """
            document.getElementById('id_language').value = 'ckb';
            document.getElementById('id_crime_reference').value = '01/234567/26';
            document.querySelector('input[value=qr]').checked = true;
            document.querySelector('button.primary').click();""")
        assert "Next: needs and consent" in _text(browser)
        violations["qr"] = axe_violations(browser)
        screenshot(browser, "officer-qr")
        issue = LeafletIssue.objects.get()
        browser.goto(f"{base}/portal/leaflets/")
        page = _text(browser)
        assert "Kurdish (Sorani)" in page
        assert "Opened" in page
        assert browser.evaluate("document.documentElement.scrollWidth") <= 390
        right = browser.evaluate(
            "Math.max(...[...document.querySelectorAll('table.issues td')]"
            ".map(cell => cell.getBoundingClientRect().right))")
        assert right <= 390
        violations["my leaflets"] = axe_violations(browser)
        screenshot(browser, "officer-my-leaflets")
        browser.goto(f"{base}/portal/leaflets/{issue.pk}/scene/")
        violations["scene"] = axe_violations(browser)
        screenshot(browser, "officer-scene")
    finally:
        browser.page("Emulation.clearDeviceMetricsOverride")
    assert not any(violations.values()), violations
