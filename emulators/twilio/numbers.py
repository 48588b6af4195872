"""Address checks Twilio makes on a send, and its test-credential "magic" numbers."""

from __future__ import annotations

import re

E164 = re.compile(r"^\+[1-9]\d{6,14}$")
ALPHANUMERIC_SENDER = re.compile(r"^(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}$")
SHORT_CODE = re.compile(r"^\d{3,8}$")
MESSAGING_SERVICE_SID = re.compile(r"^MG[0-9a-fA-F]{32}$")

# Destinations that always fail with these codes (Twilio documents them for test credentials).
MAGIC_TO_ERRORS: dict[str, int] = {
    "+15005550001": 21211,
    "+15005550002": 21612,
    "+15005550003": 21408,
    "+15005550004": 21610,
    "+15005550009": 21614,
}


def is_phone_number(value: str) -> bool:
    """E.164: a plus, a country code and up to 15 digits in all.

    >>> is_phone_number("+447700900123"), is_phone_number("07700900123")
    (True, False)
    """
    return bool(E164.match(value))


def is_valid_sender(value: str) -> bool:
    """A phone number, a short code, or an alphanumeric sender ID (1-11 characters, a letter).

    >>> [is_valid_sender(v) for v in ("+447700900000", "Met Police", "12345", "123 45", "")]
    [True, True, True, False, False]
    """
    return bool(E164.match(value) or SHORT_CODE.match(value) or ALPHANUMERIC_SENDER.match(value))
