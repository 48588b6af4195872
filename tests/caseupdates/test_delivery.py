"""Updates out: in the victim's language through the gateway, or an officer's task to call when
texting is unsafe, shared with the suspect, opted out or refused; the victim's frequency kept."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.contrib.auth.models import User

from caseupdates.events import EventSource, record_event
from caseupdates.followup import NotOpen, flag_failed_texts, given_by_phone
from caseupdates.models import CaseUpdate, VictimCase
from caseupdates.statuses import CallReason, UpdateFrequency, UpdateStatus
from leaflets.models import LeafletIssue
from messaging.models import Message
from messaging.optouts import opt_out
from messaging.recipients import find_or_add
from messaging.statuses import Channel, MessageStatus
from organisations.models import Organisation
from referrals.models import NeedsAssessment
from referrals.statuses import Via
from tests.caseupdates.support import UpdateQueue, give_leaflet, run_updates

pytestmark = pytest.mark.django_db
DECIDED = datetime(2026, 12, 7, 10, tzinfo=UTC)


def event(force: Organisation, kind: str = "charged", **extra: object) -> CaseUpdate:
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        recorded = record_event(organisation=force, crime_reference="42/1234/26", kind=kind,
                                decided_at=DECIDED, source=EventSource.API, **extra)  # type: ignore[arg-type]
    return recorded.updates[0]


def needs(issue: LeafletIssue, **answers: str) -> NeedsAssessment:
    return NeedsAssessment.objects.create(leaflet_issue=issue, question_set_version="t",
                                          answers=answers, via=Via.OFFICER)


def delivered(update: CaseUpdate, update_queue: UpdateQueue) -> CaseUpdate:
    run_updates(update_queue)
    update.refresh_from_db()
    return update


def test_the_update_is_texted_in_polish(force, update_queue, fake_queue):
    give_leaflet(force, language="pl")
    update = delivered(event(force, court_at=datetime(2027, 1, 12, 10, tzinfo=UTC),
                             court_place="Leeds Magistrates' Court", kind="court-date-set"),
                       update_queue)
    assert update.status == UpdateStatus.TEXTED
    message = update.message
    assert message is not None
    assert message.language == "pl"
    assert message.body_text.startswith("Informacja od Test Force w sprawie przestępstwa "
                                        "42/1234/26: Wyznaczono rozprawę sądową.")
    assert "12 stycznia 2027, 10:00" in message.body_text
    assert (message.about_type, message.about_id) == ("case-update", str(update.pk))
    assert str(message.pk) in fake_queue.sends


def test_not_safe_to_text_becomes_an_officers_task(force, update_queue, fake_queue):
    needs(give_leaflet(force), safe_to_text="no")
    update = delivered(event(force), update_queue)
    assert (update.status, update.call_reason) == (UpdateStatus.CALL_NEEDED,
                                                   CallReason.NOT_SAFE_TO_TEXT)
    assert update.message is None
    assert Message.objects.filter(about_type="case-update").count() == 0


def test_nothing_about_release_goes_to_a_number_shared_with_the_suspect(force, update_queue,
                                                                        fake_queue):
    issue = give_leaflet(force)
    VictimCase.objects.filter(leaflet_issue=issue).update(shared_with_suspect=True)
    released = delivered(event(force, kind="released-under-investigation"), update_queue)
    assert released.call_reason == CallReason.SHARED_WITH_SUSPECT
    charged = delivered(event(force, kind="charged"), update_queue)
    assert charged.status == UpdateStatus.TEXTED
    assert Message.objects.filter(about_type="case-update").count() == 1


def test_a_safe_number_is_used_before_the_leaflets_number(force, update_queue, fake_queue):
    issue = give_leaflet(force)
    safe, _ = find_or_add(language="pl", phone="+447700900555")
    NeedsAssessment.objects.create(leaflet_issue=issue, question_set_version="t", answers={},
                                   via=Via.OFFICER, safe_recipient=safe)
    update = delivered(event(force), update_queue)
    assert update.message is not None
    assert update.message.recipient == safe


def test_an_opted_out_victim_is_sent_nothing(force, update_queue, fake_queue):
    give_leaflet(force)
    recipient = Message.objects.get(about_type="leaflet-issue").recipient
    opt_out(recipient=recipient, channel=Channel.SMS, keyword="STOP", source="staff")
    update = delivered(event(force), update_queue)
    assert (update.status, update.call_reason) == (UpdateStatus.CALL_NEEDED,
                                                   CallReason.OPTED_OUT)
    assert not Message.objects.filter(about_type="case-update").exists()


@pytest.mark.parametrize(("frequency", "kind", "status"), [
    (UpdateFrequency.NONE, "charged", UpdateStatus.NOT_WANTED),
    (UpdateFrequency.MAJOR, "interviewed-under-caution", UpdateStatus.NOT_WANTED),
    (UpdateFrequency.MAJOR, "charged", UpdateStatus.TEXTED),
    (UpdateFrequency.EVERY, "interviewed-under-caution", UpdateStatus.TEXTED),
])
def test_the_victims_chosen_frequency_is_kept(force, update_queue, fake_queue, frequency, kind,
                                              status):
    issue = give_leaflet(force)
    VictimCase.objects.filter(leaflet_issue=issue).update(update_frequency=frequency.value)
    assert delivered(event(force, kind=kind), update_queue).status == status


def test_a_failed_text_becomes_a_task_and_a_phone_call_closes_it(force, update_queue,
                                                                fake_queue):
    give_leaflet(force)
    update = delivered(event(force), update_queue)
    assert update.message is not None
    Message.objects.filter(pk=update.message.pk).update(
        status=MessageStatus.UNDELIVERED.value)
    assert flag_failed_texts() == 1
    update.refresh_from_db()
    assert (update.status, update.call_reason) == (UpdateStatus.CALL_NEEDED,
                                                   CallReason.SEND_FAILED)
    officer = User.objects.create(username="pc1")
    closed = given_by_phone(update=update, officer=officer, role="officer")
    assert closed.status == UpdateStatus.GIVEN_BY_PHONE
    assert closed.given_by == officer
    with pytest.raises(NotOpen):
        given_by_phone(update=closed, officer=officer, role="officer")


def test_an_update_is_delivered_once(force, update_queue, fake_queue):
    give_leaflet(force)
    update = event(force)
    update_queue.ids.append(update.pk)
    run_updates(update_queue)
    assert Message.objects.filter(about_type="case-update").count() == 1
