"""Web chat from the leaflet page: the same relay to Rasa as a text, without a phone number.

A web chat is a ``Recipient`` with no contact details; its opaque ``conversation_id`` is the
Rasa sender id, exactly as for SMS. The transcript lives in the visitor's (server-side) session.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from channels.text import storable
from messaging.assistant import AssistantUnavailable, ask_assistant
from messaging.models import Recipient

MAX_TURNS = 60
MAX_TEXT = 1000
YOU, ASSISTANT = "you", "assistant"


@dataclass
class Transcript:
    conversation_id: str = ""
    language: str = "en"
    turns: list[tuple[str, str]] = field(default_factory=list)

    @classmethod
    def from_session(cls, data: Any, language: str) -> Transcript:
        if not isinstance(data, dict) or data.get("language") != language:
            return cls(language=language)
        turns = [(str(who), str(text)) for who, text in data.get("turns", [])]
        return cls(str(data.get("conversation_id", "")), language, turns)

    def as_session(self) -> dict[str, Any]:
        return {"conversation_id": self.conversation_id, "language": self.language,
                "turns": [list(turn) for turn in self.turns[-MAX_TURNS:]]}


def send_message(*, transcript: Transcript, text: str) -> bool:
    """Relay one message and record the replies; False when the assistant did not answer.

    NUL is dropped as from an SMS (``channels.text``): the assistant's tracker store, in SQL,
    cannot hold it.
    """
    text = storable(text).strip()[:MAX_TEXT]
    if not text:
        return True
    try:
        if not transcript.conversation_id:
            # The page's language: the assistant takes it as the victim's stored language
            # (actions/language.py) unless the first message is written in another.
            recipient = Recipient.objects.create(language=transcript.language)
            transcript.conversation_id = recipient.conversation_id
        language = (Recipient.objects.filter(conversation_id=transcript.conversation_id)
                    .values_list("language", flat=True).first())
        replies = ask_assistant(base_url=settings.RASA_URL, sender=transcript.conversation_id,
                                text=text, timeout=settings.SIGNPOST_RASA_TIMEOUT_S,
                                language=language)
    except AssistantUnavailable:
        transcript.turns.append((YOU, text))
        return False
    transcript.turns.append((YOU, text))
    transcript.turns.extend((ASSISTANT, reply.text) for reply in replies)
    return True
