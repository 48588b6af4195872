"""The victim's language: detected once from their first message, or chosen at any time."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import ValidationAction
from rasa_sdk.types import DomainDict

from actions.common import detected_language, requested_language
from actions.services import call
from assistant.first_reply import OFFERED, Note, note_for
from assistant.languages import language_for_number, menu_options, page_count
from assistant.translate import is_machine_draft
from i18n.languages import language as language_named

LANGUAGE_MENU = "language"
NOTE_SLOT = "language_note"  # the language whose machine-draft line was shown, or "offered"


def _set_language(conversation_id: str, code: str) -> None:
    from chat.services import set_language  # needs Django set up first

    set_language(conversation_id=conversation_id, language=code)


async def switch_language(dispatcher: CollectingDispatcher, tracker: Tracker,
                          code: str) -> list[dict[str, Any]]:
    """Set the language and say so in it (the slot changes only after this action)."""
    await call(_set_language, tracker.sender_id, code)
    dispatcher.utter_message(response="utter_language_set", language=code,
                             language_name=language_named(code).native_name)
    events = [SlotSet("language", code), SlotSet("menu", None), SlotSet("menu_page", 0)]
    if tracker.get_slot(NOTE_SLOT) != code and is_machine_draft(code):
        dispatcher.utter_message(response=Note.MACHINE_DRAFT.value, language=code)
        events.append(SlotSet(NOTE_SLOT, code))
    return events


def language_menu(dispatcher: CollectingDispatcher, page: int) -> list[dict[str, Any]]:
    dispatcher.utter_message(response="utter_language_menu", options=menu_options(page))
    return [SlotSet("menu", LANGUAGE_MENU), SlotSet("menu_page", page)]


async def choose_language(dispatcher: CollectingDispatcher, tracker: Tracker,
                          number: int) -> list[dict[str, Any]]:
    """A number after the language menu: a language, or 0 for the next page."""
    if number == 0:
        page = int(tracker.get_slot("menu_page") or 0) + 1
        return language_menu(dispatcher, page % page_count())
    chosen = language_for_number(number)
    if chosen is None:
        dispatcher.utter_message(response="utter_choose_again")
        return []
    return await switch_language(dispatcher, tracker, chosen.code)


class ActionLanguageMenu(Action):
    def name(self) -> str:
        return "action_language_menu"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        return language_menu(dispatcher, 0)


class ActionSetLanguage(Action):
    """"Polski", "switch to Arabic": set it; just "language": show the menu."""

    def name(self) -> str:
        return "action_set_language"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        code = requested_language(tracker)
        if code is None:
            return language_menu(dispatcher, 0)
        return await switch_language(dispatcher, tracker, code)


class ValidateSlotMappings(ValidationAction):
    """Runs after every message, before the reply: the conversation's language, and the one line
    about it a reply may carry (assistant/first_reply.py).

    The language is set once: from the language the force already knows (the leaflet's, the
    web chat page's), unless the first message is confidently written in another (the detector
    needs at least 8 letters of Latin script, so a greeting, one word or a number never
    decides); after that only the victim's own choice changes it.
    """

    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = await super().run(dispatcher, tracker, domain)
        code = tracker.get_slot("language")  # the base class has added what it extracted
        intent = ((tracker.latest_message or {}).get("intent") or {}).get("name")
        note = note_for(language=code, noted=tracker.get_slot(NOTE_SLOT), intent=intent,
                        machine_draft=bool(code) and is_machine_draft(str(code)))
        if note is None:
            return events
        dispatcher.utter_message(response=note.value, language=code or "en")
        return [*events, SlotSet(NOTE_SLOT, code or OFFERED)]

    async def extract_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict[str, Any]:
        if tracker.get_slot("language"):
            return {}
        stored = await call(_stored_language, tracker.sender_id)
        detected = detected_language(tracker)
        if detected is not None and detected != stored:
            # Remembered with the recipient too: the gateway's texts and the keyword layer
            # (metadata sent with each text) use it.
            await call(_set_language, tracker.sender_id, detected)
        code = starting_language(detected=detected, stored=stored)
        return {"language": code} if code else {}


def starting_language(*, detected: str | None, stored: str | None) -> str | None:
    """The conversation's language after its first message: the one it is confidently written
    in, else the one the force already knows; None leaves the reply in English with the menu."""
    return detected or stored


def _stored_language(conversation_id: str) -> str | None:
    """The language the victim's leaflet was issued in, when it is not the default English."""
    from chat.services import stored_language

    return stored_language(conversation_id=conversation_id)
