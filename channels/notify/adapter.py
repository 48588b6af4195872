"""Sending one text or email through Notify, and asking Notify about a notification.

Each goes through one template per channel whose content is a placeholder (``((body))``; an
email's template also has ``((subject))``): Signpost composes the words, Notify carries them.
``reference`` is our message id, never anything personal.
"""

from __future__ import annotations

import logging
from typing import Any

import requests
from django.conf import settings
from notifications_python_client.errors import APIError

from channels.notify.client import notification_id, notify_client, provider_ref
from channels.notify.pacing import take_turn
from channels.notify.tables import api_error_rule, status_for
from messaging.providers import ProviderUnavailable
from messaging.results import (
    OutboundEmail,
    OutboundSms,
    Retry,
    SendAccepted,
    SendFailed,
    SendResult,
)
from messaging.segments import measure
from messaging.statuses import MessageStatus

logger = logging.getLogger(__name__)


def _first_error(error: APIError) -> tuple[str, str]:
    """Notify's error name and message: ``{"errors": [{"error": ..., "message": ...}]}``."""
    found = error.message
    if isinstance(found, list) and found and isinstance(found[0], dict):
        return str(found[0].get("error", "")), str(found[0].get("message", ""))
    return "", str(found or "")


def _failed(error: APIError, message_id: str) -> SendFailed:
    cause = error.__cause__
    if error.response is None and isinstance(cause, requests.RequestException):
        if isinstance(cause, requests.ConnectTimeout) or (
            isinstance(cause, requests.ConnectionError)
            and not isinstance(cause, requests.ReadTimeout)
        ):
            return SendFailed(MessageStatus.TECHNICAL_FAILURE, "", "", "provider unreachable",
                              Retry.YES)
        # The request may have reached Notify: ask it (by our reference) before sending again.
        return SendFailed(MessageStatus.TECHNICAL_FAILURE, "", "",
                          f"no answer from provider ({type(cause).__name__})", Retry.CHECK_FIRST)
    name, text = _first_error(error)
    rule = api_error_rule(error.status_code, name, text)
    logger.info("notify refused message %s: HTTP %s %s", message_id, error.status_code, name)
    return SendFailed(status=rule.status, provider_status=f"http-{error.status_code}",
                      error_code=name[:20], reason=rule.meaning, retry=rule.retry)


def _paced() -> SendFailed | None:
    """None when this send may go; else a retryable failure that waits for the next minute."""
    turn = take_turn()
    if turn.allowed:
        return None
    return SendFailed(MessageStatus.TECHNICAL_FAILURE, "", "", "our rate limit for the provider",
                      Retry.YES, retry_after_s=turn.retry_after_s)


def _accepted(answer: dict[str, Any], body: str, *, sms: bool) -> SendAccepted:
    size = measure(body) if sms else None
    return SendAccepted(
        provider_ref=provider_ref(str(answer.get("id", ""))),
        provider_status="created",
        status=MessageStatus.SENDING,
        encoding=str(size.encoding) if size else "",
        segments=size.segments if size else None,
    )


def send_sms(sms: OutboundSms) -> SendResult:
    refused = _paced()
    if refused is not None:
        return refused
    try:
        answer = notify_client().send_sms_notification(
            phone_number=sms.to,
            template_id=settings.NOTIFY_SMS_TEMPLATE_ID,
            personalisation={"body": sms.body},
            reference=sms.message_id,
            sms_sender_id=settings.NOTIFY_SMS_SENDER_ID or None,
        )
    except APIError as error:
        return _failed(error, sms.message_id)
    return _accepted(answer, sms.body, sms=True)


def send_email(mail: OutboundEmail) -> SendResult:
    refused = _paced()
    if refused is not None:
        return refused
    try:
        answer = notify_client().send_email_notification(
            email_address=mail.to,
            template_id=settings.NOTIFY_EMAIL_TEMPLATE_ID,
            personalisation={"subject": mail.subject, "body": mail.text},
            reference=mail.message_id,
            email_reply_to_id=settings.NOTIFY_EMAIL_REPLY_TO_ID or None,
        )
    except APIError as error:
        return _failed(error, mail.message_id)
    return _accepted(answer, mail.text, sms=False)


def find_sent(*, message_id: str) -> SendAccepted | None:
    """The notification Notify holds with our message id as its reference, if any.

    Raises ``ProviderUnavailable`` when Notify cannot be asked.
    """
    try:
        found = notify_client().get_all_notifications(reference=message_id)
    except APIError as error:
        raise ProviderUnavailable(f"HTTP {error.status_code}") from None
    for notification in found.get("notifications", []):
        if notification.get("reference") == message_id:
            status = status_for(str(notification.get("status", "")))
            return SendAccepted(
                provider_ref=provider_ref(str(notification.get("id", ""))),
                provider_status=str(notification.get("status", "")),
                status=status if status is not None else MessageStatus.SENDING,
            )
    return None


def fetch_status(*, ref: str) -> str:
    """Notify's current status of the notification we stored as ``ref``.

    Raises ``ProviderUnavailable`` when Notify cannot be asked.
    """
    try:
        found = notify_client().get_notification_by_id(notification_id(ref))
    except APIError as error:
        raise ProviderUnavailable(f"HTTP {error.status_code}") from None
    return str(found.get("status", ""))
