"""Web chat from the leaflet page: the same relay to Rasa as a text, without a phone number.

A web chat is a ``Recipient`` with no contact details; its opaque ``conversation_id`` is the
Rasa sender id, exactly as for SMS, and its messages take the SMS relay's path: one turn of a
conversation at a time (``conversation_turn``), the conversation's Rasa server by the same stable
hash, and the same cap on requests in flight per server (``ask_any_assistant``). The page waits
for the answer. The transcript lives in the visitor's (server-side) session; everything the
visitor typed, and any reply holding a phone number, email address or name, is kept there
encrypted under the contact keys (a name, unlike a number, is not reliably recognisable).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings

from assistant.redaction import has_contact
from channels.text import storable
from messaging.assistant import (
    AssistantBusy,
    AssistantReply,
    AssistantUnavailable,
    Choice,
    ask_any_assistant,
)
from messaging.conversation_lock import ConversationBusy, conversation_turn
from messaging.crypto import UndecryptableContact, key_ring
from messaging.models import Recipient

MAX_TURNS = 60
MAX_TEXT = 1000
YOU, ASSISTANT = "you", "assistant"
SEALED = "sealed"
UNREADABLE = "…"
# Tells the assistant the message comes from the web chat: it words replies for a screen
# ("choose", buttons) rather than for a text ("Reply YES").
WEB_METADATA = {"channel": "web"}


@dataclass(frozen=True)
class Turn:
    who: str
    text: str
    choices: tuple[Choice, ...] = ()

    def as_session(self) -> list[Any]:
        """The visitor's turns, and a reply holding a number, address or name, are kept
        encrypted (``SEALED``)."""
        choices = [[c.title, c.payload] for c in self.choices]
        if self.who == YOU or has_contact(self.text):
            return [self.who, key_ring().encrypt(self.text), choices, SEALED]
        return [self.who, self.text, choices]

    @classmethod
    def from_session(cls, data: Any) -> Turn:
        who, text, *rest = data
        choices = tuple(Choice(str(title), str(payload)) for title, payload in
                        (rest[0] if rest and isinstance(rest[0], list) else []))
        if rest[1:2] == [SEALED]:
            try:
                text = key_ring().decrypt(str(text))
            except UndecryptableContact:  # its key has been rotated out since
                text = UNREADABLE
        return cls(str(who), str(text), choices)


@dataclass
class Transcript:
    conversation_id: str = ""
    language: str = "en"
    turns: list[Turn] = field(default_factory=list)

    @classmethod
    def from_session(cls, data: Any, language: str) -> Transcript:
        if not isinstance(data, dict) or data.get("language") != language:
            return cls(language=language)
        turns = [Turn.from_session(turn) for turn in data.get("turns", [])]
        return cls(str(data.get("conversation_id", "")), language, turns)

    def as_session(self) -> dict[str, Any]:
        return {"conversation_id": self.conversation_id, "language": self.language,
                "turns": [turn.as_session() for turn in self.turns[-MAX_TURNS:]]}

    def latest_replies(self) -> list[Turn]:
        """The assistant's replies to the last message (what a new page should show first)."""
        found: list[Turn] = []
        for turn in reversed(self.turns):
            if turn.who != ASSISTANT:
                break
            found.append(turn)
        return list(reversed(found))


def relay_to_assistant(*, sender: str, text: str,
                       language: str | None = None) -> list[AssistantReply]:
    """Ask the conversation's Rasa server, as the SMS relay does, and wait for its replies.

    ``language``: the conversation's language as Signpost knows it (``ask_assistant``).

    ``AssistantBusy`` when another message of the same chat is still with the assistant (a
    second tab, a double click) for longer than the assistant may take.
    """
    try:
        with conversation_turn(sender, wait_s=settings.SIGNPOST_RASA_TIMEOUT_S):
            return ask_any_assistant(
                servers=settings.RASA_URLS, sender=sender, text=text,
                timeout=settings.SIGNPOST_RASA_TIMEOUT_S,
                in_flight=settings.SIGNPOST_RASA_IN_FLIGHT,
                metadata={**WEB_METADATA, **({"language": language} if language else {})})
    except ConversationBusy:
        raise AssistantBusy("an earlier message of this chat is still with the assistant") \
            from None


def send_message(*, transcript: Transcript, text: str, shown: str | None = None) -> bool:
    """Relay one message and record the replies; False when the assistant did not answer.

    ``shown``: what the transcript shows for the message (a pressed button's title, while its
    payload is what the assistant gets).

    NUL is dropped as from an SMS (``channels.text``): the assistant's tracker store, in SQL,
    cannot hold it.
    """
    text = storable(text).strip()[:MAX_TEXT]
    if not text:
        return True
    if not transcript.conversation_id:
        # The page's language: the assistant takes it as the victim's stored language
        # (actions/language.py) unless the first message is written in another.
        recipient = Recipient.objects.create(language=transcript.language)
        transcript.conversation_id = recipient.conversation_id
    transcript.turns.append(Turn(YOU, shown or text))
    try:
        language = (Recipient.objects.filter(conversation_id=transcript.conversation_id)
                    .values_list("language", flat=True).first())
        replies = relay_to_assistant(sender=transcript.conversation_id, text=text,
                                     language=language)
    except AssistantUnavailable:
        return False
    transcript.turns.extend(Turn(ASSISTANT, reply.text, reply.choices) for reply in replies)
    return bool(replies)
