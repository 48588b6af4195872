"""Referral consent: a plain statement, an explicit yes or no, repeated back, then stored."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import language, text_of, user_turns
from actions.form_questions import answer_question
from actions.services import call
from assistant.redaction import redact

GIVEN, REFUSED = "given", "refused"


def _service_name() -> str:
    from chat.services import support_service_name

    return support_service_name()


def _police_referral(conversation_id: str, self_referral: bool) -> bool:
    from chat.services import police_referral

    return police_referral(conversation_id=conversation_id, self_referral=self_referral)


class ActionStartSelfReferral(Action):
    def name(self) -> str:
        return "action_start_self_referral"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        return [SlotSet("referral_source", "self")]


class ActionAskConsentDecision(Action):
    """The consent statement, naming the service the details would go to; a self-referral's
    names no name or crime reference (it gave none)."""

    def name(self) -> str:
        return "action_ask_consent_decision"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        name = await call(_service_name)
        police = await call(_police_referral, tracker.sender_id,
                            tracker.get_slot("referral_source") == "self")
        dispatcher.utter_message(response="utter_ask_consent_decision" + ("" if police
                                                                         else "_self"),
                                 service_name=name)
        return [SlotSet("service_name", name)]


class ActionAskConsentConfirmed(Action):
    """The answer repeated back: "You agreed … Is that right?" (or "You do not want …")."""

    def name(self) -> str:
        return "action_ask_consent_confirmed"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        decision = tracker.get_slot("consent_decision")
        dispatcher.utter_message(
            response="utter_ask_consent_confirmed_" + ("given" if decision == GIVEN
                                                       else "refused"))
        return []


class ValidateReferralConsentForm(FormValidationAction):
    def name(self) -> str:
        return "validate_referral_consent_form"

    async def validate_consent_decision(self, value: Any, dispatcher: CollectingDispatcher,
                                        tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        if value in (GIVEN, REFUSED):
            return {"consent_decision": value}
        if not answer_question(dispatcher, text_of(tracker), why="utter_why_consent"):
            dispatcher.utter_message(response="utter_consent_yes_no")
        return {"consent_decision": None}

    async def validate_consent_confirmed(self, value: Any, dispatcher: CollectingDispatcher,
                                         tracker: Tracker, domain: DomainDict) -> dict[str, Any]:
        if value == "yes":
            return {"consent_confirmed": "yes"}
        if value == "no":  # not what they meant: ask the question again
            return {"consent_decision": None, "consent_confirmed": None}
        if not answer_question(dispatcher, text_of(tracker), why="utter_why_consent"):
            dispatcher.utter_message(response="utter_consent_correct_no")
        return {"consent_confirmed": None}


def _submit(conversation_id: str, **kwargs: Any) -> Any:
    from chat.services import UnknownConversation, submit_consent

    try:
        return submit_consent(conversation_id=conversation_id, **kwargs)
    except UnknownConversation:
        return None


class ActionSubmitConsent(Action):
    """Store the confirmed decision (wording version, language, channel, time, replies)."""

    def name(self) -> str:
        return "action_submit_consent"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        given = tracker.get_slot("consent_decision") == GIVEN
        turns: list[dict[str, Any]] = [{}, {}, *user_turns(tracker, 2)]
        decision_turn, confirmation_turn = turns[-2], turns[-1]
        needs_id = tracker.get_slot("needs_id")
        outcome = await call(
            _submit, tracker.sender_id, given=given, language=language(tracker),
            # The victim's words are the evidence, but not a number, address or name in them.
            replies={"decision": redact(str(decision_turn.get("text") or "")),
                     "confirmation": redact(str(confirmation_turn.get("text") or ""))},
            message_ids=[str(turn.get("message_id") or "")
                         for turn in (decision_turn, confirmation_turn)],
            needs_id=int(needs_id) if isinstance(needs_id, str) and needs_id.isdigit() else None,
            self_referral=tracker.get_slot("referral_source") == "self")
        reset = [SlotSet("consent_decision", None), SlotSet("consent_confirmed", None),
                 SlotSet("referral_source", None)]
        if outcome is None or (given and not outcome.reference):
            dispatcher.utter_message(response="utter_referral_failed")
        elif given:
            dispatcher.utter_message(response="utter_referral_made",
                                     service_name=outcome.service_name,
                                     reference=outcome.reference)
        else:
            dispatcher.utter_message(response="utter_consent_refused")
        return reset
