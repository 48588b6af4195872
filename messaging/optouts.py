"""Opting out and back in, per recipient and channel. Staff see opt-outs in the admin."""

from __future__ import annotations

from datetime import datetime

from django.db import transaction
from django.utils import timezone

from messaging.models import OptOut, Recipient
from messaging.statuses import Channel


def is_opted_out(*, recipient: Recipient, channel: Channel) -> bool:
    return OptOut.objects.filter(
        recipient=recipient, channel=channel.value, ended_at__isnull=True
    ).exists()


def opt_out(*, recipient: Recipient, channel: Channel, keyword: str, source: str) -> bool:
    """Record an opt-out; False if the recipient was already opted out of this channel."""
    with transaction.atomic():
        if is_opted_out(recipient=recipient, channel=channel):
            return False
        OptOut.objects.create(
            recipient=recipient, channel=channel.value, keyword=keyword[:40], source=source
        )
        return True


def opted_in_since(*, recipient: Recipient, channel: Channel, since: datetime) -> bool:
    """Whether an opt-out of this channel was ended (START) after ``since``."""
    return OptOut.objects.filter(recipient=recipient, channel=channel.value,
                                 ended_at__gt=since).exists()


def opt_in(*, recipient: Recipient, channel: Channel, keyword: str) -> bool:
    """End any opt-out; False if there was none."""
    ended = OptOut.objects.filter(
        recipient=recipient, channel=channel.value, ended_at__isnull=True
    ).update(ended_at=timezone.now(), ended_by_keyword=keyword[:40])
    return ended > 0
