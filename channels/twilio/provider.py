"""Twilio as an SMS provider of the gateway (registered by ``channels.twilio.apps``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from channels.twilio import adapter
from channels.twilio.tables import ERRORS, status_for
from messaging.providers import PolledStatus
from messaging.results import OutboundSms, SendAccepted, SendResult
from messaging.statuses import MessageStatus


@dataclass(frozen=True)
class TwilioSms:
    name: str = "twilio"
    handles_stop_words: bool = True  # Twilio's Advanced Opt-Out answers STOP and START itself

    def send_sms(self, sms: OutboundSms) -> SendResult:
        return adapter.send_sms(sms)

    def find_sent(self, sms: OutboundSms, *, since: datetime) -> SendAccepted | None:
        return adapter.find_sent(sms, since=since)


@dataclass(frozen=True)
class TwilioStatuses:
    """Asking Twilio about a message it accepted: still ``sending``, or ``sent`` (a delivery
    report is still to come)."""

    name: str = "twilio"
    ref_prefix: str = "SM"
    in_flight: frozenset[MessageStatus] = frozenset({MessageStatus.SENDING, MessageStatus.SENT})

    def fetch_status(self, *, ref: str) -> PolledStatus:
        twilio_status, code = adapter.fetch_status(sid=ref)
        rule = ERRORS.get(code) if code is not None else None
        return PolledStatus(status=status_for(twilio_status, code), provider_status=twilio_status,
                            error_code=str(code or ""), detail=rule.meaning if rule else "")
