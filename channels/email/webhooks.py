"""The inbound-mail webhook: raw RFC 822 bytes, signed with X-Signpost-Signature.

The signature is the hex HMAC-SHA256 of the body keyed by ``SIGNPOST_INBOUND_EMAIL_SECRET``.
"""

from __future__ import annotations

import hashlib
import hmac
import logging

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from channels.email.inbound import receive_email

logger = logging.getLogger(__name__)
MAX_BODY = 5 * 1024 * 1024


def signature(secret: str, body: bytes) -> str:
    return hmac.new(secret.encode("utf-8"), body, hashlib.sha256).hexdigest()


def is_signed(request: HttpRequest, body: bytes) -> bool:
    secret = settings.SIGNPOST_INBOUND_EMAIL_SECRET
    given = request.headers.get("X-Signpost-Signature", "")
    if not secret or not given:
        return False
    return hmac.compare_digest(signature(secret, body), given.strip().lower())


@csrf_exempt
@require_POST
def inbound_email(request: HttpRequest) -> HttpResponse:
    # Read the stream ourselves: ``request.body`` stops at Django's 2.5 MiB form limit with a
    # bare 400, before this view's own 5 MiB limit could answer 413.
    body = request.read(MAX_BODY + 1)
    if len(body) > MAX_BODY:
        return HttpResponse("Mail too large.", status=413, content_type="text/plain")
    if not is_signed(request, body):
        logger.info("inbound mail refused: bad signature")
        return HttpResponse("Signature missing or invalid.", status=403, content_type="text/plain")
    result = receive_email(raw=body)
    logger.info("inbound mail handled as %s (message %s)", result.kind, result.message_id)
    return HttpResponse(status=204)
