"""The web chat in real headless Chromium against the test server (the assistant faked).

Chromium sends ``Origin: null`` with a form post from a page whose referrer policy is
``no-referrer``, and Django's CSRF check then refuses every message: these tests send real
messages, and follow a link from a token page to another origin to show the token link never
leaves the site in a ``Referer``.

Needs Chromium and axe-core: scripts/browser.sh installs them (scripts/test.sh runs it).
"""

from __future__ import annotations

import http.server
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from pytest_django.live_server_helper import LiveServer

from assistant.catalog_build import domain_responses
from assistant.translate import translate
from assistant.web_wording import yes_no_choices
from chat import web
from i18n.languages import all_languages
from leaflets import services
from leaflets.statuses import IssueChannel
from messaging.assistant import AssistantReply, Choice
from organisations.models import Organisation
from tests.chat.browser import ChatPage
from tests.leaflets.cdp import Browser
from tests.leaflets.test_browser import AXE_RUN, AXE_TAGS


@pytest.fixture
def fake_assistant(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    asked: list[str] = []

    def answer(*, sender: str, text: str, **_: object) -> list[AssistantReply]:
        asked.append(text)
        if text == "question":
            return [AssistantReply("Read https://example.org/rights?a=1&b=2 or call 0808 157 0123."
                                   " Not a link: javascript:alert(1) <b>bold</b>"),
                    AssistantReply("Is that right? Choose Yes or No.",
                                   (Choice("Tak", "tak"), Choice("Nie", "nie")))]
        return [AssistantReply(f"You said: {text}")]

    monkeypatch.setattr(web, "relay_to_assistant", answer)
    return asked


@pytest.mark.django_db(transaction=True)
def test_a_message_sent_from_chromium_is_answered(browser: Browser, live_server: LiveServer,
                                                  force: Organisation,
                                                  fake_assistant: list[str]) -> None:
    chat = ChatPage(browser, live_server.url, "en")
    chat.open()
    replies = chat.send("hello")
    assert fake_assistant == ["hello"]
    assert replies == ["You said: hello"]
    assert chat.status_of_last_load() == 200


@dataclass
class OtherSite:
    """A server on another origin that records the Referer of every request it gets."""

    referers: list[str] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)


