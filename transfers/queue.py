"""Handing webhook transfers to the Huey worker, after the referral's transaction commits.

A referral is queued when it is created (``transfers.signals``); a periodic sweep queues any
that were missed (queue down, worker restarted before the first attempt).
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone

from referrals.models import Referral
from transfers.models import ServiceDestination, TransferAttempt
from transfers.statuses import TransferKind

logger = logging.getLogger(__name__)

SWEEP_LOOKBACK = timedelta(days=7)


def enqueue_webhook(referral_id: str, *, attempt: int = 1, delay: float | None = None) -> None:
    from transfers import tasks

    try:
        if delay:
            tasks.referral_webhook_task.schedule(args=(referral_id, attempt), delay=delay)
        else:
            tasks.referral_webhook_task(referral_id, attempt)
    except Exception:  # the queue is down: the sweep queues it later
        logger.exception("could not queue the webhook of referral %s", referral_id)


def webhook_after_commit(referral_id: str, *, target_id: int) -> None:
    """Queue the webhook after commit, when the referral's service has one configured."""
    destination = ServiceDestination.objects.filter(organisation_id=target_id).first()
    if destination is not None and destination.has_webhook:
        transaction.on_commit(lambda: enqueue_webhook(referral_id))


def missed_referrals(*, now: datetime | None = None) -> list[str]:
    """Referrals of the last week, to services with a webhook, that no attempt was made for."""
    since = (now or timezone.now()) - SWEEP_LOOKBACK
    services = [d.organisation_id for d in ServiceDestination.objects.filter(active=True)
                if d.has_webhook]
    attempted = TransferAttempt.objects.filter(kind=TransferKind.WEBHOOK).values("referral_id")
    return [str(pk) for pk in Referral.objects.filter(
        target_id__in=services, created_at__gte=since).exclude(pk__in=attempted)
        .values_list("pk", flat=True)]
