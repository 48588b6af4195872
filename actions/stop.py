""""Stop" that reaches the assistant: inside a form, stop the form or all messages?"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language
from actions.needs import save_needs
from actions.services import call

STOPPED_ALL = "OK. You will get no more messages from us. Text START if you want them again."


class ActionAskStopScope(Action):
    def name(self) -> str:
        return "action_ask_stop_scope"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_ask_stop_scope")
        return [SlotSet("menu", "stop_scope")]


class ActionAskStopAll(Action):
    def name(self) -> str:
        return "action_ask_stop_all"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        dispatcher.utter_message(response="utter_ask_stop_all")
        return [SlotSet("menu", "stop_all")]


async def stop_questions(dispatcher: CollectingDispatcher,
                         tracker: Tracker) -> list[dict[str, Any]]:
    """Stop the form but keep every answer (saved as an unfinished assessment)."""
    events = await save_needs(tracker, completed=False)
    dispatcher.utter_message(response="utter_form_stopped")
    return [*events, SlotSet("menu", None)]


def _stop_all(conversation_id: str, code: str) -> bool:
    from chat.services import UnknownConversation, stop_all_messages

    try:
        return stop_all_messages(conversation_id=conversation_id, language=code,
                                 confirmation=STOPPED_ALL)
    except UnknownConversation:
        return False


async def stop_all(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
    """Opt out of texts; the gateway sends the one confirmation an opt-out allows."""
    texted = await call(_stop_all, tracker.sender_id, language(tracker))
    if not texted:
        dispatcher.utter_message(response="utter_stopped_all")
    return [SlotSet("menu", None)]
