"""The web chat (/chat/<code>/) under hostile messages: very long, binary, mixed scripts, control
characters, injection strings. Never a 500; the text relayed is what was typed (trimmed, cut at
the limit); the page shows it escaped; no CSRF without a token."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from channels.text import storable
from chat import web
from chat.views import SESSION_KEY
from messaging.assistant import AssistantReply
from tests.hardening.hostile import NASTY, path_segments, texts, url_segment
from tests.hardening.stored import stored_state

pytestmark = pytest.mark.django_db
FUZZ = settings(max_examples=40, deadline=None,
                suppress_health_check=[HealthCheck.function_scoped_fixture,
                                       HealthCheck.too_slow])
messages = st.one_of(texts, st.sampled_from(["a" * 100_000, "<script>alert(1)</script>" * 50,
                                             "\x00" * 5_000, "مرحبا 你好 Привет 🙂" * 200]))


@pytest.fixture(autouse=True)
def _no_chat_limits(settings: Any) -> None:
    """Hundreds of posts from one test address: the limits are tested in tests/chat."""
    settings.SIGNPOST_CHAT_SESSIONS_PER_CLIENT = 10_000
    settings.SIGNPOST_CHAT_MESSAGES_PER_CLIENT = 10_000
    settings.SIGNPOST_CHAT_MESSAGES_PER_SESSION = 10_000


@dataclass
class Relay:
    asked: list[str] = field(default_factory=list)


@pytest.fixture
def relay(monkeypatch: pytest.MonkeyPatch) -> Relay:
    found = Relay()

    def fake_ask(*, sender: str, text: str,
                 language: str | None = None) -> list[AssistantReply]:
        found.asked.append(text)
        return [AssistantReply(f"You said: {text[:50]}")]  # an echo: the page must escape it

    monkeypatch.setattr(web, "relay_to_assistant", fake_ask)
    return found


@FUZZ
@given(text=messages, code=st.sampled_from(["en", "pl", "ar", "zh_Hans", "fa_AF"]))
def test_any_message_is_relayed_as_typed_and_shown_escaped(relay: Relay, text: str,
                                                           code: str) -> None:
    client = Client()
    relay.asked.clear()
    response = client.post(f"/chat/{code}/", {"message": text})
    assert response.status_code in (302, 404)  # 404: a code that is not a leaflet language
    if response.status_code == 404:
        return
    expected = storable(text).strip()[:web.MAX_TEXT]
    assert relay.asked == ([expected] if expected else [])
    page = client.get(response["Location"])
    assert page.status_code == 200
    body = page.content.decode()
    assert "<script>alert" not in body
    assert "<img src=x" not in body


@FUZZ
@given(segment=path_segments, text=st.sampled_from(NASTY))
def test_unknown_chat_codes_are_404_and_store_nothing(relay: Relay, segment: str,
                                                      text: str) -> None:
    before = stored_state(skip={"sessions.session"})
    client = Client()
    path = f"/chat/{url_segment(segment)}/"
    got = client.get(path)
    posted = client.post(path, {"message": text})
    assert got.status_code in (200, 404)
    assert posted.status_code in (302, 404)
    if got.status_code == 404:
        assert posted.status_code == 404
        assert relay.asked == []
        assert stored_state(skip={"sessions.session"}) == before


def test_undecodable_bytes_are_read_not_refused_with_a_500(relay: Relay) -> None:
    client = Client()
    for raw in (b"message=%ff%fe%00abc", b"message=\xff\xfe\x00", b"\xff" * 1000,
                b"message=" + b"%e2%80%ae" * 300):
        response = client.generic("POST", "/chat/en/", raw,
                                  content_type="application/x-www-form-urlencoded")
        assert response.status_code == 302, raw[:20]
    assert client.get("/chat/en/").status_code == 200


def test_a_chat_post_without_a_csrf_token_is_refused_and_relays_nothing(relay: Relay) -> None:
    before = stored_state(skip={"sessions.session"})
    response = Client(enforce_csrf_checks=True).post("/chat/en/", {"message": NASTY[4]})
    assert response.status_code == 403
    assert relay.asked == []
    assert stored_state(skip={"sessions.session"}) == before


def test_a_long_conversation_keeps_only_the_last_turns(relay: Relay) -> None:
    client = Client()
    for number in range(web.MAX_TURNS):
        client.post("/chat/en/", {"message": f"message {number} " + "x" * 900})
    session = client.session[SESSION_KEY]
    assert len(session["turns"]) == web.MAX_TURNS
    visitors_last = web.Turn.from_session(session["turns"][-2])  # sealed at rest: opened here
    assert visitors_last.text.startswith(f"message {web.MAX_TURNS - 1} ")

