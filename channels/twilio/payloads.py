"""Parsing Twilio's webhook form fields into typed values; bad input raises ``PayloadError``.

>>> parse_status({"MessageSid": "SM1", "MessageStatus": "delivered"}).status
'delivered'
>>> parse_status({"MessageStatus": "delivered"})
Traceback (most recent call last):
...
channels.twilio.payloads.PayloadError: MessageSid is missing or not a Twilio id
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from channels.text import storable

SID = re.compile(r"^(SM|MM|SS)[0-9A-Za-z]{1,64}$")
STATUS = re.compile(r"^[a-z-]{1,30}$")
MAX_BODY = 5000


class PayloadError(ValueError):
    """The webhook's fields are not what Twilio sends; the message says which."""


@dataclass(frozen=True)
class StatusCallback:
    sid: str
    status: str
    error_code: int | None


@dataclass(frozen=True)
class InboundSms:
    sid: str
    from_number: str  # as sent; validated by the gateway
    body: str


def _sid(params: Mapping[str, str]) -> str:
    sid = str(params.get("MessageSid") or params.get("SmsSid") or "")
    if not SID.match(sid):
        raise PayloadError("MessageSid is missing or not a Twilio id")
    return sid


def parse_status(params: Mapping[str, str]) -> StatusCallback:
    sid = _sid(params)
    status = str(params.get("MessageStatus") or params.get("SmsStatus") or "")
    if not STATUS.match(status):
        raise PayloadError("MessageStatus is missing or malformed")
    raw_code = str(params.get("ErrorCode") or "").strip()
    if raw_code and not (raw_code.isascii() and raw_code.isdigit() and len(raw_code) <= 6):
        raise PayloadError("ErrorCode is not a number")
    return StatusCallback(sid=sid, status=status, error_code=int(raw_code) if raw_code else None)


def parse_inbound(params: Mapping[str, str]) -> InboundSms:
    sid = _sid(params)
    from_number = storable(str(params.get("From") or ""))
    if not from_number or len(from_number) > 32:
        raise PayloadError("From is missing or too long")
    body = storable(str(params.get("Body") or ""))
    if len(body) > MAX_BODY:
        raise PayloadError("Body is too long")
    return InboundSms(sid=sid, from_number=from_number, body=body)
