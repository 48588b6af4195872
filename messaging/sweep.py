"""The periodic sweep: nothing is left stuck.

- ``queued`` past its due time by the stuck window: its task was lost (or never queued: the
  process died between the commit and the enqueue): queue it again.
- ``sending`` with no provider reference past the stuck window: the worker died mid-call:
  back to ``queued``, to be checked with the provider before any resend.
- ``sending`` with a provider reference past the provider's window: no final status will
  come: closed ``temporary-failure``.
- a conversation whose relay task is overdue or has stopped beating by the stuck window (its
  worker died mid-relay, or the queue was down): queue it again (messaging.turns).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from messaging import queue, turns
from messaging.models import Message
from messaging.statuses import MessageStatus
from messaging.transitions import move

BATCH = 500


@dataclass(frozen=True)
class SweepReport:
    requeued_queued: int
    recovered_sending: int
    closed_sending: int
    requeued_inbound: int  # conversations whose relay task was queued again


def sweep() -> SweepReport:
    now = timezone.now()
    stuck = now - timedelta(seconds=settings.SIGNPOST_SWEEP_STUCK_S)
    window = now - timedelta(seconds=settings.SIGNPOST_SENDING_WINDOW_S)

    queued = list(
        Message.objects.filter(status=MessageStatus.QUEUED.value, updated_at__lt=stuck)
        .filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lt=stuck))
        .values_list("pk", flat=True)[:BATCH]
    )
    for message_id in queued:
        queue.enqueue_send(message_id)

    recovered = 0
    closed = 0
    sending = Message.objects.filter(status=MessageStatus.SENDING.value)
    for message_id in sending.filter(provider_ref="", updated_at__lt=stuck).values_list(
        "pk", flat=True
    )[:BATCH]:
        if _recover(message_id, stuck):
            recovered += 1
            queue.enqueue_send(message_id)
    for message_id in sending.exclude(provider_ref="").filter(updated_at__lt=window).values_list(
        "pk", flat=True
    )[:BATCH]:
        closed += _close(message_id, window)

    conversations = turns.recover(stuck=stuck)
    return SweepReport(len(queued), recovered, closed, conversations)


def _recover(message_id: uuid.UUID, stuck: datetime) -> bool:
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(
            pk=message_id, status=MessageStatus.SENDING.value, provider_ref="", updated_at__lt=stuck
        ).first()
        if message is None:
            return False
        message.check_provider_first = True
        return move(message, MessageStatus.QUEUED, kind="sweep",
                    detail="no answer recorded from the attempt: check with provider, then retry")


def _close(message_id: uuid.UUID, window: datetime) -> int:
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(
            pk=message_id, status=MessageStatus.SENDING.value, updated_at__lt=window
        ).first()
        if message is None:
            return 0
        return int(move(message, MessageStatus.TEMPORARY_FAILURE, kind="sweep",
                        detail="no final status from the provider within its window"))
