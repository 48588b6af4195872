"""Twilio's message statuses and error codes, mapped to the gateway's statuses.

A status callback's ``MessageStatus`` is looked up in ``STATUSES``; when it carries an
``ErrorCode`` found in ``ERRORS``, the error's status wins. API errors on send (HTTP 4xx/5xx
with a Twilio code) use ``ERRORS`` too, with their retry rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from messaging.results import Retry
from messaging.statuses import MessageStatus

S = MessageStatus

# Twilio status -> ours. No callback is posted for the first status: it comes from the API answer.
STATUSES: dict[str, MessageStatus] = {
    "accepted": S.SENDING,
    "scheduled": S.SENDING,
    "queued": S.SENDING,
    "sending": S.SENDING,
    "sent": S.SENT,
    "delivered": S.DELIVERED,
    "read": S.DELIVERED,
    "undelivered": S.UNDELIVERED,
    "failed": S.TECHNICAL_FAILURE,
    "canceled": S.TECHNICAL_FAILURE,
}


@dataclass(frozen=True)
class ErrorRule:
    status: MessageStatus
    retry: Retry
    meaning: str
    opted_out: bool = False


def _rule(status: MessageStatus, meaning: str, retry: Retry = Retry.NO) -> ErrorRule:
    return ErrorRule(status=status, retry=retry, meaning=meaning)


ERRORS: dict[int, ErrorRule] = {
    # The recipient texted STOP: record the opt-out too.
    21610: ErrorRule(S.PERMANENT_FAILURE, Retry.NO, "recipient has opted out", opted_out=True),
    # The number: nothing we can resend will help.
    21211: _rule(S.PERMANENT_FAILURE, "not a valid phone number"),
    21612: _rule(S.PERMANENT_FAILURE, "number not reachable by SMS"),
    21614: _rule(S.PERMANENT_FAILURE, "not a mobile number"),
    30005: _rule(S.PERMANENT_FAILURE, "unknown destination handset"),
    30006: _rule(S.PERMANENT_FAILURE, "landline or unreachable carrier"),
    30004: _rule(S.PERMANENT_FAILURE, "message blocked by the recipient or carrier"),
    # Carriers and queues: the provider tried and could not deliver.
    30001: _rule(S.TEMPORARY_FAILURE, "provider queue overflow"),
    30003: _rule(S.UNDELIVERED, "handset unreachable (off or out of coverage)"),
    30007: _rule(S.UNDELIVERED, "filtered by the carrier"),
    30008: _rule(S.TECHNICAL_FAILURE, "unknown error at the provider"),
    # Our configuration or account: staff must act.
    20003: _rule(S.TECHNICAL_FAILURE, "provider refused our credentials"),
    21212: _rule(S.TECHNICAL_FAILURE, "sender number or ID not valid"),
    21408: _rule(S.TECHNICAL_FAILURE, "sending to this country is not enabled"),
    21602: _rule(S.TECHNICAL_FAILURE, "empty message body"),
    21603: _rule(S.TECHNICAL_FAILURE, "no sender configured"),
    21606: _rule(S.TECHNICAL_FAILURE, "sender number cannot send SMS"),
    21617: _rule(S.TECHNICAL_FAILURE, "message body over 1600 characters"),
    21701: _rule(S.TECHNICAL_FAILURE, "messaging service does not exist"),
    30002: _rule(S.TECHNICAL_FAILURE, "provider account suspended"),
    # Passing trouble at the provider: nothing was accepted, so resending is safe.
    20429: _rule(S.TECHNICAL_FAILURE, "provider rate limit", Retry.YES),
    20500: _rule(S.TECHNICAL_FAILURE, "provider internal error", Retry.YES),
    20503: _rule(S.TECHNICAL_FAILURE, "provider unavailable", Retry.YES),
}


def status_for(twilio_status: str, error_code: int | None) -> MessageStatus | None:
    """Our status for a callback; None for a status we do not know (recorded, not applied).

    >>> status_for("undelivered", 30006), status_for("delivered", None), status_for("x", None)
    (<MessageStatus.PERMANENT_FAILURE: 'permanent-failure'>, \
<MessageStatus.DELIVERED: 'delivered'>, None)
    """
    base = STATUSES.get(twilio_status)
    if base is None:
        return None
    rule = ERRORS.get(error_code) if error_code is not None else None
    if rule is not None and base not in (S.SENDING, S.SENT, S.DELIVERED):
        return rule.status
    return base


def api_error_rule(http_status: int, code: int | None) -> ErrorRule:
    """How to treat a refused send: by Twilio's code, else by the HTTP status."""
    if code is not None and code in ERRORS:
        return ERRORS[code]
    if http_status == 429 or http_status >= 500:
        return _rule(S.TECHNICAL_FAILURE, f"provider answered HTTP {http_status}", Retry.YES)
    return _rule(S.TECHNICAL_FAILURE, f"provider refused the send (HTTP {http_status})")
