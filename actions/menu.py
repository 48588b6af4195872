"""The numbered menus: the main menu, and what a number means after each menu."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import number_of, user_turns
from actions.data import FORM as DATA_REQUEST_FORM
from actions.data import DataRequest, ask_to_confirm
from actions.language import ActionLanguageMenu, choose_language
from actions.leaflet import ActionSendLeaflet
from actions.rights import ActionShowRights
from actions.stop import stop_all, stop_questions
from actions.support import ActionSupportLine

MAIN, RIGHTS, LANGUAGE = "main", "rights", "language"
STOP_SCOPE, STOP_ALL = "stop_scope", "stop_all"
RIGHTS_COUNT = 12
NEEDS_FORM = "needs_form"
# Main menu number -> the action that answers it, run here (a follow-up action would leave the
# dialogue policy to guess what comes after it); a form is started as a follow-up.
MAIN_MENU: dict[int, type[Action] | str] = {
    1: ActionShowRights,
    2: ActionSendLeaflet,
    3: NEEDS_FORM,
    4: ActionSupportLine,
    5: ActionLanguageMenu,
    6: DATA_REQUEST_FORM,  # deleting asks for confirmation first
}
STOP_INTENT = "stop"


def show_menu(dispatcher: CollectingDispatcher) -> list[dict[str, Any]]:
    dispatcher.utter_message(response="utter_menu")
    return [SlotSet("menu", MAIN)]


class ActionShowMenu(Action):
    def name(self) -> str:
        return "action_show_menu"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        return show_menu(dispatcher)


class ActionChoose(Action):
    """A number answers the last menu shown (slot ``menu``); with no menu, show the main one."""

    def name(self) -> str:
        return "action_choose"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        number, menu = number_of(tracker), tracker.get_slot("menu")
        if number is None or menu is None:
            return show_menu(dispatcher)
        if menu == LANGUAGE:
            return await choose_language(dispatcher, tracker, number)
        if menu in (STOP_SCOPE, STOP_ALL) and not _answers_stop_question(tracker):
            # Stopping all messages is acted on only as the answer to the question just asked.
            return show_menu(dispatcher)
        if menu == STOP_SCOPE and number in (1, 2):
            return await (stop_questions(dispatcher, tracker) if number == 1
                          else stop_all(dispatcher, tracker))
        if menu == STOP_ALL and number in (1, 2):
            if number == 1:
                return await stop_all(dispatcher, tracker)
            dispatcher.utter_message(response="utter_carry_on")
            return [SlotSet("menu", None)]
        if menu == RIGHTS and 1 <= number <= RIGHTS_COUNT:
            dispatcher.utter_message(response=f"utter_right_{number}")
            return []
        if menu == MAIN and number in MAIN_MENU:
            return await main_choice(dispatcher, tracker, domain, number)
        dispatcher.utter_message(response="utter_choose_again")
        return []


def _answers_stop_question(tracker: Tracker) -> bool:
    """Whether the victim's message before this one asked to stop (so the question came last)."""
    turns = user_turns(tracker, 2)
    return len(turns) == 2 and (turns[0].get("parse_data") or {}).get(
        "intent", {}).get("name") == STOP_INTENT


async def main_choice(dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any],
                      number: int) -> list[dict[str, Any]]:
    chosen = MAIN_MENU[number]
    if chosen == DATA_REQUEST_FORM:  # the form asks its confirmation question itself
        return [SlotSet("menu", None), *ask_to_confirm(DataRequest.ERASE), FollowupAction(chosen)]
    if isinstance(chosen, str):  # the needs form: it asks its first question itself
        dispatcher.utter_message(response="utter_needs_intro")
        return [SlotSet("menu", None), FollowupAction(chosen)]
    events: list[dict[str, Any]] = await chosen().run(dispatcher, tracker, domain)
    return [SlotSet("menu", None), *events]
