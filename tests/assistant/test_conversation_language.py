"""The conversation starts in the language the force already knows, and weak evidence (a
greeting, one word, a number) never switches it; unknown and too short: English, with one line
offering the language menu; a machine-draft language says so once."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.language import ValidateSlotMappings
from assistant.nlu.detection import detect_language
from assistant.nlu.keywords import match_navigation
from tests.assistant.trackers import tracker

CUSTOM = {"type": "text", "influence_conversation": False, "mappings": [{"type": "custom"}]}
DOMAIN: dict[str, Any] = {"slots": {"language": CUSTOM, "language_note": CUSTOM}}
pytestmark = pytest.mark.asyncio
SHORT_FIRST_TEXTS = ["olá", "hola", "merhaba", "salaan", "Hola!", "3", "ok", "hi"]


async def _turn(text: str, *, sender: str, intent: str = "greet",
                slots: dict[str, Any] | None = None,
                entities: list[dict[str, Any]] | None = None,
                ) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    dispatcher = CollectingDispatcher()
    events = await ValidateSlotMappings().run(dispatcher, tracker(
        text, intent=intent, sender=sender, slots=slots, entities=entities), DOMAIN)
    return events, dispatcher.messages


async def _recipient(language: str, phone: str = "+447700900123") -> str:
    from messaging.models import Recipient

    victim = await sync_to_async(Recipient.objects.create)(phone=phone, language=language)
    return str(victim.conversation_id)


@pytest.mark.parametrize("text", SHORT_FIRST_TEXTS)
async def test_short_texts_say_nothing_of_their_language(text: str) -> None:
    assert detect_language(text) is None
    found = match_navigation(text)
    assert found is None or found.language is None


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("text", SHORT_FIRST_TEXTS)
async def test_a_phone_sent_a_polish_leaflet_starts_in_polish(text: str) -> None:
    sender = await _recipient("pl")
    events, messages = await _turn(text, sender=sender)
    assert SlotSet("language", "pl") in events
    # Polish replies are machine drafts: the first reply says so once, in Polish.
    assert [(m["response"], m["language"]) for m in messages] == [("utter_machine_draft", "pl")]
    assert SlotSet("language_note", "pl") in events
    events, messages = await _turn(text, sender=sender, slots={"language": "pl",
                                                               "language_note": "pl"})
    assert messages == []
    assert not [e for e in events if e.get("name") == "language"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("text", SHORT_FIRST_TEXTS)
async def test_unknown_and_too_short_is_english_with_one_language_line(text: str) -> None:
    sender = await _recipient("en")
    events, messages = await _turn(text, sender=sender)
    assert not [e for e in events if e.get("name") == "language"]  # stays English
    assert [m["response"] for m in messages] == ["utter_language_offer"]
    assert SlotSet("language_note", "offered") in events
    events, messages = await _turn(text, sender=sender, slots={"language_note": "offered"})
    assert messages == []


@pytest.mark.django_db(transaction=True)
async def test_a_confident_first_message_in_another_language_is_taken_and_remembered() -> None:
    from messaging.models import Recipient

    sender = await _recipient("pl")
    detected = [{"entity": "language", "role": "detected", "value": "ro"}]
    events, _ = await _turn("Bună ziua, am primit un mesaj de la poliție", sender=sender,
                            entities=detected)
    assert SlotSet("language", "ro") in events
    stored = await sync_to_async(
        lambda: Recipient.objects.get(conversation_id=sender).language)()
    assert stored == "ro"  # the keyword layer and the gateway's texts use it from now on


@pytest.mark.django_db(transaction=True)
async def test_once_known_a_detection_never_switches() -> None:
    sender = await _recipient("pl")
    detected = [{"entity": "language", "role": "detected", "value": "ro"}]
    events, _ = await _turn("Bună ziua, am primit un mesaj de la poliție", sender=sender,
                            entities=detected, slots={"language": "pl", "language_note": "pl"})
    assert not [e for e in events if e.get("name") == "language"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("intent", ["danger", "nlu_fallback", "change_language"])
async def test_no_language_line_before_danger_or_a_language_reply(intent: str) -> None:
    sender = await _recipient("en")
    _, messages = await _turn("he is here", sender=sender, intent=intent)
    assert messages == []
    sender = await _recipient("it", phone="+447700900124")
    _, messages = await _turn("aiuto", sender=sender, intent=intent)
    assert messages == []


@pytest.mark.django_db(transaction=True)
async def test_choosing_a_machine_draft_language_says_so_once() -> None:
    from actions.menu import ActionChoose

    dispatcher = CollectingDispatcher()
    events = await ActionChoose().run(dispatcher, tracker("2", slots={"menu": "language"}), {})
    assert [m["response"] for m in dispatcher.messages] == [
        "utter_language_set", "utter_machine_draft"]
    assert SlotSet("language_note", "pl") in events
    dispatcher = CollectingDispatcher()
    await ActionChoose().run(dispatcher, tracker("2", slots={"menu": "language",
                                                             "language_note": "pl"}), {})
    assert [m["response"] for m in dispatcher.messages] == ["utter_language_set"]
