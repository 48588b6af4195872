"""The needs assessment and referral consent, through the actions, into referrals' records."""

from __future__ import annotations

from typing import Any

import pytest
from asgiref.sync import sync_to_async
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.data import ActionDataRequestConfirmed
from actions.needs import ActionAskNeedsSafeNumber, ActionSubmitNeeds, ValidateNeedsForm
from actions.referral import (
    ActionAskConsentConfirmed,
    ActionAskConsentDecision,
    ActionSubmitConsent,
    ValidateReferralConsentForm,
)
from messaging.models import Recipient
from organisations.models import Organisation, OrganisationKind
from referrals.consent import CURRENT_VERSION
from referrals.models import ConsentRecord, DataRequest, NeedsAssessment, Referral
from tests.assistant.trackers import tracker

pytestmark = pytest.mark.asyncio
FORM = "needs_form"


async def _validate(slot: str, text: str, value: Any = None) -> tuple[dict[str, Any], list[str]]:
    dispatcher = CollectingDispatcher()
    validator = getattr(ValidateNeedsForm(), f"validate_{slot}")
    result = await validator(value if value is not None else text, dispatcher,
                             tracker(text, active_loop=FORM, requested_slot=slot), {})
    return result, [m["response"] for m in dispatcher.messages]


async def test_skip_why_and_back() -> None:
    assert await _validate("needs_afraid", "0") == ({"needs_afraid": "skipped"}, [])
    assert await _validate("needs_afraid", "?") == ({"needs_afraid": None},
                                                    ["utter_why_needs_afraid"])
    assert await _validate("needs_afraid", "<") == (
        {"needs_afraid": None, "needs_under_18": None}, [])


async def test_yes_no_and_choices() -> None:
    assert await _validate("needs_afraid", "tak", "yes") == ({"needs_afraid": "yes"}, [])
    assert await _validate("needs_afraid", "maybe") == ({"needs_afraid": None},
                                                        ["utter_needs_yes_no"])
    assert await _validate("needs_contact_method", "2") == ({"needs_contact_method": "call"}, [])
    assert await _validate("needs_contact_method", "9") == ({"needs_contact_method": None},
                                                            ["utter_needs_choose"])
    assert await _validate("needs_safe_times", "after 6pm") == (
        {"needs_safe_times": "after 6pm"}, [])
    assert await _validate("needs_safe_times", "after 6pm on 07700 900456 or a@b.org") == (
        {"needs_safe_times": "after 6pm on [phone] or [email]"}, [])


async def test_resuming_keeps_stored_answers() -> None:
    """On resuming, the form validates filled slots again against an unrelated message."""
    validator = ValidateNeedsForm().validate_needs_contact_method
    resumed = tracker("I want support", intent="want_support", active_loop=FORM)
    assert await validator("call", CollectingDispatcher(), resumed, {}) == {
        "needs_contact_method": "call"}
    assert await validator("nonsense", CollectingDispatcher(), resumed, {}) == {
        "needs_contact_method": None}


@pytest.mark.django_db(transaction=True)
async def test_a_safe_number_becomes_a_recipient_not_an_answer() -> None:
    result, _messages = await _validate("needs_safe_number", "07700 900456")
    assert result["needs_safe_number"] == "given"
    phone = await sync_to_async(lambda: Recipient.objects.get(pk=int(result["safe_recipient_id"]))
                                .phone)()
    assert phone == "+447700900456"
    assert await _validate("needs_safe_number", "not a number") == (
        {"needs_safe_number": None}, ["utter_needs_bad_phone"])


@pytest.mark.django_db(transaction=True)
async def test_the_safe_number_question_moves_on_after_two_refused_numbers() -> None:
    def bot(said: str) -> dict[str, Any]:
        return {"event": "bot", "text": said, "metadata": {"utter_action": said}}

    asked, refused = bot("utter_ask_needs_safe_number_to_text"), bot("utter_needs_bad_phone")
    said: dict[str, Any] = {"event": "user", "text": "12"}
    earlier = [refused, bot("utter_ask_needs_safe_to_text")]
    cases: list[tuple[list[dict[str, Any]], tuple[dict[str, Any], list[str]]]] = [
        ([asked], ({"needs_safe_number": None}, ["utter_needs_bad_phone"])),
        ([*earlier, asked], ({"needs_safe_number": None}, ["utter_needs_bad_phone"])),
        ([asked, said, refused, asked],
         ({"needs_safe_number": "skipped"}, ["utter_needs_no_safe_number"]))]
    for events, expected in cases:
        dispatcher = CollectingDispatcher()
        result = await ValidateNeedsForm().validate_needs_safe_number(
            "12", dispatcher,
            tracker("12", active_loop=FORM, requested_slot="needs_safe_number", events=events),
            {})
        assert (result, [m["response"] for m in dispatcher.messages]) == expected


