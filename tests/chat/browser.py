"""Drive the web chat page in real Chromium (tests.leaflets.cdp): send, read the replies."""

from __future__ import annotations

import json

from tests.leaflets.cdp import Browser

REPLIES = "[...document.querySelectorAll('[data-who=assistant] [data-text]')].map(e => e.innerText)"


class ChatPage:
    def __init__(self, browser: Browser, base_url: str, code: str) -> None:
        self.browser = browser
        self.url = f"{base_url}/chat/{code}/"

    def open(self) -> None:
        self.browser.goto(self.url)

    def replies(self) -> list[str]:
        found: list[str] = self.browser.evaluate(REPLIES)
        return found

    def status_of_last_load(self) -> int:
        status: int = self.browser.evaluate(
            "performance.getEntriesByType('navigation')[0].responseStatus")
        return status

    def send(self, text: str) -> list[str]:
        """Type the text, press Send, wait for the next page: the assistant's new replies."""
        before = len(self.replies())
        self.browser.events.clear()
        self.browser.evaluate(
            f"document.getElementById('message').value = {json.dumps(text)};"
            "document.querySelector('[data-send]').click()")
        self.browser.wait_event("Page.loadEventFired", timeout=120)
        status = self.status_of_last_load()
        assert status == 200, (status, self.browser.evaluate("document.body.innerText")[:300])
        return self.replies()[before:]

    def choose(self, label: str) -> list[str]:
        """Press the reply button with this label: the assistant's new replies."""
        before = len(self.replies())
        self.browser.events.clear()
        pressed = self.browser.evaluate(
            "(() => { const b = [...document.querySelectorAll('[data-choice]')]"
            f".find(b => b.innerText.trim() === {json.dumps(label)});"
            " if (b) { b.click(); return true; } return false; })()")
        assert pressed, (label, self.browser.evaluate(
            "[...document.querySelectorAll('[data-choice]')].map(b => b.innerText)"))
        self.browser.wait_event("Page.loadEventFired", timeout=120)
        return self.replies()[before:]
