"""Asking providers for the status of messages still in flight: a callback may have been lost.

A message a provider accepted that is still in one of the provider's in-flight statuses
``SIGNPOST_POLL_AFTER_S`` after its last change is asked of that provider (found by its
reference's prefix, through the registry: this module names no provider). A new status is
applied as a callback would be; one the message already has changes nothing and is asked again
on a later run, until the sweep's window (``SIGNPOST_SENDING_WINDOW_S``) closes it. When a
provider cannot be asked, its turn stops and the next run tries again.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from messaging.models import Message
from messaging.providers import ProviderUnavailable, StatusSource, providers
from messaging.reports import ProviderReport, apply_report
from messaging.statuses import MessageStatus
from messaging.transitions import UnknownMessage

logger = logging.getLogger(__name__)
BATCH = 200


@dataclass
class PollReport:
    asked: int = 0
    applied: int = 0
    unavailable: list[str] = field(default_factory=list)  # providers that could not be asked


def poll_in_flight(*, now: datetime | None = None) -> PollReport:
    now = now or timezone.now()
    report = PollReport()
    for source in providers.sources():
        _poll(source, now, report)
    return report


def _poll(source: StatusSource, now: datetime, report: PollReport) -> None:
    due = (
        Message.objects.filter(
            status__in=[status.value for status in source.in_flight],
            provider_ref__startswith=source.ref_prefix,
            updated_at__lt=now - timedelta(seconds=settings.SIGNPOST_POLL_AFTER_S),
            created_at__gt=now - timedelta(seconds=settings.SIGNPOST_SENDING_WINDOW_S),
        )
        .order_by("updated_at").values_list("pk", "provider_ref", "status")[:BATCH]
    )
    for message_id, ref, current in due:
        try:
            polled = source.fetch_status(ref=ref)
        except ProviderUnavailable as error:
            logger.info("poll of %s stopped after %d: unavailable (%s)", source.name,
                        report.asked, error)
            report.unavailable.append(source.name)
            return
        report.asked += 1
        if polled.status is None or polled.status == MessageStatus(current):
            continue  # nothing new: no event
        try:
            applied = apply_report(ProviderReport(
                message_id=message_id, status=polled.status,
                provider_status=polled.provider_status, error_code=polled.error_code,
                detail=polled.detail, provider_ref=ref,
            ))
        except UnknownMessage:
            continue  # erased meanwhile
        report.applied += applied.applied
