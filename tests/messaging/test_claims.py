"""Status writes through transitions.advance: exactly one claim, nothing applied to a message
that moved on, the locked path taking over inside the same call; and what one send costs in
queries."""

from __future__ import annotations

import threading
import uuid

import pytest
from django.db import connection
from django.test import TestCase

from messaging import claims
from messaging.models import DeliveryEvent, Message, OptOut
from messaging.optouts import opt_out
from messaging.outbound import Content, request_send
from messaging.reports import ProviderReport, apply_report
from messaging.results import SendAccepted
from messaging.sending import record_result
from messaging.statuses import Channel, MessageStatus, Origin
from messaging.transitions import move_if
from tests.messaging.support import queue_sms

ACCEPTED = SendAccepted(provider_ref="SM" + "a" * 32, provider_status="queued",
                        status=MessageStatus.SENDING, encoding="GSM-7", segments=1)


def _read(message: Message) -> Message:
    return Message.objects.select_related("recipient").get(pk=message.pk)


@pytest.mark.django_db
def test_of_two_workers_holding_the_same_queued_row_only_one_claims_it(fake_queue):
    message = queue_sms()
    first, second = _read(message), _read(message)
    assert claims.claim(first)
    assert not claims.claim(second)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENDING, 1)
    assert message.events.filter(kind="attempt").count() == 1


@pytest.mark.django_db
def test_a_claim_is_refused_once_the_recipient_opted_out(fake_queue):
    message = queue_sms()
    seen = _read(message)
    opt_out(recipient=message.recipient, channel=Channel.SMS, keyword="STOP", source="staff")
    assert not claims.claim(seen)
    message.refresh_from_db()
    assert message.status == MessageStatus.PERMANENT_FAILURE  # closed under the lock
    assert message.attempts == 0


@pytest.mark.django_db
def test_a_claim_that_finds_the_row_changed_takes_the_lock_and_claims_it_as_it_is(fake_queue):
    message = queue_sms()
    seen = _read(message)
    # Another task counted an attempt that never reached the provider (rate limited) meanwhile.
    Message.objects.filter(pk=message.pk).update(attempts=2, check_provider_first=True)
    assert claims.claim(seen)
    assert (seen.status, seen.attempts, seen.check_provider_first) == (
        MessageStatus.SENDING, 3, True)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.SENDING, 3)
    assert message.events.filter(kind="attempt").get().detail == "attempt 3"


@pytest.mark.django_db
def test_a_stale_task_claims_nothing_under_the_lock(fake_queue):
    message = queue_sms()
    seen = _read(message)
    Message.objects.filter(pk=message.pk).update(attempts=1)
    assert not claims.claim(seen, after_attempt=0)
    message.refresh_from_db()
    assert (message.status, message.attempts) == (MessageStatus.QUEUED, 1)


@pytest.mark.django_db
def test_an_acceptance_after_the_callback_is_recorded_without_moving_back(fake_queue):
    message = queue_sms()
    claimed = _read(message)
    assert claims.claim(claimed)
    # Twilio's "sent" callback overtakes the worker recording the API's answer.
    apply_report(ProviderReport(message_id=message.pk, status=MessageStatus.SENT,
                                provider_status="sent", provider_ref=ACCEPTED.provider_ref))
    assert record_result(message=claimed, result=ACCEPTED) is None  # found moved on: locked
    message.refresh_from_db()
    assert message.status == MessageStatus.SENT
    assert message.provider_ref == ACCEPTED.provider_ref
    assert list(message.events.values_list("kind", "status")) == [
        ("status", "created"), ("status", "queued"), ("attempt", "sending"),
        ("callback", "sent"), ("accepted", "sent")]


@pytest.mark.django_db
def test_a_report_for_another_provider_reference_is_ignored(fake_queue):
    message = queue_sms()
    claimed = _read(message)
    assert claims.claim(claimed)
    claims.record_accepted(message=claimed, result=ACCEPTED)
    result = apply_report(ProviderReport(message_id=message.pk, status=MessageStatus.SENT,
                                         provider_status="sent", provider_ref="SM" + "b" * 32))
    assert not result.applied
    message.refresh_from_db()
    assert message.status == MessageStatus.SENDING
    assert message.events.last().kind == "ignored"


