"""An SMTP relay as an email provider of the gateway (registered by ``channels.email.apps``)."""

from __future__ import annotations

from dataclasses import dataclass

from channels.email.sender import send_emails
from messaging.results import OutboundEmail, SendResult


@dataclass(frozen=True)
class SmtpEmail:
    name: str = "smtp"

    def send_emails(self, mails: list[OutboundEmail]) -> list[SendResult]:
        return send_emails(mails)
