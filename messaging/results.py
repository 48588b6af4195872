"""What a provider adapter answers when asked to send: accepted, or failed and whether to retry.

Failures are values, not exceptions, and say whether a retry may help (courier's habit).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from messaging.statuses import MessageStatus


class Retry(StrEnum):
    NO = "no"  # final: the status given is where the message ends
    YES = "yes"  # nothing reached the provider (refused, 429, 5xx, connection refused)
    CHECK_FIRST = "check-first"  # the provider may have accepted it (timeout): ask before resending


@dataclass(frozen=True)
class SendAccepted:
    provider_ref: str  # Twilio's MessageSid, or the email's Message-ID
    provider_status: str
    status: MessageStatus  # sending (provider queued it) or sent (relay took it)
    encoding: str = ""
    segments: int | None = None


@dataclass(frozen=True)
class SendFailed:
    status: MessageStatus  # where the message ends if it is not retried
    provider_status: str
    error_code: str
    reason: str  # short, for staff; never contains contact details or the body
    retry: Retry
    opted_out: bool = False  # the provider says the recipient has opted out (Twilio 21610)
    # Not sent at all because our rate limit for the provider is spent: retry after this many
    # seconds, without counting an attempt (None: an ordinary failure, retried with back-off).
    retry_after_s: float | None = None


SendResult = SendAccepted | SendFailed


@dataclass(frozen=True)
class OutboundSms:
    message_id: str
    to: str
    body: str
    sender: str = ""  # an alphanumeric sender ID; blank: the service's two-way number


@dataclass(frozen=True)
class OutboundEmail:
    message_id: str
    to: str
    subject: str
    text: str
    html: str
    language: str
    sender: str = ""  # the From header ("Name <address>"); blank: EMAIL_FROM
