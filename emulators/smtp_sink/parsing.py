"""Reading a stored mail for display: its main headers and each part's text."""

from __future__ import annotations

import email
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage, Message
from typing import Any

SHOWN_HEADERS = ("From", "To", "Cc", "Reply-To", "Subject", "Date", "Message-ID", "In-Reply-To")


@dataclass(frozen=True)
class Part:
    content_type: str
    filename: str | None
    size: int
    text: str | None  # for text/* and delivery-status parts

    def to_json(self) -> dict[str, Any]:
        return {
            "content_type": self.content_type,
            "filename": self.filename,
            "size": self.size,
            "text": self.text,
        }


@dataclass(frozen=True)
class ParsedMail:
    headers: list[tuple[str, str]]
    parts: list[Part] = field(default_factory=list)

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None

    @property
    def text(self) -> str | None:
        return next((p.text for p in self.parts if p.content_type == "text/plain"), None)

    @property
    def html(self) -> str | None:
        return next((p.text for p in self.parts if p.content_type == "text/html"), None)


def parse_message(raw: bytes) -> EmailMessage:
    return email.message_from_bytes(raw, policy=policy.default)


def summary_headers(raw: bytes) -> tuple[str | None, str | None]:
    """The Message-ID and Subject of a raw mail, for the index."""
    message = parse_message(raw)
    message_id, subject = message.get("Message-ID"), message.get("Subject")
    return (str(message_id).strip() if message_id else None, str(subject) if subject else None)


def _part_text(part: Message) -> str | None:
    content_type = part.get_content_type()
    if content_type == "message/delivery-status":
        blocks = part.get_payload()
        if isinstance(blocks, list):
            return "\n".join(str(block).strip() + "\n" for block in blocks)
    if part.get_content_maintype() != "text":
        return None
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        return None
    charset = part.get_content_charset() or "utf-8"
    try:
        return payload.decode(charset, errors="replace")
    except LookupError:
        return payload.decode("utf-8", errors="replace")


def _leaves(part: Message) -> Iterator[Message]:
    """The parts to show; a delivery-status part is one part, not a container."""
    if part.get_content_type() == "message/delivery-status" or not part.is_multipart():
        yield part
        return
    for sub in part.get_payload():
        if isinstance(sub, Message):
            yield from _leaves(sub)


def parse_mail(raw: bytes) -> ParsedMail:
    message = parse_message(raw)
    headers = [(name, str(message[name])) for name in SHOWN_HEADERS if message[name] is not None]
    parts = []
    for part in _leaves(message):
        payload = part.get_payload(decode=True)
        parts.append(
            Part(
                content_type=part.get_content_type(),
                filename=part.get_filename(),
                size=len(payload) if isinstance(payload, bytes) else 0,
                text=_part_text(part),
            )
        )
    return ParsedMail(headers=headers, parts=parts)