@pytest.mark.django_db
def test_move_if_refuses_a_move_the_statuses_do_not_allow(fake_queue):
    message = queue_sms()
    with pytest.raises(ValueError, match="not an allowed move"):
        move_if(message_id=message.pk, current=MessageStatus.DELIVERED, new=MessageStatus.SENT)


@pytest.mark.django_db
def test_a_send_is_written_queued_with_both_events_and_queued_after_commit(fake_queue):
    with TestCase.captureOnCommitCallbacks(execute=False) as callbacks:
        message = request_send(channel=Channel.SMS, to="+447700900123",
                               content=Content(template="t", language="en", text="hello"),
                               idempotency_key="one-commit", origin=Origin.OFFICER)
        assert Message.objects.get(pk=message.pk).status == MessageStatus.QUEUED
        assert fake_queue.sends == []  # nothing handed to the worker before the commit
    assert list(DeliveryEvent.objects.filter(message=message).values_list(
        "previous_status", "status")) == [("", "created"), ("created", "queued")]
    for callback in callbacks:
        callback()
    assert fake_queue.sends == [str(message.pk)]


@pytest.mark.django_db
@pytest.mark.parametrize(("known", "most"), [(False, 7), (True, 7)])
def test_recording_a_send_takes_a_handful_of_queries(fake_queue, django_assert_max_num_queries,
                                                      known, most):
    """docs/gateway.md, "Cost of one send": the look-ups, then one transaction (here a
    savepoint, as the test runs inside a transaction) with the recipient, message and events."""
    content = Content(template="t", language="en", text="hello")
    if known:
        queue_sms(key="earlier")
    with django_assert_max_num_queries(most):
        request_send(channel=Channel.SMS, to="+447700900123", content=content,
                     idempotency_key="counted", origin=Origin.OFFICER)


def _claim_in_thread(message_id: uuid.UUID, start: threading.Barrier, won: list[bool]) -> None:
    try:
        seen = Message.objects.select_related("recipient").get(pk=message_id)
        start.wait(timeout=10)
        won.append(claims.claim(seen))
    finally:
        connection.close()


@pytest.mark.scaled
@pytest.mark.django_db(transaction=True)
def test_simultaneous_claims_on_postgresql_give_one_send(fake_queue):
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers need PostgreSQL (the scaled run)")
    message = queue_sms()
    for _ in range(5):
        won: list[bool] = []
        start = threading.Barrier(4)
        threads = [threading.Thread(target=_claim_in_thread, args=(message.pk, start, won))
                   for _ in range(4)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=30)
        assert sorted(won) == [False, False, False, True]
        Message.objects.filter(pk=message.pk).update(status=MessageStatus.QUEUED.value)
    message.refresh_from_db()
    assert message.attempts == 5
    assert message.events.filter(kind="attempt").count() == 5


@pytest.mark.django_db
def test_an_opt_out_report_takes_the_locked_path_and_records_the_opt_out(fake_queue):
    message = queue_sms()
    claimed = _read(message)
    assert claims.claim(claimed)
    claims.record_accepted(message=claimed, result=ACCEPTED)
    result = apply_report(ProviderReport(
        message_id=message.pk, status=MessageStatus.PERMANENT_FAILURE, provider_status="failed",
        error_code="21610", provider_ref=ACCEPTED.provider_ref, opted_out=True))
    assert result.applied
    assert OptOut.objects.filter(recipient=message.recipient, source="provider-21610").exists()
    message.refresh_from_db()
    assert (message.status, message.error_code) == (MessageStatus.PERMANENT_FAILURE, "21610")
    assert message.body_text.startswith("Your leaflet")  # the columns not loaded are kept


@pytest.mark.django_db
def test_a_replayed_21610_does_not_opt_out_again_a_victim_who_texted_start(fake_queue):
    from messaging.optouts import is_opted_out, opt_in

    message = queue_sms()
    claimed = _read(message)
    assert claims.claim(claimed)
    claims.record_accepted(message=claimed, result=ACCEPTED)
    report = ProviderReport(
        message_id=message.pk, status=MessageStatus.PERMANENT_FAILURE, provider_status="failed",
        error_code="21610", provider_ref=ACCEPTED.provider_ref, opted_out=True)
    apply_report(report)
    assert message.recipient is not None
    assert opt_in(recipient=message.recipient, channel=Channel.SMS, keyword="START")
    apply_report(report)  # the same signed callback, replayed
    assert not is_opted_out(recipient=message.recipient, channel=Channel.SMS)
