"""Huey tasks: each calls one service function and schedules what follows."""

from __future__ import annotations

from huey import crontab
from huey.contrib.djhuey import db_periodic_task, db_task

from transfers import batch, queue, webhooks


@db_task()  # type: ignore[untyped-decorator]  # huey ships no types
def referral_webhook_task(referral_id: str, attempt: int) -> None:
    outcome = webhooks.deliver(referral_id=referral_id, attempt=attempt)
    if outcome.retry_in_s is not None:
        queue.enqueue_webhook(referral_id, attempt=attempt + 1, delay=outcome.retry_in_s)


@db_periodic_task(crontab(minute="*/10"))  # type: ignore[untyped-decorator]
def transfer_sweep_task() -> None:
    for referral_id in queue.missed_referrals():
        queue.enqueue_webhook(referral_id)


@db_periodic_task(crontab(minute="5"))  # type: ignore[untyped-decorator]
def daily_batch_task() -> None:
    """Hourly: writes yesterday's batch of any service still without one, after the set hour."""
    batch.run_due_batches()
