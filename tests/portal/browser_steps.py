"""Steps a person takes in the portal, in real Chromium: fill a form and submit it, sign in
(with the second factor where the role asks for it)."""

from __future__ import annotations

import json

from django.contrib.auth.models import User

from tests.leaflets.cdp import Browser
from tests.portal.factories import PASSWORD
from tests.second_factor import current_code, enrol


def submit(browser: Browser, script: str) -> None:
    """Run a script that fills a form and clicks its button, then wait for the next page."""
    browser.events.clear()
    browser.evaluate(script)
    browser.wait_event("Page.loadEventFired")


def log_in(browser: Browser, base: str, username: str) -> None:
    device = enrol(User.objects.get(username=username))  # asked for only where the role needs it
    browser.goto(f"{base}/portal/login/")
    submit(browser, f"""
        document.getElementById('id_username').value = {json.dumps(username)};
        document.getElementById('id_password').value = {json.dumps(PASSWORD)};
        document.querySelector('main form button').click();""")
    if browser.evaluate("location.pathname").startswith("/portal/login/code/"):
        submit(browser, f"""
            document.getElementById('id_code').value = {json.dumps(current_code(device))};
            document.querySelector('main form button').click();""")
