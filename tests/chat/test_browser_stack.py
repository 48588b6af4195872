"""A whole web chat in real headless Chromium, on the real stack (web, worker, Rasa, actions):
greeting, the rights, support, every needs question, consent, and a referral reference, in
English, Polish and Arabic (right to left), with axe-core finding nothing on the chat screen.

The victim uses the screen as a person would: the Menu, choice and Yes buttons, and the message
box. The safe-number question is given a number it refuses, twice, and must then move on.

``SIGNPOST_CHAT_SCREENSHOTS=<folder>`` saves phone (390x844) and desktop (1280x800) screenshots
of the chat (docs/img/ holds the ones in docs/assistant.md).
"""

from __future__ import annotations

import base64
import os
from pathlib import Path
from typing import Any

import pytest

from assistant.translate import translate
from assistant.web_wording import menu_choice, yes_no_choices
from tests.chat.browser import ChatPage
from tests.leaflets.cdp import Browser
from tests.leaflets.test_browser import AXE_RUN, AXE_TAGS
from tests.stack import RunningStack, wait_for

pytestmark = pytest.mark.stack
GREETING = {"en": "hello", "pl": "dzień dobry", "ar": "مرحبا"}
SAFE_NUMBER_TO_TEXT = "Which phone number is safe to text you on? Send the number, or 0 to skip."
NO_SAFE_NUMBER = ("I could not read that number either, so I have not saved a safe number. "
                  "The support service will ask you how to contact you safely.")
MAX_STEPS = 40
STARTUP_S = 900  # Rasa loads its model in minutes on a busy two-core machine


def _choices(browser: Browser) -> list[str]:
    found: list[str] = browser.evaluate(
        "[...document.querySelectorAll('[data-choice]')].map(b => b.innerText.trim())")
    return found


def _violations(browser: Browser) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = browser.evaluate(AXE_RUN % AXE_TAGS, await_promise=True)
    return found


def _screenshot(browser: Browser, name: str) -> None:
    folder = os.environ.get("SIGNPOST_CHAT_SCREENSHOTS")
    if not folder:
        return
    for width, height, label in ((390, 844, "phone"), (1280, 800, "desktop")):
        browser.page("Emulation.setDeviceMetricsOverride", width=width, height=height,
                     deviceScaleFactor=1, mobile=width < 500)
        browser.evaluate("location.hash === '#latest' && document.getElementById('latest')"
                         " && document.getElementById('latest').scrollIntoView({block: 'start'})")
        shot = browser.page("Page.captureScreenshot", format="png")
        Path(folder).mkdir(parents=True, exist_ok=True)
        (Path(folder) / f"chat-{name}-{label}.png").write_bytes(base64.b64decode(shot["data"]))
    browser.page("Emulation.clearDeviceMetricsOverride")


@pytest.mark.parametrize("code", ["en", "pl", "ar"])
def test_a_whole_chat_in_chromium(stack: RunningStack, browser: Browser, code: str) -> None:
    wait_for(lambda: stack.get_json(f"{stack.config.web_url}/healthz")[0] == 200,
             timeout_s=STARTUP_S, what="every process up")
    chat = ChatPage(browser, stack.config.web_url, code)
    chat.open()
    assert browser.evaluate("document.documentElement.dir") == ("rtl" if code == "ar" else "ltr")
    assert _violations(browser) == []

    greeting = chat.send(GREETING[code])
    assert greeting, "no greeting"
    assert browser.evaluate("document.activeElement.id") == "message"  # focus back in the box
    assert browser.evaluate("location.hash") == "#latest"
    menu_label = menu_choice(code)[0]
    menu = chat.choose(menu_label)
    assert len(_choices(browser)) >= 7, _choices(browser)  # six numbered choices and Menu
    assert _violations(browser) == []
    _screenshot(browser, f"menu-{code}")

    rights = chat.choose(_choices(browser)[0])  # 1 Your rights
    assert rights
    links = browser.evaluate("[...document.querySelectorAll('#latest a')].map(a => a.href)")
    assert any(f"/leaflet/{code}/" in link for link in links), (rights, links)

    chat.choose(menu_label)
    assert menu == chat.replies()[-len(menu):]
    batch = chat.choose(_choices(browser)[2])  # 3 Get support: the needs questions start
    yes = yes_no_choices(code)[0][0]
    safe_number_question = translate(SAFE_NUMBER_TO_TEXT, code)
    refused_numbers, shot = 0, False
    for _ in range(MAX_STEPS):
        assert batch, "the assistant said nothing"
        if any("R-" in reply for reply in batch):
            break
        choices = [c for c in _choices(browser) if c != menu_label]
        if safe_number_question in batch:
            refused_numbers += 1
            batch = chat.send("not a number")
        elif yes in choices:
            if not shot:
                assert _violations(browser) == []  # a yes/no question, its buttons shown
                _screenshot(browser, f"question-{code}")
                shot = True
            batch = chat.choose(yes)
        elif choices:
            batch = chat.choose(choices[0])  # the first option (how to contact you: Text)
        else:
            batch = chat.send("0")  # skip a free-text question
    else:
        pytest.fail(f"no referral reference after {MAX_STEPS} steps: {chat.replies()[-3:]}")
    transcript = chat.replies()
    assert translate(NO_SAFE_NUMBER, code) in transcript  # moved on after two refused numbers
    assert refused_numbers == 2
    assert _violations(browser) == []
    _screenshot(browser, f"referred-{code}")
