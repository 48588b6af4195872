"""GOV.UK Notify as an SMS and an email provider of the gateway (registered by its apps.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from channels.notify import adapter
from channels.results import OutboundEmail, OutboundSms, SendAccepted, SendResult


@dataclass(frozen=True)
class NotifySms:
    name: str = "notify"
    handles_stop_words: bool = False  # Notify passes STOP on as an inbound text, nothing more

    def send_sms(self, sms: OutboundSms) -> SendResult:
        return adapter.send_sms(sms)

    def find_sent(self, sms: OutboundSms, *, since: datetime) -> SendAccepted | None:
        return adapter.find_sent(message_id=sms.message_id)


@dataclass(frozen=True)
class NotifyEmail:
    name: str = "notify"

    def send_emails(self, mails: list[OutboundEmail]) -> list[SendResult]:
        # Notify takes one email per request: no connection to share.
        return [adapter.send_email(mail) for mail in mails]
