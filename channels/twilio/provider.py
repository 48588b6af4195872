"""Twilio as an SMS provider of the gateway (registered by ``channels.twilio.apps``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from channels.results import OutboundSms, SendAccepted, SendResult
from channels.twilio import adapter


@dataclass(frozen=True)
class TwilioSms:
    name: str = "twilio"
    handles_stop_words: bool = True  # Twilio's Advanced Opt-Out answers STOP and START itself

    def send_sms(self, sms: OutboundSms) -> SendResult:
        return adapter.send_sms(sms)

    def find_sent(self, sms: OutboundSms, *, since: datetime) -> SendAccepted | None:
        return adapter.find_sent(sms, since=since)
