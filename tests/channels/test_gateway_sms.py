"""The gateway's SMS tests, run on every provider (``sms_provider``: Twilio, then GOV.UK Notify,
each through its official client library and its emulator): sends, statuses, retries and texts
in. What only one provider does is tested beside its adapter (test_twilio_*, notify/)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone

from emulators.common.background import wait_until
from messaging.models import InboundMessage, Message, OptOut
from messaging.optouts import is_opted_out
from messaging.polling import poll_in_flight
from messaging.sending import deliver
from messaging.statuses import Channel, InboundStatus, MessageStatus, Origin
from tests.messaging.support import (
    ProviderUnderTest,
    due_retries,
    forward_all,
    queue_sms,
    run_queue,
    run_relays,
)

pytestmark = pytest.mark.django_db

PHONE = "+447700900123"


def text_in(provider: ProviderUnderTest, bridge: Any, client: Any, body: str) -> InboundMessage:
    """A phone texts the service; the provider's authenticated post is handed to Django."""
    provider.text_in(bridge, client, PHONE, body)
    return InboundMessage.objects.latest("pk")


def handle(fake_queue: Any) -> None:
    run_relays(fake_queue)


def test_a_send_reaches_delivered_through_the_providers_callbacks(sms_provider, bridge,
                                                                  fake_queue, client):
    message = queue_sms()
    assert message.status == MessageStatus.QUEUED
    run_queue(fake_queue)
    message.refresh_from_db()
    assert message.status == MessageStatus.SENDING
    assert message.provider_ref
    assert (message.encoding, message.segments) == ("GSM-7", 1)
    answers = forward_all(bridge, client, sms_provider.receipt_prefix(message),
                          sms_provider.receipts_when_delivered)
    assert {a.status_code for a in answers} == {204}
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED
    assert ("callback", "delivered") in list(message.events.values_list("kind", "status"))
    assert sms_provider.emulator.accepted_sends() == 1
    assert sms_provider.sent_to(PHONE) == [message.body_text]


def test_a_permanent_failure_is_recorded(sms_provider, bridge, fake_queue, client):
    sms_provider.will_fail_permanently(PHONE)
    message = queue_sms()
    run_queue(fake_queue)
    steps = sms_provider.receipts_when_delivered  # Twilio: sent, then undelivered
    forward_all(bridge, client, sms_provider.receipt_prefix(message), steps)
    message.refresh_from_db()
    assert message.status == MessageStatus.PERMANENT_FAILURE
    assert message.reason


@pytest.mark.parametrize("fault", ["500", "429", "timeout"])
def test_an_injected_fault_is_retried_and_delivered_exactly_once(
    sms_provider, bridge, fake_queue, client, fault
):
    sms_provider.fault(fault)
    message = queue_sms()
    run_queue(fake_queue)
    message.refresh_from_db()
    assert message.status == MessageStatus.QUEUED
    assert message.attempts == 1
    assert [m for m, _ in fake_queue.delayed] == [str(message.pk)]
    assert message.check_provider_first is (fault == "timeout")

    deliver(message_id=str(message.pk))  # the retry, as the worker runs it after the delay
    deliver(message_id=str(message.pk))  # a duplicate task for the same message does nothing
    forward_all(bridge, client, sms_provider.receipt_prefix(message),
                sms_provider.receipts_when_delivered)
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED
    assert message.attempts == 2
    assert sms_provider.emulator.accepted_sends() == 1


def test_a_timeout_after_acceptance_is_found_at_the_provider_not_resent(sms_provider,
                                                                       fake_queue):
    message = queue_sms()
    run_queue(fake_queue)
    accepted = Message.objects.get(pk=message.pk).provider_ref
    Message.objects.filter(pk=message.pk).update(
        status=MessageStatus.QUEUED, provider_ref="", check_provider_first=True
    )  # as if the answer to the accepted send had been lost
    deliver(message_id=str(message.pk))
    message.refresh_from_db()
    assert message.provider_ref == accepted
    assert sms_provider.emulator.accepted_sends() == 1


def test_a_lost_callback_is_recovered_by_polling_the_provider(sms_provider, bridge, fake_queue,
                                                              settings):
    sms_provider.lose_callbacks(PHONE)
    message = queue_sms()
    run_queue(fake_queue)
    wait_until(lambda: sms_provider.statuses_at_provider(PHONE) == ["delivered"])
    assert poll_in_flight().asked == 0  # not yet due
    later = timezone.now() + timedelta(seconds=settings.SIGNPOST_POLL_AFTER_S + 1)
    report = poll_in_flight(now=later)
    assert (report.asked, report.applied) == (1, 1)
    message.refresh_from_db()
    assert message.status == MessageStatus.DELIVERED
    assert bridge.matching(sms_provider.receipts) == []  # no callback came
    assert poll_in_flight(now=later).applied == 0  # final: not asked again


def test_retries_end_in_technical_failure_with_the_reason(sms_provider, fake_queue, settings):
    settings.SIGNPOST_SEND_MAX_ATTEMPTS = 2
    sms_provider.fault("500", count=10)
    message = queue_sms()
    run_queue(fake_queue)
    deliver(message_id=str(message.pk))
    message.refresh_from_db()
    assert message.status == MessageStatus.TECHNICAL_FAILURE
    assert "gave up after 2 attempts" in message.reason
    assert sms_provider.emulator.accepted_sends() == 0


