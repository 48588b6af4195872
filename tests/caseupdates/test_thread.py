"""The reply thread: a victim's reply to an update is shown in that case's thread beside the
updates, their delivery, the assistant's answers, phone calls and the officer's own messages;
the officer's message goes through the gateway where an update could, and nowhere else."""

from __future__ import annotations

import logging
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client, TestCase
from django.utils import timezone

from audit.models import AuditEvent
from caseupdates.events import EventSource, record_event
from caseupdates.followup import given_by_phone
from caseupdates.models import CaseUpdate, OfficerReply, VictimCase
from caseupdates.replies import ReplyRefused, send_reply
from caseupdates.statuses import CallReason
from caseupdates.thread import EntryKind, case_thread
from messaging.inbound import receive_sms
from messaging.models import Message
from messaging.optouts import opt_out
from messaging.outbound import Content, send_to_recipient
from messaging.statuses import Channel, Origin
from referrals.models import NeedsAssessment
from referrals.statuses import Via
from retention.periods import DataKind
from retention.registry import purger_for
from tests.caseupdates.support import PHONE, UpdateQueue, give_leaflet, run_updates
from tests.portal.factories import World, make_world

pytestmark = pytest.mark.django_db
REPLY = "Dziękuję. Czy muszę iść do sądu?"
WORDS = "I will call you on Monday about the court date."


@pytest.fixture
def world() -> World:
    return make_world()


def open_case(world: World, update_queue: UpdateQueue, reference: str = "01/000001/26",
              kind: str = "charged") -> VictimCase:
    """A Polish-speaking victim's case of the world's officer, one update texted."""
    if not VictimCase.objects.filter(crime_reference=reference).exists():
        give_leaflet(world.force, reference=reference, language="pl")
        VictimCase.objects.filter(crime_reference=reference).update(
            officer=world.officer, unit=world.north)
    with TestCase.captureOnCommitCallbacks(execute=True):
        record_event(organisation=world.force, crime_reference=reference, kind=kind,
                     decided_at=timezone.now(), source=EventSource.API)
    run_updates(update_queue)
    return VictimCase.objects.get(crime_reference=reference)


def victim_texts(body: str, sid: str) -> None:
    with TestCase.captureOnCommitCallbacks(execute=True):
        receive_sms(provider_id=sid, from_phone=PHONE, body=body)


def test_the_thread_holds_updates_replies_answers_calls_and_messages_in_time_order(
        world: World, update_queue: UpdateQueue, fake_queue) -> None:
    victim_texts("before any update", "SM-early")
    case = open_case(world, update_queue)
    victim_texts(REPLY, "SM-1")
    recipient = Message.objects.get(about_type="case-update").recipient
    send_to_recipient(channel=Channel.SMS, recipient=recipient, origin=Origin.ASSISTANT,
                      content=Content(template="assistant", language="pl", text="Odpowiedź"),
                      idempotency_key="assistant-1")
    reply = send_reply(case=case, officer=world.officer, role="officer", text=WORDS)
    update = CaseUpdate.objects.get()
    given_by_phone(update=update, officer=world.officer, role="officer")

    entries = case_thread(case=case)
    assert [e.kind for e in entries] == [EntryKind.UPDATE, EntryKind.VICTIM, EntryKind.ASSISTANT,
                                         EntryKind.OFFICER, EntryKind.PHONE]
    assert entries[0].text == "Update texted: a suspect is charged"
    assert (entries[1].text, entries[1].language) == (REPLY, "pl")
    assert entries[2].text == "Odpowiedź"
    assert (entries[3].text, entries[3].who) == (WORDS, "officer-n")
    assert entries[4].who == "officer-n"
    assert all(e.text != "before any update" for e in entries)
    # The officer's words went through the gateway to the victim, in the update's frame.
    assert reply.message is not None
    sent = reply.message
    assert (sent.recipient_id, sent.origin, sent.about_type) == (recipient.pk, "officer",
                                                                  "case-reply")
    assert sent.body_text.startswith("Informacja od Testshire Police w sprawie przestępstwa "
                                     "01/000001/26: Message from the officer (in English): "
                                     + WORDS)
    assert AuditEvent.objects.filter(object_type="caseupdates.officerreply",
                                     object_id=str(reply.pk)).exists()


