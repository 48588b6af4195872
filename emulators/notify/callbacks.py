"""A notification's life after it is accepted: ``sending``, then its final status, with a
delivery-receipt callback carrying the force's bearer token."""

from __future__ import annotations

import asyncio
import json
import logging

from emulators.common.webhooks import post_with_retries
from emulators.notify.simulated import Outcome
from emulators.notify.state import Emulator
from emulators.notify.store import Notification

logger = logging.getLogger(__name__)


def bearer(emu: Emulator) -> dict[str, str]:
    return {"Authorization": f"Bearer {emu.config.callback_token}",
            "Content-Type": "application/json"}


async def run_lifecycle(emu: Emulator, notification_id: str, outcome: Outcome) -> None:
    delay = outcome.delay if outcome.delay is not None else emu.config.callback_delay
    for step in ("sending", outcome.status):
        await asyncio.sleep(delay)
        record = emu.store.set_status(notification_id, step)
        if record is None:  # the emulator was reset
            return
        logger.info("notification %s is %s", notification_id, step)
    if outcome.callback and record is not None:
        await post_receipt(emu, record)


async def post_receipt(emu: Emulator, record: Notification) -> None:
    url = emu.config.receipt_url
    result = await post_with_retries(
        emu.session, url, body=json.dumps(record.receipt()).encode(), headers=bearer(emu),
        policy=emu.config.webhook_retry, label=f"receipt {record.id} {record.status}",
    )
    emu.store.log_webhook({"kind": "receipt", "notification_id": record.id,
                           "status": record.status, "http_status": result.status,
                           "attempts": result.attempts, "error": result.error})
