"""Notify's delivery receipts and polled statuses, applied to our messages.

Notify retries a callback it did not see answered, so the same receipt can come twice: a
receipt whose status the message already records from that notification changes nothing (not
even an ``ignored`` event).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from channels.notify.client import provider_ref
from channels.notify.tables import MEANINGS, status_for
from messaging.models import Message
from messaging.reports import ProviderReport, apply_report
from messaging.statuses import MessageStatus


@dataclass(frozen=True)
class ReceiptResult:
    duplicate: bool
    status: MessageStatus | None  # the message's status now; None when it is not ours


def apply_receipt(*, message_id: uuid.UUID, notification_id: str, status: str) -> ReceiptResult:
    """Apply Notify's ``status`` for one notification to our message ``message_id``.

    Raises ``messaging.transitions.UnknownMessage`` when we have no such message.
    """
    ref = provider_ref(notification_id)
    seen = Message.objects.filter(pk=message_id, provider_ref=ref,
                                  provider_status=status[:40]).values_list("status", flat=True)
    current = seen.first()
    if current is not None:
        return ReceiptResult(duplicate=True, status=MessageStatus(current))
    applied = apply_report(ProviderReport(
        message_id=message_id, status=status_for(status), provider_status=status,
        detail=MEANINGS.get(status, ""), provider_ref=ref,
    ))
    return ReceiptResult(duplicate=False, status=applied.status)