def test_a_reply_belongs_to_the_case_last_updated_on_that_number(
        world: World, update_queue: UpdateQueue, fake_queue) -> None:
    first = open_case(world, update_queue, "01/000001/26")
    victim_texts("about the first", "SM-1")
    second = open_case(world, update_queue, "01/000002/26")
    victim_texts("about the second", "SM-2")
    open_case(world, update_queue, "01/000001/26", kind="arrested")
    victim_texts("the first again", "SM-3")

    def replies(case: VictimCase) -> list[str]:
        return [e.text for e in case_thread(case=case) if e.kind is EntryKind.VICTIM]

    assert replies(first) == ["about the first", "the first again"]
    assert replies(second) == ["about the second"]


@pytest.mark.parametrize("unsafe", ["shared", "not-safe", "call-me", "opted-out"])
def test_the_officers_message_never_goes_where_an_update_may_not(
        world: World, update_queue: UpdateQueue, fake_queue, unsafe: str) -> None:
    case = open_case(world, update_queue)
    if unsafe == "shared":
        VictimCase.objects.filter(pk=case.pk).update(shared_with_suspect=True)
        case.refresh_from_db()
    elif unsafe == "opted-out":
        opt_out(recipient=Message.objects.get(about_type="case-update").recipient,
                channel=Channel.SMS, keyword="STOP", source="staff")
    else:
        answers = ({"safe_to_text": "no"} if unsafe == "not-safe"
                   else {"contact_method": "call"})
        NeedsAssessment.objects.create(leaflet_issue=case.leaflet_issue,
                                       question_set_version="t", answers=answers,
                                       via=Via.OFFICER)
    with pytest.raises(ReplyRefused) as refused:
        send_reply(case=case, officer=world.officer, role="officer", text=WORDS)
    assert refused.value.reason == {
        "shared": CallReason.SHARED_WITH_SUSPECT, "not-safe": CallReason.NOT_SAFE_TO_TEXT,
        "call-me": CallReason.CONTACT_BY_PHONE, "opted-out": CallReason.OPTED_OUT}[unsafe]
    assert not OfficerReply.objects.exists()
    assert not Message.objects.filter(about_type="case-reply").exists()


def test_the_officers_words_are_encrypted_at_rest_and_never_logged(
        world: World, update_queue: UpdateQueue, fake_queue,
        caplog: pytest.LogCaptureFixture) -> None:
    case = open_case(world, update_queue)
    with caplog.at_level(logging.DEBUG):
        reply = send_reply(case=case, officer=world.officer, role="officer", text=WORDS)
    assert "Monday" not in caplog.text
    assert PHONE not in caplog.text
    with connection.cursor() as cursor:
        cursor.execute("SELECT body FROM caseupdates_officerreply WHERE id = %s", [reply.pk])
        stored = cursor.fetchone()[0]
    assert "Monday" not in stored
    assert OfficerReply.objects.get().body == WORDS


def test_retention_blanks_the_officers_messages_with_the_update_texts(
        world: World, update_queue: UpdateQueue, fake_queue) -> None:
    case = open_case(world, update_queue)
    reply = send_reply(case=case, officer=world.officer, role="officer", text=WORDS)
    assert reply.message_id is not None
    Message.objects.filter(pk=reply.message_id).update(status="delivered")
    purge = purger_for(DataKind.CASE_UPDATE_TEXTS)
    assert purge is not None
    later = timezone.now() + timedelta(days=1)
    # The gateway's copy (delivered) and the case's own; the update text is still queued.
    assert purge(before=later, now=later, dry_run=False).records == 2
    assert OfficerReply.objects.get().body == ""
    assert Message.objects.get(pk=reply.message_id).body_text == ""


def test_the_officer_reads_the_thread_and_answers_on_the_case_page(
        client: Client, world: World, update_queue: UpdateQueue, fake_queue) -> None:
    case = open_case(world, update_queue)
    victim_texts(REPLY, "SM-1")
    client.force_login(world.officer)
    url = f"/portal/updates/cases/{case.pk}/messages/"
    page = client.get(url).content.decode()
    assert REPLY in page
    assert "language: pl" in page
    assert AuditEvent.objects.filter(object_type="caseupdates.victimcase",
                                     reason="case messages viewed").exists()
    answer = client.post(url, {"text": WORDS})
    assert answer.status_code == 302
    assert WORDS in client.get(url).content.decode()
    assert Message.objects.filter(about_type="case-reply").count() == 1
    assert client.post(url, {"text": ""}).status_code == 200  # the form asks again
    client.force_login(world.other_officer)  # another unit's officer: not their case
    assert client.get(url).status_code == 404