def test_a_long_unicode_text_records_encoding_and_segments(sms_provider, fake_queue):
    message = queue_sms(text="Ваш буклет готов. " * 10)
    run_queue(fake_queue)
    message.refresh_from_db()
    assert message.encoding == "UCS-2"
    assert message.segments == 3


def test_stop_opts_out_before_the_assistant_sees_it(sms_provider, bridge, client, fake_queue,
                                                    assistant):
    inbound = text_in(sms_provider, bridge, client, "Stop")
    handle(fake_queue)
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.OPTED_OUT
    assert inbound.recipient is not None
    assert is_opted_out(recipient=inbound.recipient, channel=Channel.SMS)
    assert assistant.received == []
    # Twilio confirms its own STOP; Notify does nothing with it, so the gateway confirms.
    confirmations = Message.objects.filter(is_opt_out_confirmation=True).count()
    assert confirmations == (0 if sms_provider.name == "twilio" else 1)
    assert queue_sms(key="blocked").status == MessageStatus.PERMANENT_FAILURE


def test_a_translated_stop_opts_out_with_one_confirmation(sms_provider, bridge, client,
                                                          fake_queue, assistant):
    inbound = text_in(sms_provider, bridge, client, "Zatrzymaj")
    task = list(fake_queue.relays)
    handle(fake_queue)
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.OPTED_OUT
    confirmation = Message.objects.get()
    assert confirmation.is_opt_out_confirmation
    assert confirmation.language == "pl"
    assert confirmation.status == MessageStatus.QUEUED
    assert queue_sms(key="after").status == MessageStatus.PERMANENT_FAILURE
    fake_queue.relays.extend(task)  # the same task run twice: still one confirmation
    handle(fake_queue)
    assert Message.objects.filter(is_opt_out_confirmation=True).count() == 1
    assert assistant.received == []


def test_start_opts_back_in(sms_provider, bridge, client, fake_queue, assistant):
    text_in(sms_provider, bridge, client, "STOP")
    handle(fake_queue)
    inbound = text_in(sms_provider, bridge, client, "start")
    handle(fake_queue)
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.OPTED_IN
    assert inbound.recipient is not None
    assert not is_opted_out(recipient=inbound.recipient, channel=Channel.SMS)
    assert OptOut.objects.get().ended_by_keyword == "START"
    assert queue_sms(key="again").status == MessageStatus.QUEUED


def test_a_text_is_relayed_under_an_opaque_id_and_replies_go_out_through_the_gateway(
    sms_provider, bridge, client, fake_queue, assistant
):
    assistant.replies = ["Hello.", "How can I help?"]
    inbound = text_in(sms_provider, bridge, client, "hi there")
    handle(fake_queue)
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.RELAYED
    assert inbound.recipient is not None
    sent = assistant.received[0]
    assert sent == {"sender": inbound.recipient.conversation_id, "message": "hi there",
                    "metadata": {"language": "en"}}
    assert "7700900123" not in sent["sender"]
    replies = Message.objects.order_by("created_at")
    assert [m.body_text for m in replies] == ["Hello.", "How can I help?"]
    assert {m.origin for m in replies} == {Origin.ASSISTANT}
    run_queue(fake_queue)
    assert sms_provider.sent_to(PHONE) == ["Hello.", "How can I help?"]


def test_yes_from_someone_not_opted_out_goes_to_the_assistant(sms_provider, bridge, client,
                                                              fake_queue, assistant):
    text_in(sms_provider, bridge, client, "YES")
    handle(fake_queue)
    assert assistant.received[0]["message"] == "YES"


def test_when_the_assistant_is_down_one_support_text_and_the_message_kept(
    sms_provider, bridge, client, fake_queue, assistant
):
    from organisations.models import Organisation, OrganisationKind

    Organisation.objects.create(slug="f", name="Force", kind=OrganisationKind.FORCE,
                                support_line_name="Victim Support",
                                support_line_phone="0808 168 9291")
    assistant.status = 500
    inbound = text_in(sms_provider, bridge, client, "hello")
    handle(fake_queue)
    [retry_in] = due_retries(fake_queue)
    assert retry_in > 0
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.RELAY_FAILED
    support = Message.objects.get()
    assert "0808 168 9291" in support.body_text
    assert "999" in support.body_text
    handle(fake_queue)  # still down: no second apology
    assert Message.objects.count() == 1
    assistant.status = 200
    due_retries(fake_queue)
    handle(fake_queue)
    assert fake_queue.relays == []
    inbound.refresh_from_db()
    assert inbound.status == InboundStatus.RELAYED
    assert Message.objects.count() == 2


def test_a_repeated_inbound_post_is_stored_once(sms_provider, bridge, client, fake_queue):
    post = sms_provider.text_in(bridge, client, PHONE, "hello")
    assert bridge.forward(client, post).status_code in (200, 204)  # the provider's retry
    assert InboundMessage.objects.count() == 1
    assert len(fake_queue.conversations) == 1
