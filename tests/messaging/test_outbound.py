"""Asking for a send: validated first, recorded once per idempotency key, then queued."""

from __future__ import annotations

import pytest

from messaging.contacts import ContactError
from messaging.models import DeliveryEvent, Message, Recipient
from messaging.optouts import opt_out
from messaging.statuses import Channel, MessageStatus
from tests.messaging.support import queue_sms

pytestmark = pytest.mark.django_db


def test_a_message_is_written_created_then_queued_after_commit(fake_queue):
    message = queue_sms()
    assert message.status == MessageStatus.QUEUED
    assert list(message.events.values_list("status", flat=True)) == ["created", "queued"]
    assert fake_queue.sends == [str(message.pk)]


def test_the_same_idempotency_key_gives_the_same_message_and_one_send(fake_queue):
    first = queue_sms(key="leaflet-issue:1:sms")
    second = queue_sms(key="leaflet-issue:1:sms", to="+447700900999")
    assert first.pk == second.pk
    assert Message.objects.count() == 1
    assert fake_queue.sends == [str(first.pk)]


@pytest.mark.parametrize(
    ("to", "words"),
    [("020 7946 0000", "landline"), ("not a number", "not a phone number"), ("", "Enter")],
)
def test_bad_input_is_refused_and_nothing_changes(fake_queue, to, words):
    existing = queue_sms(key="existing")
    before = (Message.objects.count(), Recipient.objects.count(), DeliveryEvent.objects.count())
    with pytest.raises(ContactError, match=words):
        queue_sms(to=to, key="bad")
    after = (Message.objects.count(), Recipient.objects.count(), DeliveryEvent.objects.count())
    assert before == after
    existing.refresh_from_db()
    assert existing.status == MessageStatus.QUEUED


def test_an_opted_out_recipient_is_sent_nothing(fake_queue):
    first = queue_sms(key="one")
    opt_out(recipient=first.recipient, channel=Channel.SMS, keyword="STOP", source="staff")
    second = queue_sms(key="two")
    assert second.status == MessageStatus.PERMANENT_FAILURE
    assert "opted out" in second.reason
    assert fake_queue.sends == [str(first.pk)]


def test_an_opt_out_stops_a_message_already_queued(fake_queue):
    from messaging.sending import deliver

    message = queue_sms()
    opt_out(recipient=message.recipient, channel=Channel.SMS, keyword="STOP", source="staff")
    outcome = deliver(message_id=str(message.pk))
    assert outcome.attempted == []
    message.refresh_from_db()
    assert message.status == MessageStatus.PERMANENT_FAILURE
