"""The web chat is limited: a script cannot open conversation after conversation (48 recipients
in the probe) nor pour messages into one; other clients keep chatting."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from chat import web
from messaging.assistant import AssistantReply
from messaging.models import Recipient

pytestmark = pytest.mark.django_db

SCRIPT, VICTIM = "198.51.100.66", "203.0.113.10"


@pytest.fixture(autouse=True)
def _relay(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    monkeypatch.setattr(web, "relay_to_assistant", lambda **_: [AssistantReply("Hello")])
    settings.SIGNPOST_CHAT_SESSIONS_PER_CLIENT = 3
    settings.SIGNPOST_CHAT_MESSAGES_PER_SESSION = 5
    settings.SIGNPOST_CHAT_MESSAGES_PER_CLIENT = 8


def _say(client: Client, text: str, ip: str) -> int:
    return client.post("/chat/en/", {"message": text}, REMOTE_ADDR=ip).status_code


def test_a_script_starting_fresh_conversations_is_stopped_after_the_limit() -> None:
    answers = [_say(Client(), "I want to refer myself", SCRIPT) for _ in range(48)]
    assert answers[:3] == [302] * 3
    assert set(answers[3:]) == {429}
    assert Recipient.objects.count() == 3
    assert _say(Client(), "hello", VICTIM) == 302  # someone else is not affected


def test_messages_in_one_conversation_and_from_one_address_are_limited() -> None:
    chat = Client()
    answers = [_say(chat, f"message {n}", SCRIPT) for n in range(8)]
    assert answers == [302] * 6 + [429] * 2  # the first starts it, then 5 more
    refused = chat.post("/chat/en/", {"message": "more"}, REMOTE_ADDR=SCRIPT)
    assert refused["Retry-After"].isdigit()
    assert "999" in refused.content.decode()
    second = Client()
    assert [_say(second, f"again {n}", SCRIPT) for n in range(3)] == [302, 302, 429]  # 8 in all


def test_a_danger_message_past_every_limit_still_reaches_the_assistant(
        monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def relay(**kwargs: Any) -> list[AssistantReply]:
        asked.append(kwargs["text"])
        return [AssistantReply("If you are in danger now, call 999.")]

    monkeypatch.setattr(web, "relay_to_assistant", relay)
    chat = Client()
    assert [_say(chat, f"message {n}", SCRIPT) for n in range(8)][-1] == 429
    assert _say(chat, "he is at my door with a knife", SCRIPT) == 302
    assert asked[-1] == "he is at my door with a knife"
    assert "call 999" in chat.get("/chat/en/", REMOTE_ADDR=SCRIPT).content.decode()
    assert _say(Client(), "he is at my door with a knife", SCRIPT) == 302  # a new chat too
