"""What operators watch, in Prometheus's text format, read from the database and queue per scrape.

Everything here is a gauge computed at scrape time from rows the gateway already keeps, so every
web process answers the same and nothing is lost when a worker dies. Counts are of messages still
in flight (their statuses are indexed with ``updated_at``), never of the whole log.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import datetime, timedelta

from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import generate_latest
from prometheus_client.registry import Collector, CollectorRegistry

from messaging.models import DeliveryEvent, InboundMessage, Message
from messaging.statuses import InboundStatus, MessageStatus

IN_FLIGHT = (MessageStatus.CREATED, MessageStatus.QUEUED, MessageStatus.SENDING,
             MessageStatus.SENT)
WAITING_INBOUND = (InboundStatus.RECEIVED, InboundStatus.RELAY_FAILED)
RECENT = timedelta(minutes=5)


def _age_s(now: datetime, since: datetime | None) -> float:
    return max((now - since).total_seconds(), 0.0) if since is not None else 0.0


def _quantile(ordered: list[float], quantile: float) -> float:
    """The nearest-rank quantile of sorted values, 0 for none.

    >>> turns = [0.2, 0.4, 0.9, 3.0]
    >>> _quantile(turns, 0.5), _quantile(turns, 0.95), _quantile([], 1)
    (0.4, 3.0, 0.0)
    """
    if not ordered:
        return 0.0
    return ordered[min(len(ordered) - 1, max(0, math.ceil(quantile * len(ordered)) - 1))]


class GatewayCollector(Collector):
    """Queue depth, the oldest waiting and sending message, inbound texts waiting for the
    assistant, and the last five minutes of provider callbacks, error codes and assistant turn
    times."""

    def collect(self) -> Iterator[Metric]:
        now = timezone.now()
        yield from self._outbound(now)
        yield from self._inbound(now)
        yield from self._recent(now)
        yield self._assistant_turns(now)
        yield self._task_queue()

    def _outbound(self, now: datetime) -> Iterator[Metric]:
        count = GaugeMetricFamily("signpost_messages_in_flight",
                                  "Outbound messages not yet final, by channel and status",
                                  labels=["channel", "status"])
        oldest = GaugeMetricFamily(
            "signpost_message_oldest_seconds",
            "Seconds since the oldest in-flight message last changed (for sending: claim age)",
            labels=["channel", "status"])
        rows = (Message.objects.filter(status__in=[s.value for s in IN_FLIGHT])
                .values("channel", "status").annotate(n=Count("id"), since=Min("updated_at")))
        for row in rows:
            count.add_metric([row["channel"], row["status"]], row["n"])
            oldest.add_metric([row["channel"], row["status"]], _age_s(now, row["since"]))
        yield count
        yield oldest

    def _inbound(self, now: datetime) -> Iterator[Metric]:
        count = GaugeMetricFamily("signpost_inbound_waiting",
                                  "Received texts the assistant has not answered yet, by status",
                                  labels=["status"])
        oldest = GaugeMetricFamily("signpost_inbound_oldest_waiting_seconds",
                                   "Seconds the oldest unanswered received text has waited",
                                   labels=["status"])
        rows = (InboundMessage.objects.filter(status__in=[s.value for s in WAITING_INBOUND])
                .values("status").annotate(n=Count("id"), since=Min("received_at")))
        for row in rows:
            count.add_metric([row["status"]], row["n"])
            oldest.add_metric([row["status"]], _age_s(now, row["since"]))
        yield count
        yield oldest

    def _recent(self, now: datetime) -> Iterator[Metric]:
        recent = DeliveryEvent.objects.filter(at__gte=now - RECENT)
        callbacks = GaugeMetricFamily("signpost_callbacks_recent",
                                      "Provider status callbacks in the last 5 minutes, by status",
                                      labels=["status"])
        for row in recent.filter(kind="callback").values("status").annotate(n=Count("id")):
            callbacks.add_metric([row["status"]], row["n"])
        errors = GaugeMetricFamily("signpost_provider_errors_recent",
                                   "Provider error codes reported in the last 5 minutes",
                                   labels=["error_code"])
        for row in recent.exclude(error_code="").values("error_code").annotate(n=Count("id")):
            errors.add_metric([row["error_code"]], row["n"])
        yield callbacks
        yield errors

    def _assistant_turns(self, now: datetime) -> Metric:
        """How long the assistant's answers took in the last five minutes, from a text's arrival
        to its relay's end, over every worker and Rasa server (each relayed text is one turn)."""
        turns = GaugeMetricFamily(
            "signpost_assistant_turn_seconds",
            "Seconds from a text's arrival to the assistant's answer, texts of the last 5 minutes",
            labels=["quantile"])
        rows = (InboundMessage.objects
                .filter(received_at__gte=now - RECENT, status=InboundStatus.RELAYED.value,
                        processed_at__isnull=False)
                .values_list("received_at", "processed_at"))
        seconds = sorted(_age_s(done, received) for received, done in rows if done is not None)
        for quantile in (0.5, 0.95, 1.0):
            turns.add_metric([str(quantile)], _quantile(seconds, quantile))
        return turns

    def _task_queue(self) -> Metric:
        from huey.contrib.djhuey import HUEY

        depth = GaugeMetricFamily("signpost_task_queue_depth",
                                  "Tasks waiting in the worker queue (sends, relays, sweeps)")
        depth.add_metric([], HUEY.pending_count())
        return depth


def exposition() -> bytes:
    """The whole scrape, rendered by prometheus_client."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(GatewayCollector())
    return generate_latest(registry)
