"""The web chat page: works without JavaScript, relays like SMS, CSRF on."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from django.test import Client

from chat import web
from messaging.assistant import AssistantReply, AssistantUnavailable
from messaging.models import Recipient

pytestmark = pytest.mark.django_db


@dataclass
class Relay:
    asked: list[tuple[str, str]] = field(default_factory=list)
    languages: list[str | None] = field(default_factory=list)


@pytest.fixture
def relay(monkeypatch: pytest.MonkeyPatch) -> Relay:
    found = Relay()
    asked = found.asked

    def fake_ask(*, sender: str, text: str,
                 language: str | None = None) -> list[AssistantReply]:
        asked.append((sender, text))
        found.languages.append(language)
        if text == "broken":
            raise AssistantUnavailable("HTTP 500")
        return [AssistantReply("Hello from the assistant"), AssistantReply("Reply MENU")]

    monkeypatch.setattr(web, "relay_to_assistant", fake_ask)
    return found


def test_page_has_a_plain_form_with_csrf() -> None:
    response = Client().get("/chat/pl/")
    assert response.status_code == 200
    body = response.content.decode()
    assert 'lang="pl"' in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert '<form method="post"' in body
    assert response["Cache-Control"] == "no-store"


def test_unknown_language_is_404() -> None:
    assert Client().get("/chat/xx/").status_code == 404


def test_post_without_csrf_token_is_refused(relay: Relay) -> None:
    response = Client(enforce_csrf_checks=True).post("/chat/en/", {"message": "hello"})
    assert response.status_code == 403
    assert relay.asked == []


def test_conversation_relays_under_an_opaque_sender(relay: Relay) -> None:
    client = Client()
    response = client.post("/chat/ro/", {"message": "Bună ziua"})
    assert response.status_code == 302
    assert response["Location"] == "/chat/ro/#latest"  # lands on the newest reply
    [(sender, text)] = relay.asked
    recipient = Recipient.objects.get(conversation_id=sender)
    assert recipient.phone == ""
    assert recipient.email == ""
    assert recipient.language == "ro"
    assert text == "Bună ziua"
    body = client.get("/chat/ro/").content.decode()
    assert "Bună ziua" in body
    assert "Hello from the assistant" in body
    client.post("/chat/ro/", {"message": "menu"})
    assert [s for s, _ in relay.asked] == [sender, sender]  # the same conversation continues
    # The page's language goes with each text: the assistant starts in it, and its keyword
    # layer reads reply words ("nu") in it.
    assert relay.languages == ["ro", "ro"]


def test_assistant_down_says_so(relay: Relay) -> None:
    client = Client()
    response = client.post("/chat/en/", {"message": "broken"})
    assert response["Location"].endswith("?unavailable=1#latest")
    body = client.get(response["Location"]).content.decode()
    assert "not available just now" in body


def test_the_leaflet_links_to_the_chat_in_its_language() -> None:
    body = Client().get("/leaflet/pl/").content.decode()
    assert 'href="/chat/pl/"' in body


@pytest.mark.parametrize("path", ["/leaflet/en/", "/chat/ar/", "/leaflet/"])
def test_pages_keep_the_referrer_on_the_site_only(path: str) -> None:
    """Header and meta agree: same-origin posts carry their origin (CSRF), no other site ever
    gets a referrer (the token link stays on the site)."""
    response = Client().get(path)
    assert response["Referrer-Policy"] == "same-origin"
    assert '<meta name="referrer" content="same-origin">' in response.content.decode()
