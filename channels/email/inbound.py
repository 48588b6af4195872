"""Inbound mail handed over by the relay (the SMTP sink locally): bounces and replies."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from channels.email.dsn import parse_bounce, parse_reply
from messaging.inbound_email import receive_email_reply
from messaging.reports import ProviderReport, apply_report
from messaging.transitions import UnknownMessage


@dataclass(frozen=True)
class InboundMailResult:
    kind: str  # bounce | bounce-unmatched | reply | duplicate
    message_id: str | None = None


def receive_email(*, raw: bytes) -> InboundMailResult:
    bounce = parse_bounce(raw)
    if bounce is not None:
        if bounce.message_id is None:
            return InboundMailResult("bounce-unmatched")
        try:
            apply_report(ProviderReport(
                message_id=uuid.UUID(bounce.message_id),
                status=bounce.status,
                provider_status=f"dsn-{bounce.action}"[:40],
                error_code=bounce.status_code,
                detail=f"bounce: {bounce.action} {bounce.status_code}",
            ))
        except UnknownMessage:
            return InboundMailResult("bounce-unmatched")
        return InboundMailResult("bounce", bounce.message_id)
    reply = parse_reply(raw)
    if not receive_email_reply(provider_id=reply.provider_id, text=reply.text):
        return InboundMailResult("duplicate")
    return InboundMailResult("reply", reply.in_reply_to)
