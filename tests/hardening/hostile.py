"""Shared hostile inputs and helpers for the hardening tests: strings that have broken web apps,
signed webhook posts built the way Twilio builds them, and a snapshot of stored data."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.test import Client
from hypothesis import strategies as st
from twilio.request_validator import RequestValidator

NASTY = [
    "", " ", "\x00", "\x00\x01\x02\x1b[31m", "' OR '1'='1", "'; DROP TABLE messaging_message;--",
    "<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "{{7*7}}", "${jndi:ldap://x}",
    "../../../../etc/passwd", "%00", "%2e%2e%2f", "\u202eevil\u202c", "مرحبا שלום 你好 Привет",
    "🙂" * 200, "A" * 10_000, "\ud800".encode("utf-8", "surrogatepass").decode("utf-8", "replace"),
    "STOP", "stop\u200b", "\r\nX-Injected: 1", "null", "None", "-1", "1e309",
]

# Text as a phone would send it: any printable or control character, any script. Deferred, so
# hypothesis builds its character tables when a test runs, not when this module is imported.
texts = st.deferred(lambda: st.one_of(
    st.sampled_from(NASTY), st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=2000)))
form_values = st.deferred(lambda: st.one_of(st.text(max_size=80), st.sampled_from(NASTY)))
path_segments = st.deferred(lambda: st.one_of(st.sampled_from(NASTY),
                                              st.text(min_size=1, max_size=60)))


def url_segment(value: str) -> str:
    return quote(value.encode("utf-8", "surrogatepass"), safe="")


def twilio_signature(path: str, params: dict[str, str]) -> str:
    validator = RequestValidator(settings.TWILIO_AUTH_TOKEN)
    return str(validator.compute_signature(settings.PUBLIC_BASE_URL + path, params))


def post_twilio(client: Client, path: str, params: dict[str, str], *, sign: bool = True,
                signature: str | None = None) -> Any:
    headers: dict[str, str] = {}
    if sign or signature is not None:
        headers["X-Twilio-Signature"] = signature or twilio_signature(path, params)
    return client.post(path, params, headers=headers)


def inbound_params(*, sid: str, body: str, phone: str = "+447700900123") -> dict[str, str]:
    return {"MessageSid": sid, "SmsSid": sid, "AccountSid": settings.TWILIO_ACCOUNT_SID,
            "From": phone, "To": "+447700900000", "Body": body, "NumMedia": "0"}


def snapshot() -> dict[str, Any]:
    """Every row the gateway and leaflet keep, to show rejected input changed nothing."""
    from leaflets.models import LeafletIssue, LinkOpen
    from messaging.models import DeliveryEvent, InboundMessage, Message, OptOut, Recipient

    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Recipient, Message, DeliveryEvent, InboundMessage, OptOut, LeafletIssue,
                      LinkOpen)
    }
