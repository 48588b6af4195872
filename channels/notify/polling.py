"""Asking Notify for the status of messages still in flight: the callback may have been lost.

A message Notify accepted that is still ``sending`` ``NOTIFY_POLL_AFTER_S`` after its last
change is looked up by its Notify id (``get_notification_by_id``). A final status is applied as
a receipt would be; one still in flight changes nothing and is asked again on the next run,
until the sweep's window closes it. Notify keeps notifications for 7 days, so older ones are not
asked. When Notify cannot be asked, the run stops and the next one tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from channels.notify.adapter import fetch_status
from channels.notify.client import REF_PREFIX
from channels.notify.pacing import pacer
from channels.notify.receipts import apply_receipt
from channels.notify.tables import status_for
from channels.providers import ProviderUnavailable
from messaging.models import Message
from messaging.statuses import MessageStatus

logger = logging.getLogger(__name__)
BATCH = 200
NOTIFY_KEEPS = timedelta(days=7)


@dataclass(frozen=True)
class PollReport:
    asked: int
    applied: int
    unavailable: bool


def poll_in_flight(*, now: datetime | None = None) -> PollReport:
    now = now or timezone.now()
    due = (
        Message.objects.filter(status=MessageStatus.SENDING.value,
                               provider_ref__startswith=REF_PREFIX,
                               updated_at__lt=now - timedelta(seconds=settings.NOTIFY_POLL_AFTER_S),
                               created_at__gt=now - NOTIFY_KEEPS)
        .order_by("updated_at").values_list("pk", "provider_ref")[:BATCH]
    )
    asked = applied = 0
    for message_id, ref in due:
        if not pacer(settings.NOTIFY_RATE_PER_MINUTE).take(max_wait=1.0):
            break
        try:
            status = fetch_status(ref=ref)
        except ProviderUnavailable as error:
            logger.info("notify poll stopped after %d: provider unavailable (%s)", asked, error)
            return PollReport(asked=asked, applied=applied, unavailable=True)
        asked += 1
        if status_for(status) in (None, MessageStatus.SENDING):
            continue  # still in flight (or unknown to us): nothing to record yet
        result = apply_receipt(message_id=message_id, notification_id=ref.removeprefix(REF_PREFIX),
                               status=status)
        applied += not result.duplicate
    return PollReport(asked=asked, applied=applied, unavailable=False)
