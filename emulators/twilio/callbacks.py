"""A message's life after it is accepted: status steps, each with a signed status callback."""

from __future__ import annotations

import asyncio
import logging
import secrets

from emulators.common.webhooks import post_with_retries
from emulators.twilio.outcomes import OutcomeRule
from emulators.twilio.resources import API_VERSION
from emulators.twilio.signing import webhook_headers
from emulators.twilio.state import Emulator
from emulators.twilio.store import MessageRecord

logger = logging.getLogger(__name__)

PRICE_PER_SEGMENT = 0.04  # USD, roughly a UK long-code send


def status_callback_params(record: MessageRecord) -> dict[str, str]:
    """The form fields Twilio posts to a StatusCallback URL."""
    params = {
        "AccountSid": record.account_sid,
        "ApiVersion": API_VERSION,
        "From": record.from_number or "",
        "MessageSid": record.sid,
        "MessageStatus": record.status,
        "SmsSid": record.sid,
        "SmsStatus": record.status,
        "To": record.to_number,
    }
    if record.messaging_service_sid:
        params["MessagingServiceSid"] = record.messaging_service_sid
    if record.error_code is not None:
        params["ErrorCode"] = str(record.error_code)
    if record.status in ("delivered", "undelivered"):
        params["RawDlrDoneDate"] = record.date_updated.strftime("%y%m%d%H%M")
    return params


async def run_lifecycle(emu: Emulator, sid: str, rule: OutcomeRule) -> None:
    """Move the message through the rule's steps, posting a callback for each if asked."""
    delay = rule.delay if rule.delay is not None else emu.config.callback_delay
    for step in rule.steps():
        await asyncio.sleep(delay)
        current = emu.store.get_message(sid)
        if current is None:  # the emulator was reset
            return
        price = f"-{PRICE_PER_SEGMENT * current.num_segments:.5f}"
        record = emu.store.set_status(
            sid,
            status=step.status,
            error_code=step.error_code,
            from_number=emu.config.service_number,
            price=price,
        )
        logger.info("message %s is %s", sid, step.status)
        if record is not None and record.status_callback and step.callback:
            await post_status_callback(emu, record, record.status_callback)


async def post_status_callback(emu: Emulator, record: MessageRecord, url: str) -> None:
    params = status_callback_params(record)
    headers = webhook_headers(emu.config.auth_token, url, params)
    headers["I-Twilio-Idempotency-Token"] = secrets.token_hex(16)
    result = await post_with_retries(
        emu.session,
        url,
        body=params,
        headers=headers,
        policy=emu.config.webhook_retry,
        label=f"status {record.sid} {record.status}",
    )
    emu.store.log_webhook(
        kind="status",
        message_sid=record.sid,
        message_status=record.status,
        url=url,
        attempts=result.attempts,
        http_status=result.status,
        error=result.error,
    )
