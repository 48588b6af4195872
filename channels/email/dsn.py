"""Reading RFC 3464 delivery status notifications (bounces) and plain replies.

A DSN is ``multipart/report; report-type=delivery-status``; its ``message/delivery-status``
part gives each recipient's Action (failed, delayed, delivered …) and Status (5.1.1 …), and
its ``text/rfc822-headers`` (or ``message/rfc822``) part carries the original Message-ID.
"""

from __future__ import annotations

import email
import hashlib
from dataclasses import dataclass
from email.message import Message
from email.parser import HeaderParser

from channels.email.compose import message_id_from_header
from channels.text import storable
from messaging.statuses import MessageStatus

MAX_RAW = 1024 * 1024
ACTIONS: dict[str, MessageStatus] = {
    "failed": MessageStatus.PERMANENT_FAILURE,
    "delayed": MessageStatus.TEMPORARY_FAILURE,
    "delivered": MessageStatus.DELIVERED,
}


@dataclass(frozen=True)
class Bounce:
    message_id: str | None  # ours, from the original's Message-ID; None if not one of ours
    action: str
    status_code: str  # the enhanced status code, e.g. 5.1.1
    status: MessageStatus | None  # what it means for our message (None: nothing to apply)


@dataclass(frozen=True)
class Reply:
    provider_id: str  # its Message-ID, or a hash of the mail when it has none
    text: str
    in_reply_to: str | None  # our message id, when it answers one of ours
    from_header: str


def _field(block: Message, name: str) -> str:
    value = block.get(name, "")
    return storable(str(value)).strip()


def _recipient_blocks(part: Message) -> list[Message]:
    payload = part.get_payload()
    if isinstance(payload, list):
        blocks = [block for block in payload if isinstance(block, Message)]
        return blocks[1:]  # the first block is per-message
    return []


def _original_message_id(part: Message) -> str | None:
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        headers = HeaderParser().parsestr(payload.decode("utf-8", errors="replace"))
        return message_id_from_header(str(headers.get("Message-ID", "")))
    inner = part.get_payload()
    if isinstance(inner, list) and inner and isinstance(inner[0], Message):
        return message_id_from_header(str(inner[0].get("Message-ID", "")))
    return None


def parse_bounce(raw: bytes) -> Bounce | None:
    """The bounce in a raw mail, or None when the mail is not a delivery status report."""
    message = email.message_from_bytes(raw[:MAX_RAW])
    if message.get_content_type() != "multipart/report":
        return None
    if str(message.get_param("report-type", "")).lower() != "delivery-status":
        return None
    action, code, original = "", "", None
    for part in message.walk():
        content_type = part.get_content_type()
        if content_type == "message/delivery-status":
            for block in _recipient_blocks(part):
                action = _field(block, "Action").lower()
                code = _field(block, "Status").split(" ")[0]
                if action:
                    break
        elif content_type in ("text/rfc822-headers", "message/rfc822", "message/rfc822-headers"):
            original = original or _original_message_id(part)
    if not action:
        return None
    status = ACTIONS.get(action)
    if action == "failed" and code.startswith("4"):
        status = MessageStatus.TEMPORARY_FAILURE
    return Bounce(message_id=original, action=action, status_code=code[:20], status=status)


def parse_reply(raw: bytes) -> Reply:
    """A person's mail: its plain text (first text part) and what it answers."""
    message = email.message_from_bytes(raw[:MAX_RAW])
    text = ""
    for part in message.walk():
        if part.get_content_type() == "text/plain" and not part.get_filename():
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                charset = part.get_content_charset() or "utf-8"
                try:
                    text = payload.decode(charset, errors="replace")
                except LookupError:
                    text = payload.decode("utf-8", errors="replace")
                break
    header_id = storable(str(message.get("Message-ID", "") or "")).strip()[:200]
    provider_id = header_id or "sha256:" + hashlib.sha256(raw).hexdigest()
    in_reply_to = message_id_from_header(str(message.get("In-Reply-To", "") or ""))
    return Reply(
        provider_id=provider_id,
        text=storable(text)[:10_000],
        in_reply_to=in_reply_to,
        from_header=storable(str(message.get("From", "") or ""))[:300],
    )
