"""The needs assessment: one question at a time; 0 skips, ? explains, < goes back.

The question set is ``referrals/needs.py`` (plain data, no Django); answers are saved through
``chat.services.submit_needs`` (referrals.services), also when the victim stops half way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.forms import FormValidationAction
from rasa_sdk.types import DomainDict

from actions.common import language, number_of, text_of
from actions.form_questions import answer_question
from actions.services import call
from assistant.redaction import redact
from referrals.needs import BY_KEY, NO, QUESTIONS, SKIPPED, YES, Kind, Question, allowed_values

WHY, BACK = "?", "<"  # and 0 skips
# A victim who cannot give a number we accept moves on after this many tries, not for ever.
MAX_BAD_NUMBERS = 2
BAD_PHONE, ASK_SAFE_NUMBER = "utter_needs_bad_phone", "utter_ask_needs_safe_number"
SAFE_RECIPIENT_SLOT = "safe_recipient_id"
NEEDS_ID_SLOT = "needs_id"
CONTACT_BY_TEXT = BY_KEY["contact_method"].options[0]
Validator = Callable[[Any, CollectingDispatcher, Tracker, DomainDict], Awaitable[dict[str, Any]]]


def answers_of(tracker: Tracker) -> dict[str, str]:
    answers = {}
    for question in QUESTIONS:
        value = tracker.get_slot(question.slot)
        if value is not None:
            answers[question.key] = str(value)
    return answers


def _submit(conversation_id: str, **kwargs: Any) -> int | None:
    from chat.services import UnknownConversation, submit_needs

    try:
        return submit_needs(conversation_id=conversation_id, **kwargs)
    except UnknownConversation:
        return None


async def save_needs(tracker: Tracker, *, completed: bool) -> list[dict[str, Any]]:
    """Store the answers so far; the events that remember the assessment's id."""
    safe = tracker.get_slot(SAFE_RECIPIENT_SLOT)
    needs_id = await call(
        _submit, tracker.sender_id, answers=answers_of(tracker), language=language(tracker),
        completed=completed, needs_id=_int(tracker.get_slot(NEEDS_ID_SLOT)),
        safe_recipient_id=_int(safe))
    return [SlotSet(NEEDS_ID_SLOT, str(needs_id))] if needs_id is not None else []


def _int(value: object) -> int | None:
    return int(value) if isinstance(value, str) and value.isdigit() else None


def _save_safe_number(raw: str) -> int | None:
    from chat.services import save_safe_number
    from messaging.contacts import ContactError

    try:
        return save_safe_number(raw=raw)
    except ContactError:
        return None


def _previous(question: Question) -> Question | None:
    index = QUESTIONS.index(question)
    return QUESTIONS[index - 1] if index > 0 else None


async def _answer(question: Question, value: Any, dispatcher: CollectingDispatcher,
                  tracker: Tracker) -> dict[str, Any]:
    if tracker.get_slot("requested_slot") != question.slot:
        # Validated again when the form resumes: keep what was stored, not the latest text.
        allowed = allowed_values(question)
        return {question.slot: value if allowed is None or value in allowed else None}
    text, number = text_of(tracker), number_of(tracker)
    if text == WHY:
        dispatcher.utter_message(response=f"utter_why_{question.slot}")
        return {question.slot: None}
    if answer_question(dispatcher, text, why=f"utter_why_{question.slot}"):
        return {question.slot: None}  # "why do you ask?": answered, then the question again
    if text == BACK:
        previous = _previous(question)
        return {question.slot: None, **({previous.slot: None} if previous else {})}
    if number == 0:
        return {question.slot: SKIPPED}
    if question.kind is Kind.YES_NO:
        if value in (YES, NO):
            return {question.slot: value}
        dispatcher.utter_message(response="utter_needs_yes_no")
        return {question.slot: None}
    if question.kind is Kind.CHOICE:
        if number is not None and 1 <= number <= len(question.options):
            return {question.slot: question.options[number - 1]}
        dispatcher.utter_message(response="utter_needs_choose")
        return {question.slot: None}
    if question.kind is Kind.PHONE:
        recipient_id = await call(_save_safe_number, text)
        if recipient_id is None:
            if _bad_numbers_so_far(tracker) + 1 >= MAX_BAD_NUMBERS:
                dispatcher.utter_message(response="utter_needs_no_safe_number")
                return {question.slot: SKIPPED}
            dispatcher.utter_message(response=BAD_PHONE)
            return {question.slot: None}
        return {question.slot: "given", SAFE_RECIPIENT_SLOT: str(recipient_id)}
    # A free-text answer is kept (slot, then the assessment's answers) without any number or
    # address in it: those are kept only encrypted, as the safe number is.
    return {question.slot: redact(text)[:300] or None}


def _bad_numbers_so_far(tracker: Tracker) -> int:
    """How many numbers in a row the safe-number question has just refused.

    Counts the refusals since the assistant last said something else; the question asked
    again and the victim's own messages do not end the run.
    """
    count = 0
    for event in reversed(tracker.events):
        if event.get("event") != "bot":
            continue
        said = (event.get("metadata") or {}).get("utter_action")
        if said == BAD_PHONE:
            count += 1
        elif said not in (ASK_SAFE_NUMBER, f"{ASK_SAFE_NUMBER}_to_text"):
            break
    return count


def _validator(question: Question) -> Validator:
    async def validate(value: Any, dispatcher: CollectingDispatcher, tracker: Tracker,
                       domain: DomainDict) -> dict[str, Any]:
        return await _answer(question, value, dispatcher, tracker)

    return validate


class ValidateNeedsForm(FormValidationAction):
    def name(self) -> str:
        return "validate_needs_form"

    def __getattr__(self, name: str) -> Validator:
        for question in QUESTIONS:
            if name == f"validate_{question.slot}":
                return _validator(question)
        raise AttributeError(name)


class ActionAskNeedsSafeNumber(Action):
    """Ask for a number to text when the victim chose texts, else for a number to call."""

    def name(self) -> str:
        return "action_ask_needs_safe_number"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        by_text = (tracker.get_slot("needs_contact_method") == CONTACT_BY_TEXT
                   and tracker.get_slot("needs_safe_to_text") != NO)
        dispatcher.utter_message(response=f"{ASK_SAFE_NUMBER}_to_text" if by_text
                                 else ASK_SAFE_NUMBER)
        return []


class ActionSubmitNeeds(Action):
    """Save the finished assessment, then name the service consent will be asked for."""

    def name(self) -> str:
        return "action_submit_needs"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: dict[str, Any]) -> list[dict[str, Any]]:
        events = await save_needs(tracker, completed=True)
        dispatcher.utter_message(response="utter_needs_done")
        return events
