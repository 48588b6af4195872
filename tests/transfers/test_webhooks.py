"""The signed webhook per referral: signature, retries with back-off, consent, the attempt log."""

from __future__ import annotations

import json
import time

import pytest
from django.test import override_settings

from audit.models import AuditEvent
from referrals.models import ReferralEvent
from referrals.services import withdraw_consent
from referrals.statuses import ConsentChannel
from tests.stack import free_port
from tests.transfers.conftest import SECRET
from transfers import queue, tasks
from transfers.models import TransferAttempt
from transfers.signing import HEADER, verify
from transfers.statuses import AttemptOutcome
from transfers.webhooks import deliver


def test_a_referral_is_posted_signed_and_logged(destination, receiver, make_referral):
    referral = make_referral()
    outcome = deliver(referral_id=str(referral.pk), attempt=1)
    assert outcome.outcome is AttemptOutcome.SUCCEEDED
    [post] = receiver.received
    assert verify(secret=SECRET, header=post.headers[HEADER], body=post.body,
                  now=int(time.time()))
    assert not verify(secret="another secret", header=post.headers[HEADER], body=post.body,
                      now=int(time.time()))
    body = json.loads(post.body)
    assert body["referral"]["reference"] == referral.reference
    assert body["referral"]["contact"]["phone"] == "+447700900321"
    assert body["referral"]["consent"]["decision"] == "given"
    assert post.headers["Idempotency-Key"] == f"referral-{referral.pk}"
    attempt = TransferAttempt.objects.get()
    assert (attempt.outcome, attempt.http_status) == ("succeeded", 200)
    assert ReferralEvent.objects.filter(referral=referral, kind="transfer").count() == 1
    audit = AuditEvent.objects.get(action="export")
    assert audit.object_id == str(referral.pk)
    assert audit.detail["transfer"] == "webhook"


def test_a_server_error_is_retried_with_back_off_then_succeeds(destination, receiver,
                                                               make_referral):
    referral = make_referral()
    receiver.statuses = [503]
    first = deliver(referral_id=str(referral.pk), attempt=1)
    assert first.outcome is AttemptOutcome.FAILED
    assert first.retry_in_s is not None
    assert first.retry_in_s > 0
    second = deliver(referral_id=str(referral.pk), attempt=2)
    assert second.outcome is AttemptOutcome.SUCCEEDED
    assert [a.outcome for a in TransferAttempt.objects.all()] == ["failed", "succeeded"]
    assert [a.http_status for a in TransferAttempt.objects.all()] == [503, 200]


def test_a_client_error_is_final(destination, receiver, make_referral):
    referral = make_referral()
    receiver.statuses = [400]
    outcome = deliver(referral_id=str(referral.pk), attempt=1)
    assert outcome.outcome is AttemptOutcome.GAVE_UP
    assert outcome.retry_in_s is None


@override_settings(TRANSFER_WEBHOOK_MAX_ATTEMPTS=2)
def test_the_last_attempt_gives_up(destination, receiver, make_referral):
    referral = make_referral()
    receiver.statuses = [500, 500]
    assert deliver(referral_id=str(referral.pk), attempt=1).retry_in_s is not None
    last = deliver(referral_id=str(referral.pk), attempt=2)
    assert last.outcome is AttemptOutcome.GAVE_UP
    assert last.retry_in_s is None


def test_an_unreachable_receiver_is_retried(destination, make_referral):
    destination.webhook_url = f"http://127.0.0.1:{free_port()}/nobody-listens"
    destination.save()
    referral = make_referral()
    outcome = deliver(referral_id=str(referral.pk), attempt=1)
    assert outcome.outcome is AttemptOutcome.FAILED
    attempt = TransferAttempt.objects.get()
    assert attempt.http_status is None
    assert attempt.error


def test_no_transfer_after_consent_is_withdrawn(destination, receiver, make_referral):
    referral = make_referral()
    withdraw_consent(recipient=referral.recipient, language="en", channel=ConsentChannel.SMS)
    outcome = deliver(referral_id=str(referral.pk), attempt=1)
    assert outcome.outcome is AttemptOutcome.REFUSED
    assert receiver.received == []
    assert TransferAttempt.objects.get().outcome == "refused"
    assert not AuditEvent.objects.filter(action="export").exists()


@override_settings(TRANSFER_ALLOW_HTTP=False)
def test_plain_http_is_refused_outside_local_mode(destination, receiver, make_referral):
    referral = make_referral()
    assert deliver(referral_id=str(referral.pk), attempt=1).outcome is AttemptOutcome.GAVE_UP
    assert receiver.received == []


def test_a_delivered_referral_is_not_sent_again(destination, receiver, make_referral):
    referral = make_referral()
    deliver(referral_id=str(referral.pk), attempt=1)
    assert deliver(referral_id=str(referral.pk), attempt=1).outcome is None
    assert len(receiver.received) == 1


def test_no_destination_means_nothing_to_do(service, receiver, make_referral):
    referral = make_referral()
    assert deliver(referral_id=str(referral.pk), attempt=1).outcome is None
    assert not TransferAttempt.objects.exists()


def test_a_new_referral_is_queued_after_commit(destination, make_referral, monkeypatch,
                                               django_capture_on_commit_callbacks):
    queued: list[str] = []
    monkeypatch.setattr(queue, "enqueue_webhook", lambda referral_id, **kw: queued.append(
        referral_id))
    with django_capture_on_commit_callbacks(execute=True):
        referral = make_referral()
    assert queued == [str(referral.pk)]


def test_the_task_schedules_the_next_attempt(destination, receiver, make_referral, monkeypatch):
    referral = make_referral()
    receiver.statuses = [502]
    scheduled: list[tuple[str, int, float | None]] = []
    monkeypatch.setattr(queue, "enqueue_webhook", lambda referral_id, *, attempt=1, delay=None:
                        scheduled.append((referral_id, attempt, delay)))
    tasks.referral_webhook_task.call_local(str(referral.pk), 1)
    assert len(scheduled) == 1
    assert scheduled[0][:2] == (str(referral.pk), 2)


def test_the_sweep_finds_referrals_never_attempted(destination, receiver, make_referral):
    waiting = make_referral()
    done = make_referral(phone="+447700900322")
    deliver(referral_id=str(done.pk), attempt=1)
    assert queue.missed_referrals() == [str(waiting.pk)]


@pytest.mark.parametrize("attempt", [1, 2, 5, 12])
def test_back_off_is_the_gateways_grows_and_is_capped(destination, receiver, make_referral,
                                                      settings, attempt):
    settings.TRANSFER_RETRY_BASE_S, settings.TRANSFER_RETRY_CAP_S = 30, 3600
    settings.TRANSFER_WEBHOOK_MAX_ATTEMPTS = 20
    receiver.statuses = [500]
    outcome = deliver(referral_id=str(make_referral().pk), attempt=attempt)
    ceiling = min(3600, 30 * 2 ** (attempt - 1))
    assert ceiling / 2 <= outcome.retry_in_s <= ceiling


def test_no_contact_detail_reaches_the_log(destination, receiver, make_referral, caplog):
    referral = make_referral()
    receiver.statuses = [500]
    deliver(referral_id=str(referral.pk), attempt=1)
    assert "900321" not in caplog.text


def test_a_redirect_is_not_followed_or_counted_as_delivered(destination, receiver, make_referral):
    referral = make_referral()
    receiver.statuses = [302]
    outcome = deliver(referral_id=str(referral.pk), attempt=1)
    assert outcome.outcome is AttemptOutcome.GAVE_UP
    assert TransferAttempt.objects.get().http_status == 302
