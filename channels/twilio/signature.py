"""Checking ``X-Twilio-Signature`` against the public URL from settings.

Behind a TLS-terminating proxy the request Django sees is not the URL Twilio signed, so the URL
is rebuilt from ``PUBLIC_BASE_URL`` plus the request's path and query.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest
from twilio.request_validator import RequestValidator


def public_url(request: HttpRequest) -> str:
    return settings.PUBLIC_BASE_URL + request.get_full_path()


def is_signed_by_twilio(request: HttpRequest) -> bool:
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature or not settings.TWILIO_AUTH_TOKEN:
        return False
    validator = RequestValidator(settings.TWILIO_AUTH_TOKEN)
    return bool(validator.validate(public_url(request), request.POST, signature))
