""""Any news on my case?" from the assistant: the latest update given, in the victim's language,
what happens next and whom to call; the general answer with no case, nothing told yet, or a
number that is not safe (shared with the suspect, not safe to text)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from asgiref.sync import sync_to_async
from django.test import TestCase
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.case_news import GENERAL, NEXT_STEP, WHAT_NEXT, ActionCaseNews
from caseupdates.events import EventSource, record_event
from caseupdates.kinds import EventKind
from caseupdates.models import CaseUpdate, VictimCase
from caseupdates.statuses import UpdateStatus
from chat.services import case_news
from messaging.recipients import recipient_for_phone
from organisations.models import Organisation
from referrals.models import NeedsAssessment
from referrals.statuses import Via
from tests.assistant.test_consistency import RESPONSES
from tests.caseupdates.support import PHONE, UpdateQueue, give_leaflet, run_updates
from tests.factories import make_force

pytestmark = pytest.mark.django_db
EARLIER = datetime(2026, 11, 2, 10, tzinfo=UTC)
LATER = datetime(2026, 11, 20, 15, tzinfo=UTC)


def _decide(force: Organisation, kind: str, decided_at: datetime, update_queue: UpdateQueue
            ) -> CaseUpdate:
    with TestCase.captureOnCommitCallbacks(execute=True):
        recorded = record_event(organisation=force, crime_reference="42/1234/26", kind=kind,
                                decided_at=decided_at, source=EventSource.API)
    run_updates(update_queue)
    update = recorded.updates[0]
    update.refresh_from_db()
    return update


def _conversation(phone: str = PHONE) -> str:
    return recipient_for_phone(phone=phone).conversation_id


@pytest.fixture
def force() -> Organisation:
    return make_force()


def test_the_latest_update_told_comes_back_in_polish(force, update_queue, fake_queue):
    give_leaflet(force, language="pl")
    assert _decide(force, "arrested", EARLIER, update_queue).status == UpdateStatus.TEXTED
    assert _decide(force, "charged", LATER, update_queue).status == UpdateStatus.TEXTED
    news = case_news(conversation_id=_conversation(), language="pl")
    assert news is not None
    assert news.kind is EventKind.CHARGED
    assert news.text == (
        "Informacja od Test Force w sprawie przestępstwa 42/1234/26: "
        "Podejrzanemu postawiono zarzuty. (20 listopada 2026) "
        "Pytania? Zadzwoń do Victim Care pod numer 0808 000 0000.")


def test_an_update_given_by_phone_counts_and_one_not_yet_given_does_not(
        force, update_queue, fake_queue):
    give_leaflet(force, language="en")
    given = _decide(force, "no-further-action", EARLIER, update_queue)
    CaseUpdate.objects.filter(pk=given.pk).update(status=UpdateStatus.GIVEN_BY_PHONE.value)
    later = _decide(force, "charged", LATER, update_queue)
    CaseUpdate.objects.filter(pk=later.pk).update(status=UpdateStatus.CALL_NEEDED.value,
                                                  given_at=None)
    news = case_news(conversation_id=_conversation(), language="en")
    assert news is not None
    assert news.kind is EventKind.NO_FURTHER_ACTION
    assert "(2 November 2026)" in news.text


def test_no_case_or_nothing_told_gives_the_general_answer(force, update_queue, fake_queue):
    stranger = recipient_for_phone(phone="+447700900999")
    assert case_news(conversation_id=stranger.conversation_id, language="en") is None
    assert case_news(conversation_id="no-such-conversation", language="en") is None
    give_leaflet(force)
    assert case_news(conversation_id=_conversation(), language="pl") is None  # no event yet
    update = _decide(force, "charged", LATER, update_queue)
    CaseUpdate.objects.filter(pk=update.pk).update(status=UpdateStatus.PENDING.value,
                                                   given_at=None)
    assert case_news(conversation_id=_conversation(), language="pl") is None


def test_a_number_shared_with_the_suspect_hears_nothing(force, update_queue, fake_queue):
    give_leaflet(force)
    assert _decide(force, "charged", LATER, update_queue).status == UpdateStatus.TEXTED
    assert case_news(conversation_id=_conversation(), language="pl") is not None
    VictimCase.objects.update(shared_with_suspect=True)
    assert case_news(conversation_id=_conversation(), language="pl") is None


def test_a_number_not_safe_to_text_hears_nothing(force, update_queue, fake_queue):
    issue = give_leaflet(force)
    assert _decide(force, "charged", LATER, update_queue).status == UpdateStatus.TEXTED
    NeedsAssessment.objects.create(leaflet_issue=issue, question_set_version="t",
                                   via=Via.OFFICER, answers={"safe_to_text": "no"})
    assert case_news(conversation_id=_conversation(), language="pl") is None


def test_the_safe_number_of_the_needs_assessment_hears_the_news(force, update_queue,
                                                                fake_queue):
    issue = give_leaflet(force)
    safe = recipient_for_phone(phone="+447700900555")
    NeedsAssessment.objects.create(leaflet_issue=issue, question_set_version="t",
                                   via=Via.OFFICER, answers={"safe_number": "given"},
                                   safe_recipient=safe)
    assert _decide(force, "charged", LATER, update_queue).status == UpdateStatus.TEXTED
    news = case_news(conversation_id=safe.conversation_id, language="en")
    assert news is not None
    assert news.kind is EventKind.CHARGED


def _tracker(conversation_id: str, language: str) -> Tracker:
    latest = {"text": "any news on my case?", "intent": {"name": "ask_updates",
                                                          "confidence": 1.0}}
    return Tracker(sender_id=conversation_id, slots={"language": language},
                   latest_message=latest, events=[], paused=False, followup_action=None,
                   active_loop={}, latest_action_name="action_listen")


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_the_action_answers_with_the_news_then_what_happens_next(force, update_queue,
                                                                      fake_queue):
    await sync_to_async(give_leaflet)(force, language="pl")
    await sync_to_async(_decide)(force, "no-further-action", LATER, update_queue)
    conversation = await sync_to_async(_conversation)()
    dispatcher = CollectingDispatcher()
    assert await ActionCaseNews().run(dispatcher, _tracker(conversation, "pl"), {}) == []
    news, next_step = dispatcher.messages
    assert "Policja zdecydowała, że nie podejmie dalszych działań." in news["text"]
    assert next_step["response"] == "utter_review"
    await sync_to_async(VictimCase.objects.update)(shared_with_suspect=True)
    dispatcher = CollectingDispatcher()
    await ActionCaseNews().run(dispatcher, _tracker(conversation, "pl"), {})
    assert [m["response"] for m in dispatcher.messages] == [GENERAL]
    assert dispatcher.messages[0]["text"] is None


def test_every_response_the_action_names_is_in_the_domain():
    assert {GENERAL, WHAT_NEXT, *NEXT_STEP.values()} <= set(RESPONSES)
