"""The victim's own data: withdraw consent, ask for deletion — each only once confirmed.

Asking (in words, or menu 6) only sets ``data_request`` and starts ``data_request_form``, whose
one question names what will happen and the word that confirms it. The next message decides:
exactly that word acts; anything else cancels, so a misunderstood message never deletes or
withdraws anything. The words are not carriers' opt-in/opt-out keywords (YES, STOP, …), which
an SMS gateway would act on itself.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.common import language
from actions.services import call
from assistant.nlu.normalise import fold

REQUEST_SLOT = "data_request"
CONFIRMATION_SLOT = "data_request_confirmation"
FORM = "data_request_form"


class DataRequest(StrEnum):
    ERASE = "erase"
    WITHDRAW = "withdraw"


# The word each question asks for (kept in English in every translation, like MENU and HELP).
CONFIRMATION_WORDS = {DataRequest.ERASE: "delete", DataRequest.WITHDRAW: "withdraw"}
QUESTIONS = {DataRequest.ERASE: "utter_confirm_erasure",
             DataRequest.WITHDRAW: "utter_confirm_withdrawal"}


def is_confirmed(request: DataRequest, reply: str | None) -> bool:
    """Only the whole reply being the confirmation word counts (case and punctuation ignored).

    >>> is_confirmed(DataRequest.ERASE, " Delete! ")
    True
    >>> is_confirmed(DataRequest.ERASE, "send me the leaflet, don't delete")
    False
    >>> is_confirmed(DataRequest.WITHDRAW, "delete")
    False
    """
    return fold(reply or "") == CONFIRMATION_WORDS[request]


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


def ask_to_confirm(request: DataRequest) -> list[dict[str, Any]]:
    """Events that start the confirmation question (it is asked by the form)."""
    return [SlotSet(REQUEST_SLOT, str(request)), SlotSet(CONFIRMATION_SLOT, None)]


class ActionWithdrawConsent(Action):
    def name(self) -> str:
        return "action_withdraw_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        return ask_to_confirm(DataRequest.WITHDRAW)


class ActionRequestErasure(Action):
    def name(self) -> str:
        return "action_request_erasure"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        return ask_to_confirm(DataRequest.ERASE)


def _request(tracker: Tracker) -> DataRequest:
    value = tracker.get_slot(REQUEST_SLOT)
    return DataRequest(value) if value in set(DataRequest) else DataRequest.ERASE


class ActionAskDataRequestConfirmation(Action):
    def name(self) -> str:
        return "action_ask_data_request_confirmation"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        dispatcher.utter_message(response=QUESTIONS[_request(tracker)])
        return []


class ActionDataRequestConfirmed(Action):
    """Acts on the confirmed request, or says nothing changed."""

    def name(self) -> str:
        return "action_data_request_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        request = _request(tracker)
        reset = [SlotSet(REQUEST_SLOT, None), SlotSet(CONFIRMATION_SLOT, None)]
        if not is_confirmed(request, tracker.get_slot(CONFIRMATION_SLOT)):
            dispatcher.utter_message(response="utter_data_request_cancelled")
        elif request is DataRequest.WITHDRAW:
            withdrawn = await call(_withdraw, tracker.sender_id, language(tracker))
            dispatcher.utter_message(
                response="utter_consent_withdrawn" if withdrawn else "utter_no_consent_to_withdraw")
        elif await call(_erase, tracker.sender_id):
            dispatcher.utter_message(response="utter_erasure_requested")
        else:
            dispatcher.utter_message(response="utter_support_line_unavailable")
        return reset
