"""The sweep: nothing stays stuck in queued or sending."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import TestCase
from django.utils import timezone

from messaging.models import InboundMessage, Message
from messaging.statuses import MessageStatus
from messaging.sweep import sweep
from tests.messaging.support import queue_sms

pytestmark = pytest.mark.django_db


def age(message: Any, *, seconds: int, **fields: Any) -> None:
    Message.objects.filter(pk=message.pk).update(
        updated_at=timezone.now() - timedelta(seconds=seconds), **fields
    )


def test_queued_rows_left_behind_are_queued_again(fake_queue, settings):
    settings.SIGNPOST_SWEEP_STUCK_S = 60
    queued = queue_sms(key="q")
    queue_sms(key="f")  # fresh: left alone
    fake_queue.sends.clear()
    age(queued, seconds=120)
    report = sweep()
    assert report.requeued_queued == 1
    assert fake_queue.sends == [str(queued.pk)]


def test_a_retry_not_yet_due_is_left_alone(fake_queue, settings):
    settings.SIGNPOST_SWEEP_STUCK_S = 60
    message = queue_sms()
    fake_queue.sends.clear()
    age(message, seconds=120, next_attempt_at=timezone.now() + timedelta(seconds=300))
    assert sweep().requeued_queued == 0


def test_sending_without_a_provider_answer_goes_back_to_be_checked(fake_queue, settings):
    settings.SIGNPOST_SWEEP_STUCK_S = 60
    message = queue_sms()
    fake_queue.sends.clear()
    age(message, seconds=120, status=MessageStatus.SENDING)
    assert sweep().recovered_sending == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.check_provider_first
    assert fake_queue.sends == [str(message.pk)]


def test_sending_past_the_provider_window_is_closed(fake_queue, settings):
    settings.SIGNPOST_SENDING_WINDOW_S = 3600
    message = queue_sms()
    age(message, seconds=7200, status=MessageStatus.SENDING, provider_ref="SM1")
    assert sweep().closed_sending == 1
    message.refresh_from_db()
    assert message.status == MessageStatus.TEMPORARY_FAILURE
    assert "window" in message.reason


def test_an_inbound_text_left_unprocessed_is_queued_again(fake_queue, settings):
    from messaging.recipients import recipient_for_phone

    settings.SIGNPOST_SWEEP_STUCK_S = 60
    recipient = recipient_for_phone(phone="+447700900123")
    inbound = InboundMessage.objects.create(channel="sms", provider_id="SM1",
                                            recipient=recipient, body="hi")
    InboundMessage.objects.filter(pk=inbound.pk).update(
        received_at=timezone.now() - timedelta(seconds=120))
    with TestCase.captureOnCommitCallbacks(execute=True):
        assert sweep().requeued_inbound == 1
    assert fake_queue.conversations == [recipient.pk]


def test_rows_left_created_are_moved_to_queued_by_the_migration_and_then_swept(fake_queue,
                                                                               settings):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("messaging.migrations.0008_queue_created_rows")
    settings.SIGNPOST_SWEEP_STUCK_S = 60
    created, queued = queue_sms(key="c"), queue_sms(key="q")
    fake_queue.sends.clear()
    age(created, seconds=120, status=MessageStatus.CREATED)
    migration.queue_created_rows(apps, None)
    created.refresh_from_db()
    queued.refresh_from_db()
    assert (created.status, queued.status) == (MessageStatus.QUEUED, MessageStatus.QUEUED)
    assert list(created.events.values_list("previous_status", "status"))[-1] == (
        "created", "queued")
    assert queued.events.count() == 2  # untouched
    assert sweep().requeued_queued == 1
    assert fake_queue.sends == [str(created.pk)]