@pytest.mark.parametrize(("slots", "asked"), [
    ({"needs_contact_method": "text", "needs_safe_to_text": "yes"},
     "utter_ask_needs_safe_number_to_text"),
    ({"needs_contact_method": "text", "needs_safe_to_text": "no"}, "utter_ask_needs_safe_number"),
    ({"needs_contact_method": "call"}, "utter_ask_needs_safe_number"),
])
async def test_the_safe_number_question_asks_for_a_number_to_text_after_text_was_chosen(
        slots: dict[str, str], asked: str) -> None:
    dispatcher = CollectingDispatcher()
    await ActionAskNeedsSafeNumber().run(dispatcher, tracker(slots=slots), {})
    assert [m["response"] for m in dispatcher.messages] == [asked]


def _setup() -> Recipient:
    Organisation.objects.create(slug="care", name="Care Service",
                                kind=OrganisationKind.SUPPORT_SERVICE)
    return Recipient.objects.create(phone="+447700900123", language="pl")


@pytest.mark.django_db(transaction=True)
async def test_needs_then_consent_makes_a_referral_with_its_evidence() -> None:
    victim = await sync_to_async(_setup)()
    sender = victim.conversation_id
    slots = {"needs_afraid": "yes", "needs_interpreter": "yes", "language": "pl"}
    dispatcher = CollectingDispatcher()
    events = await ActionSubmitNeeds().run(dispatcher, tracker(slots=slots, sender=sender), {})
    [needs_event] = events
    assert needs_event["name"] == "needs_id"
    assert dispatcher.messages[0]["response"] == "utter_needs_done"

    dispatcher = CollectingDispatcher()
    events = await ActionAskConsentDecision().run(dispatcher, tracker(sender=sender), {})
    assert events == [SlotSet("service_name", "Care Service")]
    assert dispatcher.messages[0]["service_name"] == "Care Service"
    # No leaflet with a crime reference: the statement names no name or crime reference.
    assert dispatcher.messages[0]["response"] == "utter_ask_consent_decision_self"

    form = ValidateReferralConsentForm()
    assert await form.validate_consent_decision("given", CollectingDispatcher(),
                                                tracker("tak"), {}) == {
        "consent_decision": "given"}
    assert await form.validate_consent_confirmed("no", CollectingDispatcher(),
                                                 tracker("nie"), {}) == {
        "consent_decision": None, "consent_confirmed": None}
    dispatcher = CollectingDispatcher()
    await ActionAskConsentConfirmed().run(dispatcher, tracker(
        slots={"consent_decision": "given"}), {})
    assert dispatcher.messages[0]["response"] == "utter_ask_consent_confirmed_given"

    dispatcher = CollectingDispatcher()
    history = [{"event": "user", "text": "tak", "message_id": "m-decision"}]
    events = await ActionSubmitConsent().run(dispatcher, tracker(
        "tak", sender=sender, events=history,
        slots={**slots, "consent_decision": "given", "consent_confirmed": "yes",
               "needs_id": needs_event["value"]}), {})
    assert SlotSet("consent_decision", None) in events
    [message] = dispatcher.messages
    assert message["response"] == "utter_referral_made"

    def stored() -> tuple[Referral, ConsentRecord, NeedsAssessment]:
        referral = Referral.objects.select_related("consent", "needs").get()
        assert referral.needs is not None
        return referral, referral.consent, referral.needs

    referral, consent, needs = await sync_to_async(stored)()
    assert message["reference"] == referral.reference
    assert referral.source == "self"  # no police leaflet with a crime reference
    assert referral.interpreter_needed
    assert referral.enhanced_rights_reasons == ["intimidated"]
    assert needs.completed
    assert consent.decision == "given"
    assert consent.language == "pl"
    assert consent.channel == "sms"
    assert consent.wording_version == CURRENT_VERSION == "referral-consent-2026-12-07"
    assert consent.evidence["replies"] == {"decision": "tak", "confirmation": "tak"}
    assert "Care Service" in consent.evidence["statement"]
    assert "przestępstwa" not in consent.evidence["statement"]  # the self-referral's wording

    assert await _confirm("withdraw", "maybe later", sender) == "utter_data_request_cancelled"
    assert await sync_to_async(lambda: Referral.objects.get().status)() != "closed"
    assert await _confirm("withdraw", "Withdraw", sender) == "utter_consent_withdrawn"
    status = await sync_to_async(lambda: Referral.objects.get().status)()
    assert status == "closed"
    assert await _confirm("withdraw", "WITHDRAW", sender) == "utter_no_consent_to_withdraw"


