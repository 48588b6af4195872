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
from assistant.languages import language_for_number, menu_options, page_count
from leaflets.languages import language as language_named

LANGUAGE_MENU = "language"


def _set_language(conversation_id: str, code: str) -> None:
    from chat.services import set_language  # needs Django set up first

    set_language(conversation_id=conversation_id, language=code)


async def switch_language(dispatcher: CollectingDispatcher, tracker: Tracker,
                          code: str) -> list[dict[str, Any]]:
    """Set the language and say so in it (the slot changes only after this action)."""
    await call(_set_language, tracker.sender_id, code)
    dispatcher.utter_message(response="utter_language_set", language=code,
                             language_name=language_named(code).native_name)
    return [SlotSet("language", code), SlotSet("menu", None), SlotSet("menu_page", 0)]


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
    """Runs after every message: a first message in a recognised language sets the language."""

    def name(self) -> str:
        return "action_validate_slot_mappings"

    async def extract_language(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                               domain: DomainDict) -> dict[str, Any]:
        if tracker.get_slot("language"):
            return {}
        code = detected_language(tracker) or await call(_stored_language, tracker.sender_id)
        return {"language": code} if code else {}


def _stored_language(conversation_id: str) -> str | None:
    """The language the victim's leaflet was issued in, when it is not the default English."""
    from chat.services import stored_language

    return stored_language(conversation_id=conversation_id)
