"""Steps a person takes in the portal, in real Chromium: fill a form and submit it, sign in
(with the second factor where the role asks for it); and what the tests look at: axe-core's
findings, and full-page screenshots for the docs when ``SIGNPOST_SCREENSHOTS=<folder>``."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

from django.contrib.auth.models import User

from tests.leaflets.cdp import Browser
from tests.leaflets.test_browser import AXE_RUN, AXE_TAGS
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


def axe_violations(browser: Browser) -> list[dict[str, Any]]:
    """axe-core's violations on the page shown (WCAG 2.2 AA tags)."""
    found: list[dict[str, Any]] = browser.evaluate(AXE_RUN % AXE_TAGS, await_promise=True)
    return found


def screenshot(browser: Browser, name: str) -> None:
    """A full-page PNG in SIGNPOST_SCREENSHOTS (when set) for docs/img/; nothing otherwise."""
    folder = os.environ.get("SIGNPOST_SCREENSHOTS", "")
    if not folder:
        return
    height = int(browser.evaluate("document.documentElement.scrollHeight"))
    shot = browser.page("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                        clip={"x": 0, "y": 0, "width": browser.evaluate("innerWidth"),
                              "height": height, "scale": 1})
    Path(folder).mkdir(parents=True, exist_ok=True)
    Path(folder, f"{name}.png").write_bytes(base64.b64decode(shot["data"]))
