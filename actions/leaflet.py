"""Send the leaflet link through the gateway, in the victim's language."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language
from actions.services import call


def _send(conversation_id: str, code: str) -> Any:
    from chat.services import UnknownConversation, send_leaflet

    try:
        return send_leaflet(conversation_id=conversation_id, language=code)
    except UnknownConversation:
        return None


class ActionSendLeaflet(Action):
    def name(self) -> str:
        return "action_send_leaflet"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        sent = await call(_send, tracker.sender_id, language(tracker))
        if sent is None:
            dispatcher.utter_message(response="utter_leaflet_failed")
        elif sent.by_sms:
            dispatcher.utter_message(response="utter_leaflet_sent")
        else:
            dispatcher.utter_message(response="utter_leaflet_link", link=sent.link)
        return []