@pytest.fixture
def other_site() -> Iterator[tuple[str, OtherSite]]:
    seen = OtherSite()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.paths.append(self.path)
            seen.referers.append(self.headers.get("Referer", ""))
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(b"<!doctype html><title>elsewhere</title><p>elsewhere</p>")

        def log_message(self, *args: object) -> None:
            return

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        # 127.0.0.1, while the test server is "localhost": another origin (and another site).
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.django_db(transaction=True)
def test_the_token_link_never_reaches_another_origin(
        browser: Browser, live_server: LiveServer, force: Organisation,
        other_site: tuple[str, OtherSite], fake_assistant: list[str]) -> None:
    other_url, seen = other_site
    issued = services.issue_leaflet(language="pl", channels=[IssueChannel.SMS],
                                    organisation=force)
    link = issued.short_url.replace(services.short_url(""), f"{live_server.url}/l/")
    assert "localhost" in link
    browser.goto(link)
    assert browser.evaluate("location.pathname").startswith("/l/")
    # A link to the other origin, followed, as any external link on the page would be.
    browser.evaluate(f"""(() => {{
        const a = document.createElement('a'); a.href = '{other_url}/followed'; a.id = 'out';
        a.textContent = 'out'; document.body.appendChild(a);
    }})()""")
    browser.events.clear()
    browser.evaluate("document.getElementById('out').click()")
    browser.wait_event("Page.loadEventFired")
    assert browser.evaluate("location.pathname") == "/followed"
    followed = dict(zip(seen.paths, seen.referers, strict=True))
    assert followed["/followed"] == ""
    assert not [referer for referer in seen.referers
                if "/l/" in referer or live_server.url in referer], seen.referers

    # The same page still sends its origin to its own site: the chat's form post works.
    browser.goto(link)
    browser.evaluate("document.querySelector('a[href^=\"/chat/\"]').click()")
    browser.wait_event("Page.loadEventFired")
    chat = ChatPage(browser, live_server.url, "pl")
    assert chat.send("dzień dobry") == ["You said: dzień dobry"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("code", ["en", "pl", "ar"])
def test_the_chat_screen(browser: Browser, live_server: LiveServer, force: Organisation,
                         fake_assistant: list[str], code: str) -> None:
    browser.viewport(390, 844)
    try:
        chat = ChatPage(browser, live_server.url, code)
        chat.open()
        assert browser.evaluate(AXE_RUN % AXE_TAGS, await_promise=True) == []
        chat.send("hello")
        replies = chat.send("question")
        assert len(replies) == 2, (replies, chat.replies(), fake_assistant)
        assert replies[1] == "Is that right? Choose Yes or No."
        # The newest replies are in view, announced, and the focus is back in the box.
        assert browser.evaluate("location.hash") == "#latest"
        top = browser.evaluate("document.getElementById('latest').getBoundingClientRect().top")
        assert 0 <= top + 1 < 844 / 2
        assert browser.evaluate("document.getElementById('latest').innerText").endswith(
            replies[0])
        assert browser.evaluate("document.activeElement.id") == "message"
        announced = "document.querySelector('[aria-live=polite]').textContent"
        for _ in range(50):
            if browser.evaluate(announced):
                break
            time.sleep(0.05)
        assert browser.evaluate(announced) == " ".join(replies)
        # Links: the web address and the phone number, nothing else; no markup from a reply.
        links = browser.evaluate("[...document.querySelectorAll('[data-text] a')]"
                                 ".map(a => a.getAttribute('href'))")
        assert links == ["https://example.org/rights?a=1&b=2", "tel:08081570123"]
        assert browser.evaluate("document.querySelectorAll('[data-text] b').length") == 0
        # A large Send button (44 CSS px at least, as the reply buttons).
        for selector in ("[data-send]", "[data-choice]"):
            height = browser.evaluate(
                f"document.querySelector('{selector}').getBoundingClientRect().height")
            assert height >= 44, (selector, height)
        assert browser.evaluate(AXE_RUN % AXE_TAGS, await_promise=True) == []
        # A reply button sends its answer.
        assert chat.choose("Tak") == ["You said: tak"]
        assert fake_assistant[-1] == "tak"
        said = "[...document.querySelectorAll('[data-who=you] [data-text]')].map(e => e.innerText)"
        assert browser.evaluate(said)[-1] == "Tak"  # the button's title, not its payload
    finally:
        browser.page("Emulation.clearDeviceMetricsOverride")


@pytest.mark.django_db(transaction=True)
def test_the_chat_works_without_javascript(browser: Browser, live_server: LiveServer,
                                           force: Organisation,
                                           fake_assistant: list[str]) -> None:
    browser.page("Emulation.setScriptExecutionDisabled", value=True)
    try:
        chat = ChatPage(browser, live_server.url, "en")
        chat.open()
        replies = chat.send("question")  # a plain form post, answered by a redirect
        assert fake_assistant == ["question"]
        assert len(replies) == 2
        assert browser.evaluate("location.hash") == "#latest"  # the page lands on the reply
        assert browser.evaluate("document.querySelector('[aria-live]').textContent") == ""
        assert chat.choose("Nie") == ["You said: nie"]
    finally:
        browser.page("Emulation.setScriptExecutionDisabled", value=False)


@pytest.mark.django_db(transaction=True)
def test_axe_finds_nothing_on_the_chat_screen_in_any_language(
        browser: Browser, live_server: LiveServer, force: Organisation,
        monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    """Every language's chat after one message: its own reply and Yes/No buttons on screen."""
    # One browser opens 55 chats: more than one client may start in a few minutes.
    settings.SIGNPOST_CHAT_SESSIONS_PER_CLIENT = 100
    settings.SIGNPOST_CHAT_MESSAGES_PER_CLIENT = 100
    question = domain_responses()["utter_ask_consent_decision_self"][0]
    shown: list[str] = []  # the language of the page open now

    def answer(*, sender: str, text: str, **_: object) -> list[AssistantReply]:
        choices = tuple(Choice(title, payload) for title, payload in yes_no_choices(shown[-1]))
        return [AssistantReply(translate(question, shown[-1]), choices)]

    monkeypatch.setattr(web, "relay_to_assistant", answer)
    found: dict[str, object] = {}
    for lang in all_languages():
        shown.append(lang.code)
        chat = ChatPage(browser, live_server.url, lang.code)
        chat.open()
        assert chat.send("hello") == [translate(question, lang.code)]
        buttons = browser.evaluate(
            "[...document.querySelectorAll('[data-choice]')].map(b => b.innerText.trim())")
        assert [title for title, _ in yes_no_choices(lang.code)] == buttons[:2], buttons
        violations = browser.evaluate(AXE_RUN % AXE_TAGS, await_promise=True)
        if violations:
            found[lang.code] = violations
    assert len(all_languages()) == 55
    assert found == {}
