"""Twilio's webhooks: message status callbacks and inbound texts. Signed, or refused with 403."""

from __future__ import annotations

import logging
import uuid

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from channels.twilio.payloads import PayloadError, parse_inbound, parse_status
from channels.twilio.signature import is_signed_by_twilio
from channels.twilio.tables import ERRORS, status_for
from messaging.contacts import ContactError
from messaging.inbound import receive_sms, sender_of
from messaging.reports import ProviderReport, apply_report
from messaging.transitions import UnknownMessage

logger = logging.getLogger(__name__)
EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


def _refused() -> HttpResponse:
    return HttpResponse("Signature missing or invalid.", status=403, content_type="text/plain")


def _bad(reason: str) -> HttpResponse:
    return HttpResponse(reason, status=400, content_type="text/plain")


@csrf_exempt
@require_POST
def status_callback(request: HttpRequest, message_id: uuid.UUID) -> HttpResponse:
    if not is_signed_by_twilio(request):
        logger.info("status callback for %s refused: bad signature", message_id)
        return _refused()
    try:
        callback = parse_status(request.POST.dict())
    except PayloadError as error:
        return _bad(str(error))
    rule = ERRORS.get(callback.error_code) if callback.error_code is not None else None
    report = ProviderReport(
        message_id=message_id,
        status=status_for(callback.status, callback.error_code),
        provider_status=callback.status,
        error_code=str(callback.error_code or ""),
        detail=rule.meaning if rule else "",
        provider_ref=callback.sid,
        opted_out=bool(rule and rule.opted_out),
    )
    try:
        result = apply_report(report)
    except UnknownMessage:
        return HttpResponse("No such message.", status=404, content_type="text/plain")
    logger.info("status %s for %s: now %s", callback.status, message_id, result.status)
    return HttpResponse(status=204)


@csrf_exempt
@require_POST
def inbound_sms(request: HttpRequest) -> HttpResponse:
    if not is_signed_by_twilio(request):
        logger.info("inbound text refused: bad signature")
        return _refused()
    try:
        sms = parse_inbound(request.POST.dict())
        sender = sender_of(sms.from_number)
    except (PayloadError, ContactError) as error:
        return _bad(str(error))
    received = receive_sms(provider_id=sms.sid, from_phone=sender.phone, body=sms.body,
                           sender_range=sender.range)
    logger.info("inbound text %s stored as %s (duplicate=%s, sender range %s)", sms.sid,
                received.inbound.pk, received.duplicate, sender.range)
    return HttpResponse(EMPTY_TWIML, content_type="text/xml")
