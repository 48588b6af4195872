"""Notify's notification statuses and API errors, mapped to the gateway's statuses.

Notify names its statuses as we do (our names follow it): ``sent`` is its final status for an
international text whose network gives no receipt. Letter statuses are not listed: we send none.
"""

from __future__ import annotations

from dataclasses import dataclass

from messaging.results import Retry
from messaging.statuses import MessageStatus

S = MessageStatus

# Notify status -> ours, for texts and emails alike (an email is never ``pending`` or ``sent``).
STATUSES: dict[str, MessageStatus] = {
    "created": S.SENDING,
    "sending": S.SENDING,
    "pending": S.SENDING,
    "sent": S.SENT,
    "delivered": S.DELIVERED,
    "permanent-failure": S.PERMANENT_FAILURE,
    "temporary-failure": S.TEMPORARY_FAILURE,
    "technical-failure": S.TECHNICAL_FAILURE,
}

# What each final status means, for staff (the delivery log's reason).
MEANINGS: dict[str, str] = {
    "permanent-failure": "the provider says the number or address does not exist",
    "temporary-failure": "the phone was off or the inbox full; the provider stopped trying",
    "technical-failure": "the provider could not send it (a fault at the provider)",
}


@dataclass(frozen=True)
class ErrorRule:
    status: MessageStatus
    retry: Retry
    meaning: str


def _rule(status: MessageStatus, meaning: str, retry: Retry = Retry.NO) -> ErrorRule:
    return ErrorRule(status=status, retry=retry, meaning=meaning)


# Notify's error names (the ``error`` of its JSON ``errors``) that are not a bad recipient.
ERRORS: dict[str, ErrorRule] = {
    "AuthError": _rule(S.TECHNICAL_FAILURE, "provider refused our API key or clock"),
    "RateLimitError": _rule(S.TECHNICAL_FAILURE, "provider rate limit", Retry.YES),
    "TooManyRequestsError": _rule(S.TECHNICAL_FAILURE, "provider daily limit reached", Retry.YES),
    "BadRequestError": _rule(S.TECHNICAL_FAILURE, "provider refused the send (service settings)"),
    "Exception": _rule(S.TECHNICAL_FAILURE, "provider internal error", Retry.YES),
}

# A validation error about the recipient (the field named first in Notify's message).
RECIPIENT_FIELDS = {
    "phone_number": _rule(S.PERMANENT_FAILURE, "not a phone number the provider can text"),
    "email_address": _rule(S.PERMANENT_FAILURE, "not an email address the provider accepts"),
}


def status_for(notify_status: str) -> MessageStatus | None:
    """Our status for a Notify status; None for one we do not know (recorded, not applied).

    >>> status_for("sent"), status_for("pending"), status_for("virus-scan-failed")
    (<MessageStatus.SENT: 'sent'>, <MessageStatus.SENDING: 'sending'>, None)
    """
    return STATUSES.get(notify_status)


def api_error_rule(http_status: int, error: str, message: str) -> ErrorRule:
    """How to treat a refused send: 429 and 5xx are retried, a validation error is not.

    >>> api_error_rule(400, "ValidationError", "phone_number Not a UK mobile number").status
    <MessageStatus.PERMANENT_FAILURE: 'permanent-failure'>
    >>> api_error_rule(429, "RateLimitError", "Exceeded rate limit").retry
    <Retry.YES: 'yes'>
    """
    if http_status == 429 or http_status >= 500:
        base = ERRORS.get(error)
        meaning = base.meaning if base else f"provider answered HTTP {http_status}"
        return _rule(S.TECHNICAL_FAILURE, meaning, Retry.YES)
    if error == "ValidationError":
        field = message.split(" ", 1)[0]
        return RECIPIENT_FIELDS.get(
            field, _rule(S.TECHNICAL_FAILURE, "provider refused the request (template or settings)")
        )
    return ERRORS.get(
        error, _rule(S.TECHNICAL_FAILURE, f"provider refused the send (HTTP {http_status})")
    )
