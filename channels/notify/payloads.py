"""Parsing Notify's callback bodies (JSON) into typed values; bad input raises ``PayloadError``.

>>> parse_receipt({"id": "740e5834-3a29-46b4-9a6f-16142fde533a", "status": "delivered",
...                "reference": "0b4a1c9e-6f3e-4a53-a3c2-3a0d4c1f5e77"}).status
'delivered'
>>> parse_inbound({"id": "x", "source_number": "447700900111", "message": "hi"})
Traceback (most recent call last):
...
channels.notify.payloads.PayloadError: id is missing or not a Notify id
>>> international_number("447700900111"), international_number("+33612345678")
('+447700900111', '+33612345678')
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from channels.text import storable

STATUS = re.compile(r"^[a-z-]{1,30}$")
NUMBER = re.compile(r"^\+?[0-9]{6,20}$")
MAX_BODY = 5000


class PayloadError(ValueError):
    """The callback's body is not what Notify sends; the message says which."""


@dataclass(frozen=True)
class Receipt:
    notification_id: str
    reference: uuid.UUID | None  # our message id; None when the notification is not ours
    status: str
    notification_type: str


@dataclass(frozen=True)
class InboundSms:
    notification_id: str
    source_number: str  # as Notify gives it, digits with the country code; checked by the gateway
    body: str


def _uuid(value: Any, name: str) -> uuid.UUID:
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise PayloadError(f"{name} is missing or not a Notify id") from None


def parse_receipt(body: Mapping[str, Any]) -> Receipt:
    notification = str(_uuid(body.get("id"), "id"))
    status = str(body.get("status") or "")
    if not STATUS.match(status):
        raise PayloadError("status is missing or malformed")
    raw_reference = body.get("reference")
    try:
        reference = uuid.UUID(str(raw_reference)) if raw_reference else None
    except ValueError:
        reference = None  # a reference someone else gave (e.g. a message sent from Notify's site)
    kind = str(body.get("notification_type") or "")
    if kind not in {"", "sms", "email", "letter"}:
        raise PayloadError("notification_type is not sms, email or letter")
    return Receipt(notification_id=notification, reference=reference, status=status,
                   notification_type=kind)


def parse_inbound(body: Mapping[str, Any]) -> InboundSms:
    notification = str(_uuid(body.get("id"), "id"))
    source = str(body.get("source_number") or "").replace(" ", "")
    if not NUMBER.match(source):
        raise PayloadError("source_number is missing or not a phone number")
    message = storable(str(body.get("message") or ""))
    if len(message) > MAX_BODY:
        raise PayloadError("message is too long")
    return InboundSms(notification_id=notification, source_number=source, body=message)


def international_number(source: str) -> str:
    """Notify gives the sender's number with its country code and no ``+``."""
    return source if source.startswith("+") else f"+{source}"
