"""Twilio's webhook signature (X-Twilio-Signature), computed by the official library."""

from __future__ import annotations

from collections.abc import Mapping

from twilio.request_validator import RequestValidator


def twilio_signature(auth_token: str, url: str, params: Mapping[str, str]) -> str:
    """HMAC-SHA1 over the exact URL plus the sorted POST parameters, base64-encoded."""
    return str(RequestValidator(auth_token).compute_signature(url, dict(params)))


def webhook_headers(auth_token: str, url: str, params: Mapping[str, str]) -> dict[str, str]:
    return {
        "X-Twilio-Signature": twilio_signature(auth_token, url, params),
        "User-Agent": "TwilioProxy/1.1",
        "Accept": "*/*",
    }
