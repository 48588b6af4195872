"""GOV.UK Notify as an SMS and an email provider of the gateway (registered by its apps.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from channels.notify import adapter
from channels.notify.client import REF_PREFIX
from channels.notify.pacing import take_turn
from channels.notify.tables import MEANINGS, status_for
from messaging.providers import PolledStatus, ProviderUnavailable
from messaging.results import OutboundEmail, OutboundSms, SendAccepted, SendResult
from messaging.statuses import MessageStatus


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


@dataclass(frozen=True)
class NotifyStatuses:
    """Asking Notify (``get_notification_by_id``) about a text or email it accepted. Its
    ``sent`` is final (an international text with no receipt): only ``sending`` is in flight."""

    name: str = "notify"
    ref_prefix: str = REF_PREFIX
    in_flight: frozenset[MessageStatus] = frozenset({MessageStatus.SENDING})

    def fetch_status(self, *, ref: str) -> PolledStatus:
        if not take_turn().allowed:
            raise ProviderUnavailable("our rate limit for the provider")
        notify_status = adapter.fetch_status(ref=ref)
        return PolledStatus(status=status_for(notify_status), provider_status=notify_status,
                            detail=MEANINGS.get(notify_status, ""))
