"""The victim's own data: withdraw consent, ask for deletion."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language
from actions.services import call


def _withdraw(conversation_id: str, code: str) -> bool:
    from chat.services import UnknownConversation, withdraw_consent

    try:
        return withdraw_consent(conversation_id=conversation_id, language=code)
    except UnknownConversation:
        return False


def _erase(conversation_id: str) -> bool:
    from chat.services import UnknownConversation, request_erasure

    try:
        request_erasure(conversation_id=conversation_id)
    except UnknownConversation:
        return False
    return True


class ActionWithdrawConsent(Action):
    def name(self) -> str:
        return "action_withdraw_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        withdrawn = await call(_withdraw, tracker.sender_id, language(tracker))
        dispatcher.utter_message(
            response="utter_consent_withdrawn" if withdrawn else "utter_no_consent_to_withdraw")
        return []


class ActionRequestErasure(Action):
    def name(self) -> str:
        return "action_request_erasure"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        if await call(_erase, tracker.sender_id):
            dispatcher.utter_message(response="utter_erasure_requested")
        else:
            dispatcher.utter_message(response="utter_support_line_unavailable")
        return []
