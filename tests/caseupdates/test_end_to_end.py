"""Done when: a case event posted to the API reaches a Polish-speaking victim's phone in the
Twilio emulator within one worker cycle, with the right deadline recorded; an unsafe number
gets an officer's task instead; an opted-out victim gets nothing; the officer sees the victim's
reply in the case's thread and answers through the gateway. These tests use the database
only through Django, so scripts/test_scaled.sh runs them again on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from django.test import TestCase

from api.keys import create_key
from api.scopes import Scope
from caseupdates.models import CaseUpdate, VictimCase
from caseupdates.statuses import CallReason, UpdateStatus
from messaging.models import Message
from messaging.optouts import opt_out
from messaging.statuses import Channel
from organisations.models import Organisation
from organisations.roles import Role
from referrals.models import NeedsAssessment
from referrals.statuses import Via
from tests.api.contract import ApiClient
from tests.caseupdates.support import PHONE, UpdateQueue, give_leaflet, run_updates
from tests.messaging.support import Emulator, FakeQueue, ProviderUnderTest, run_queue
from tests.portal.factories import make_user

pytestmark = pytest.mark.django_db
EVENT = {"crime_reference": "42/1234/26", "kind": "charged",
         "decided_at": "2026-12-07T10:00:00+00:00"}


def post_and_run_one_cycle(force: Organisation, client: Any, update_queue: UpdateQueue,
                           fake_queue: FakeQueue) -> CaseUpdate:
    key = create_key(organisation=force, name="CRS", scopes=[Scope.CASE_EVENTS_WRITE]).key
    with TestCase.captureOnCommitCallbacks(execute=True):
        answer = ApiClient(client=client, key=key).post("/api/v1/case-events", EVENT)
    assert answer.status == 201
    fake_queue.sends.clear()  # the leaflet's own text: sent before, not part of this cycle
    run_updates(update_queue)
    run_queue(fake_queue)
    return CaseUpdate.objects.get()


def texts_to(twilio: Emulator, phone: str) -> list[str]:
    return [m["body"] for m in twilio.get("/_emulator/messages", to=phone)["messages"]]


def test_a_case_event_reaches_a_polish_victims_phone(force, client, twilio, update_queue,
                                                     fake_queue):
    give_leaflet(force, language="pl")
    update = post_and_run_one_cycle(force, client, update_queue, fake_queue)
    assert update.status == UpdateStatus.TEXTED
    assert update.due_at == datetime(2026, 12, 14, 23, 59, 59, 999999, tzinfo=UTC)
    bodies = texts_to(twilio, PHONE)
    assert ("Informacja od Test Force w sprawie przestępstwa 42/1234/26: Podejrzanemu "
            "postawiono zarzuty. Pytania? Zadzwoń do Victim Care pod numer 0808 000 0000."
            ) in bodies
    assert update.message is not None
    update.message.refresh_from_db()
    assert update.message.provider_ref  # Twilio accepted it: delivery is tracked from here


def test_an_unsafe_number_gets_an_officers_task_instead(force, client, twilio, update_queue,
                                                        fake_queue):
    issue = give_leaflet(force, language="pl")
    NeedsAssessment.objects.create(leaflet_issue=issue, question_set_version="t",
                                   answers={"safe_to_text": "no"}, via=Via.OFFICER)
    before = len(texts_to(twilio, PHONE))
    update = post_and_run_one_cycle(force, client, update_queue, fake_queue)
    assert (update.status, update.call_reason) == (UpdateStatus.CALL_NEEDED,
                                                   CallReason.NOT_SAFE_TO_TEXT)
    assert len(texts_to(twilio, PHONE)) == before


def test_an_opted_out_victim_gets_nothing(force, client, twilio, update_queue, fake_queue):
    give_leaflet(force, language="pl")
    recipient = Message.objects.get(about_type="leaflet-issue").recipient
    opt_out(recipient=recipient, channel=Channel.SMS, keyword="STOP", source="staff")
    before = len(texts_to(twilio, PHONE))
    update = post_and_run_one_cycle(force, client, update_queue, fake_queue)
    assert update.message is None
    assert not Message.objects.filter(about_type="case-update").exists()
    assert len(texts_to(twilio, PHONE)) == before


def test_the_officer_sees_the_reply_thread(force, client, twilio, bridge, update_queue,
                                           fake_queue):
    give_leaflet(force, language="pl")
    update = post_and_run_one_cycle(force, client, update_queue, fake_queue)
    provider = ProviderUnderTest("twilio", twilio, "/webhooks/twilio/status",
                                 "/webhooks/twilio/sms", 2)
    provider.text_in(bridge, client, PHONE, "Dziękuję, kiedy jest rozprawa?")
    officer = make_user("officer-e2e", Role.OFFICER, force)
    VictimCase.objects.filter(pk=update.case_id).update(officer=officer)
    client.force_login(officer)
    url = f"/portal/updates/cases/{update.case_id}/messages/"
    page = client.get(url).content.decode()
    assert page.index("Update texted: a suspect is charged") < page.index(
        "Dziękuję, kiedy jest rozprawa?")
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert client.post(url, {"text": "The hearing is on 4 January."}).status_code == 302
    run_queue(fake_queue)
    assert any("Message from the officer (in English): The hearing is on 4 January." in body
               for body in texts_to(twilio, PHONE))
    assert "The hearing is on 4 January." in client.get(url).content.decode()
