"""Handing updates to the worker once the transaction that recorded them commits (a periodic
task finds any left pending)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from django.db import transaction

logger = logging.getLogger(__name__)


def deliver_after_commit(update_ids: Sequence[int]) -> None:
    ids = list(update_ids)
    if ids:
        transaction.on_commit(lambda: enqueue(ids))


def enqueue(update_ids: Sequence[int]) -> None:
    from caseupdates import tasks

    for update_id in update_ids:
        try:
            tasks.deliver_update_task(update_id)
        except Exception:  # the queue is down: the periodic task picks the update up
            logger.exception("could not queue case update %s", update_id)
