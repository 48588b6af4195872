"""Statuses of outbound and inbound messages, with the moves each may make.

Names follow GOV.UK Notify and Twilio. A message only moves along ``ALLOWED``; the one step
back (``sending`` to ``queued``) is the retry path, taken only by our own worker after a
retryable failure, never by a provider report.

>>> can_move(MessageStatus.DELIVERED, MessageStatus.SENT)
False
>>> can_move(MessageStatus.SENDING, MessageStatus.DELIVERED)
True
"""

from __future__ import annotations

from enum import StrEnum


class Channel(StrEnum):
    SMS = "sms"
    EMAIL = "email"


class MessageStatus(StrEnum):
    CREATED = "created"
    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    DELIVERED = "delivered"
    UNDELIVERED = "undelivered"
    PERMANENT_FAILURE = "permanent-failure"
    TEMPORARY_FAILURE = "temporary-failure"
    TECHNICAL_FAILURE = "technical-failure"


S = MessageStatus
_FAILURES = {S.UNDELIVERED, S.PERMANENT_FAILURE, S.TEMPORARY_FAILURE, S.TECHNICAL_FAILURE}

ALLOWED: dict[MessageStatus, frozenset[MessageStatus]] = {
    S.CREATED: frozenset({S.QUEUED, S.PERMANENT_FAILURE, S.TECHNICAL_FAILURE}),
    S.QUEUED: frozenset({S.SENDING, S.PERMANENT_FAILURE, S.TECHNICAL_FAILURE}),
    S.SENDING: frozenset({S.QUEUED, S.SENT, S.DELIVERED, *_FAILURES}),
    S.SENT: frozenset({S.DELIVERED, S.UNDELIVERED, S.PERMANENT_FAILURE, S.TEMPORARY_FAILURE}),
    # A delayed-delivery notice may still end in delivery or a permanent bounce.
    S.TEMPORARY_FAILURE: frozenset({S.DELIVERED, S.UNDELIVERED, S.PERMANENT_FAILURE}),
    S.DELIVERED: frozenset(),
    S.UNDELIVERED: frozenset(),
    S.PERMANENT_FAILURE: frozenset(),
    S.TECHNICAL_FAILURE: frozenset(),
}

FINAL = frozenset(status for status, moves in ALLOWED.items() if not moves)

# The status a provider report usually finds the message in: Twilio reports ``sent`` (or
# ``failed``) while we hold ``sending``, then ``delivered`` or ``undelivered`` after ``sent``;
# a bounce follows ``sent``. A report finding it so is applied with one conditional UPDATE
# (messaging.reports); any other is applied under a row lock.
USUAL_PREVIOUS: dict[MessageStatus, MessageStatus] = {
    S.SENT: S.SENDING,
    S.TECHNICAL_FAILURE: S.SENDING,
    S.DELIVERED: S.SENT,
    S.UNDELIVERED: S.SENT,
    S.PERMANENT_FAILURE: S.SENT,
    S.TEMPORARY_FAILURE: S.SENT,
}


def can_move(current: MessageStatus, new: MessageStatus) -> bool:
    return new in ALLOWED[current]


class SenderRange(StrEnum):
    """Whether libphonenumber knows the number a text came from (it is answered either way)."""

    KNOWN = "known"
    UNKNOWN = "unknown"  # a new range, a foreign number, a short code: flagged for staff


class InboundStatus(StrEnum):
    RECEIVED = "received"  # stored; the task has not finished with it
    OPTED_OUT = "opted-out"  # an opt-out word: handled by the gateway, never relayed
    OPTED_IN = "opted-in"  # an opt-in word: handled by the gateway, never relayed
    RELAYED = "relayed"  # the assistant answered
    RELAY_FAILED = "relay-failed"  # the assistant did not answer; kept for a retry
    BOUNCE = "bounce"  # a delivery status notification, applied to the message it names
    STORED = "stored"  # an email reply: kept for staff, not relayed


INBOUND_ALLOWED: dict[InboundStatus, frozenset[InboundStatus]] = {
    InboundStatus.RECEIVED: frozenset(set(InboundStatus) - {InboundStatus.RECEIVED}),
    InboundStatus.RELAY_FAILED: frozenset({InboundStatus.RELAYED, InboundStatus.RELAY_FAILED}),
    InboundStatus.OPTED_OUT: frozenset(),
    InboundStatus.OPTED_IN: frozenset(),
    InboundStatus.RELAYED: frozenset(),
    InboundStatus.BOUNCE: frozenset(),
    InboundStatus.STORED: frozenset(),
}


class Origin(StrEnum):
    """Who asked for a message: shown in the delivery log."""

    OFFICER = "officer"
    ASSISTANT = "assistant"
    SYSTEM = "system"
    API = "api"
