"""Notify's callbacks: delivery receipts and inbound texts, JSON, each with the bearer token the
force set in Notify (``NOTIFY_CALLBACK_TOKEN``), compared in constant time; else 401."""

from __future__ import annotations

import hmac
import json
import logging
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from channels.notify.payloads import (
    PayloadError,
    international_number,
    parse_inbound,
    parse_receipt,
)
from channels.notify.receipts import apply_receipt
from messaging.contacts import ContactError, parse_phone
from messaging.inbound import receive_sms
from messaging.transitions import UnknownMessage

logger = logging.getLogger(__name__)
MAX_BODY = 64 * 1024


def has_callback_token(request: HttpRequest) -> bool:
    expected = settings.NOTIFY_CALLBACK_TOKEN
    given = request.headers.get("Authorization", "")
    if not expected or not given.startswith("Bearer "):
        return False
    return hmac.compare_digest(given.removeprefix("Bearer ").encode(), expected.encode())


def _text(reason: str, status: int) -> HttpResponse:
    return HttpResponse(reason, status=status, content_type="text/plain")


class BodyRefused(Exception):
    """The request's body is refused before it is read: the message and HTTP status say why."""

    def __init__(self, reason: str, status: int) -> None:
        super().__init__(reason)
        self.status = status


def _declared_length(request: HttpRequest) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        raise BodyRefused("Content-Length is not a number.", 400) from None


def _check_envelope(request: HttpRequest) -> None:
    """Notify posts JSON of a few hundred bytes: refuse anything else before reading it."""
    if request.content_type != "application/json":
        raise BodyRefused("Content-Type must be application/json.", 415)
    if _declared_length(request) > MAX_BODY:
        raise BodyRefused("Body is too large.", 413)


def _json_body(request: HttpRequest) -> dict[str, Any]:
    if len(request.body) > MAX_BODY:
        raise BodyRefused("Body is too large.", 413)
    try:
        body = json.loads(request.body)
    except (ValueError, UnicodeDecodeError):
        raise PayloadError("body is not JSON") from None
    except RecursionError:  # nested deeper than the parser can go: no callback of Notify's
        raise PayloadError("body is nested too deeply") from None
    if not isinstance(body, dict):
        raise PayloadError("body is not a JSON object")
    return body


@csrf_exempt
@require_POST
def delivery_receipt(request: HttpRequest) -> HttpResponse:
    if not has_callback_token(request):
        logger.info("notify receipt refused: bad bearer token")
        return _text("Bearer token missing or invalid.", 401)
    try:
        _check_envelope(request)
        receipt = parse_receipt(_json_body(request))
    except BodyRefused as refused:
        return _text(str(refused), refused.status)
    except PayloadError as error:
        return _text(str(error), 400)
    if receipt.reference is None:
        # Not one of ours (sent from Notify's own pages): nothing to apply, nothing to retry.
        return HttpResponse(status=204)
    try:
        result = apply_receipt(message_id=receipt.reference,
                               notification_id=receipt.notification_id, status=receipt.status)
    except UnknownMessage:
        return _text("No such message.", 404)
    logger.info("notify status %s for %s: now %s (duplicate=%s)", receipt.status,
                receipt.reference, result.status, result.duplicate)
    return HttpResponse(status=204)


@csrf_exempt
@require_POST
def inbound_sms(request: HttpRequest) -> HttpResponse:
    if not has_callback_token(request):
        logger.info("notify inbound text refused: bad bearer token")
        return _text("Bearer token missing or invalid.", 401)
    try:
        _check_envelope(request)
        sms = parse_inbound(_json_body(request))
        phone = parse_phone(international_number(sms.source_number), for_sms=False,
                            allow_drama=settings.SIGNPOST_ALLOW_DRAMA_NUMBERS)
    except BodyRefused as refused:
        return _text(str(refused), refused.status)
    except (PayloadError, ContactError) as error:
        return _text(str(error), 400)
    received = receive_sms(provider_id=f"notify:{sms.notification_id}", from_phone=phone,
                           body=sms.body)
    logger.info("notify inbound text %s stored as %s (duplicate=%s)", sms.notification_id,
                received.inbound.pk, received.duplicate)
    return HttpResponse(status=204)
