"""/metrics: operators' figures in Prometheus's text format, only for the private network."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client, override_settings
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from messaging.models import DeliveryEvent, InboundMessage, Message, Recipient
from messaging.statuses import Channel, InboundStatus, MessageStatus, Origin

pytestmark = pytest.mark.django_db


def _message(recipient: Recipient, status: MessageStatus, age_s: float, key: str) -> Message:
    message = Message.objects.create(
        channel=Channel.SMS, recipient=recipient, template="t", body_text="b",
        idempotency_key=key, status=status, origin=Origin.ASSISTANT,
    )
    Message.objects.filter(pk=message.pk).update(
        updated_at=timezone.now() - timedelta(seconds=age_s))
    return message


def _samples(client: Client) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain; version=")
    text = response.content.decode()
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


def test_queue_depth_oldest_claim_and_recent_callbacks(client: Client) -> None:
    recipient = Recipient.objects.create()
    _message(recipient, MessageStatus.QUEUED, 30, "a")
    _message(recipient, MessageStatus.QUEUED, 5, "b")
    sending = _message(recipient, MessageStatus.SENDING, 120, "c")
    _message(recipient, MessageStatus.DELIVERED, 9000, "d")
    DeliveryEvent.objects.create(message=sending, kind="callback", status="delivered")
    DeliveryEvent.objects.create(message=sending, kind="callback", status="undelivered",
                                 error_code="30003")
    InboundMessage.objects.create(channel=Channel.SMS, provider_id="SM1",
                                  status=InboundStatus.RELAY_FAILED)

    samples = _samples(client)

    sms = (("channel", "sms"),)
    assert samples[("signpost_messages_in_flight", (*sms, ("status", "queued")))] == 2
    assert samples[("signpost_messages_in_flight", (*sms, ("status", "sending")))] == 1
    assert ("signpost_messages_in_flight", (*sms, ("status", "delivered"))) not in samples
    assert 29 <= samples[("signpost_message_oldest_seconds", (*sms, ("status", "queued")))] < 60
    assert samples[("signpost_message_oldest_seconds", (*sms, ("status", "sending")))] >= 119
    assert samples[("signpost_callbacks_recent", (("status", "undelivered"),))] == 1
    assert samples[("signpost_provider_errors_recent", (("error_code", "30003"),))] == 1
    assert samples[("signpost_inbound_waiting", (("status", "relay-failed"),))] == 1
    assert ("signpost_task_queue_depth", ()) in samples


def test_refused_through_the_proxy_and_from_outside_the_private_network(client: Client) -> None:
    """The proxy runs on the web host, so its requests come from loopback: refuse them too."""
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.9").status_code == 404
    assert client.get("/metrics", REMOTE_ADDR="203.0.113.9").status_code == 404
    with override_settings(SIGNPOST_METRICS_NETWORKS=["10.0.0.0/8"]):
        assert client.get("/metrics").status_code == 404
        assert client.get("/metrics", REMOTE_ADDR="10.2.3.4").status_code == 200


def test_assistant_turn_times_of_the_last_five_minutes(client: Client) -> None:
    now = timezone.now()
    for n, (ago_s, took_s) in enumerate([(10, 0.4), (20, 0.6), (30, 2.5), (900, 60.0)]):
        inbound = InboundMessage.objects.create(channel=Channel.SMS, provider_id=f"SM{n}",
                                                status=InboundStatus.RELAYED)
        received = now - timedelta(seconds=ago_s)
        InboundMessage.objects.filter(pk=inbound.pk).update(
            received_at=received, processed_at=received + timedelta(seconds=took_s))
    samples = _samples(client)
    turn = {quantile: samples[("signpost_assistant_turn_seconds", (("quantile", quantile),))]
            for quantile in ("0.5", "0.95", "1.0")}
    # the text of 15 minutes ago, 60 s, is outside the window
    assert turn == pytest.approx({"0.5": 0.6, "0.95": 2.5, "1.0": 2.5})
