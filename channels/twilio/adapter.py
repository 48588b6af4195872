"""Sending one SMS through Twilio, and asking Twilio whether an earlier attempt got through."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

import requests
from django.conf import settings
from twilio.base.exceptions import TwilioRestException

from channels.twilio.client import twilio_client
from channels.twilio.tables import STATUSES, api_error_rule
from messaging.providers import ProviderUnavailable
from messaging.results import OutboundSms, Retry, SendAccepted, SendFailed, SendResult
from messaging.segments import measure
from messaging.statuses import MessageStatus

logger = logging.getLogger(__name__)


def status_callback_url(message_id: str) -> str:
    """Our public status-callback URL for a message: it carries our id, nothing personal."""
    return f"{settings.PUBLIC_BASE_URL}/webhooks/twilio/status/{message_id}"


def _accepted(resource: object, body: str) -> SendAccepted:
    size = measure(body)
    twilio_status = str(getattr(resource, "status", "") or "queued")
    segments_raw = getattr(resource, "num_segments", None)
    try:
        segments = int(segments_raw) if segments_raw is not None else size.segments
    except (TypeError, ValueError):
        segments = size.segments
    return SendAccepted(
        provider_ref=str(getattr(resource, "sid", "")),
        provider_status=twilio_status,
        status=STATUSES.get(twilio_status, MessageStatus.SENDING),
        encoding=str(size.encoding),
        segments=segments,
    )


def send_sms(sms: OutboundSms) -> SendResult:
    sender: dict[str, str] = (
        {"from_": sms.sender} if sms.sender
        else {"messaging_service_sid": settings.TWILIO_MESSAGING_SERVICE_SID}
        if settings.TWILIO_MESSAGING_SERVICE_SID
        else {"from_": settings.TWILIO_FROM_NUMBER}
    )
    try:
        resource = twilio_client().messages.create(
            to=sms.to,
            body=sms.body,
            status_callback=status_callback_url(sms.message_id),
            **sender,
        )
    except TwilioRestException as error:
        rule = api_error_rule(int(error.status), error.code)
        logger.info("twilio refused message %s: HTTP %s code %s", sms.message_id,
                    error.status, error.code)
        return SendFailed(
            status=rule.status,
            provider_status=f"http-{error.status}",
            error_code=str(error.code or ""),
            reason=rule.meaning,
            retry=rule.retry,
            opted_out=rule.opted_out,
        )
    except requests.ConnectTimeout:
        return SendFailed(MessageStatus.TECHNICAL_FAILURE, "", "", "provider unreachable",
                          Retry.YES)
    except (requests.Timeout, requests.ConnectionError) as error:
        # The request may have reached Twilio: ask before sending again.
        return SendFailed(MessageStatus.TECHNICAL_FAILURE, "", "",
                          f"no answer from provider ({type(error).__name__})", Retry.CHECK_FIRST)
    return _accepted(resource, sms.body)


def find_sent(sms: OutboundSms, *, since: datetime) -> SendAccepted | None:
    """An SMS Twilio accepted since ``since`` with this number and body, if any.

    Called before resending after an attempt that may have got through (a timeout).
    Raises ``ProviderUnavailable`` when Twilio cannot be asked.
    """
    try:
        found = twilio_client().messages.list(to=sms.to, limit=50)
    except (TwilioRestException, requests.RequestException) as error:
        raise ProviderUnavailable(type(error).__name__) from None
    cutoff = since - timedelta(minutes=1)
    for resource in found:
        created = getattr(resource, "date_created", None)
        if resource.body == sms.body and (created is None or created >= cutoff):
            return _accepted(resource, sms.body)
    return None


def fetch_status(*, sid: str) -> tuple[str, int | None]:
    """Twilio's current status and error code of message ``sid``.

    Raises ``ProviderUnavailable`` when Twilio cannot be asked.
    """
    try:
        resource = twilio_client().messages(sid).fetch()
    except (TwilioRestException, requests.RequestException) as error:
        raise ProviderUnavailable(type(error).__name__) from None
    code = getattr(resource, "error_code", None)
    return str(getattr(resource, "status", "") or ""), int(code) if code else None


__all__ = ["ProviderUnavailable", "fetch_status", "find_sent", "send_sms", "status_callback_url"]