async def _confirm(request: str, reply: str, sender: str) -> str:
    """The reply to the confirmation question, through action_data_request_confirmed."""
    dispatcher = CollectingDispatcher()
    events = await ActionDataRequestConfirmed().run(dispatcher, tracker(
        reply, sender=sender,
        slots={"data_request": request, "data_request_confirmation": reply}), {})
    assert events == [SlotSet("data_request", None), SlotSet("data_request_confirmation", None)]
    return str(dispatcher.messages[0]["response"])


@pytest.mark.django_db(transaction=True)
async def test_refusal_is_recorded_and_nothing_is_shared() -> None:
    victim = await sync_to_async(_setup)()
    dispatcher = CollectingDispatcher()
    await ActionSubmitConsent().run(dispatcher, tracker(
        "nie", sender=victim.conversation_id,
        slots={"consent_decision": "refused", "consent_confirmed": "yes"}), {})
    assert dispatcher.messages[0]["response"] == "utter_consent_refused"
    decisions = await sync_to_async(
        lambda: list(ConsentRecord.objects.values_list("decision", flat=True)))()
    assert decisions == ["refused"]
    assert await sync_to_async(Referral.objects.count)() == 0


@pytest.mark.django_db(transaction=True)
async def test_the_consent_evidence_keeps_the_replies_without_a_name_or_number() -> None:
    victim = await sync_to_async(_setup)()
    history = [{"event": "user", "text": "AGREE, my name is Amara Okafor", "message_id": "m1"}]
    await ActionSubmitConsent().run(CollectingDispatcher(), tracker(
        "CORRECT, text me on 07700 900456", sender=victim.conversation_id, events=history,
        slots={"consent_decision": "refused", "consent_confirmed": "yes"}), {})
    evidence = await sync_to_async(lambda: ConsentRecord.objects.get().evidence)()
    assert evidence["replies"] == {"decision": "AGREE, my name is [name]",
                                   "confirmation": "CORRECT, text me on [phone]"}


@pytest.mark.django_db(transaction=True)
async def test_erasure_request_only_once_confirmed() -> None:
    victim = await sync_to_async(_setup)()
    open_requests = DataRequest.objects.filter(status="open").count
    for reply in ["yes", "send me the leaflet", "delete my data please", "STOP", ""]:
        assert await _confirm("erase", reply, victim.conversation_id) == (
            "utter_data_request_cancelled")
    assert await sync_to_async(open_requests)() == 0
    assert await _confirm("erase", "delete", victim.conversation_id) == "utter_erasure_requested"
    assert await sync_to_async(open_requests)() == 1
    assert await _confirm("erase", "DELETE", "nobody") == "utter_support_line_unavailable"


@pytest.mark.parametrize(("text", "response"), [
    ("why do you ask?", "utter_why_needs_afraid"), ("Dlaczego pytacie?", "utter_why_needs_afraid"),
    ("pourquoi?", "utter_why_needs_afraid"), ("what is victim support?", "utter_about_support")])
async def test_a_question_in_the_needs_form_is_answered_not_refused(text: str,
                                                                     response: str) -> None:
    assert await _validate("needs_afraid", text) == ({"needs_afraid": None}, [response])
    # A free-text answer that asks nothing is still taken.
    result, _ = await _validate("needs_safe_times", "weekdays after 6pm")
    assert result == {"needs_safe_times": "weekdays after 6pm"}


@pytest.mark.parametrize(("text", "response"), [
    ("why do you need this?", "utter_why_consent"),
    ("who are victim support?", "utter_about_support"),
    ("banana", "utter_consent_yes_no")])
async def test_a_question_during_consent_is_answered_then_asked_again(text: str,
                                                                      response: str) -> None:
    dispatcher = CollectingDispatcher()
    result = await ValidateReferralConsentForm().validate_consent_decision(
        text, dispatcher, tracker(text, active_loop="referral_consent_form",
                                  requested_slot="consent_decision"), {})
    assert result == {"consent_decision": None}
    assert [m["response"] for m in dispatcher.messages] == [response]


def test_the_consent_wording_names_no_crime_reference_for_a_self_referral() -> None:
    from referrals.consent import render_statement, wording

    current = wording(CURRENT_VERSION)
    assert "crime reference" in current.statement_for(self_referral=False)
    assert "crime reference" not in current.statement_for(self_referral=True)
    assert "name" not in current.statement_for(self_referral=True).replace("{service_name}", "")
    for text in (current.statement, current.statement_self, current.confirm_given,
                 current.confirm_refused):
        assert "YES" not in text  # a Twilio opt-in word
    assert "referral-consent-2026.1" in __import__("referrals.consent").consent.WORDINGS
    assert "Care" in render_statement(CURRENT_VERSION, language="en", service_name="Care",
                                      self_referral=True)
