"""Phone numbers and email addresses checked by phonenumbers and email-validator.

Bad input raises ``ContactError`` whose message says what is wrong (and never repeats the input).

>>> parse_phone("07700 900123", for_sms=True, allow_drama=True)
'+447700900123'
>>> parse_phone("020 7946 0000", for_sms=True, allow_drama=False)
Traceback (most recent call last):
...
messaging.contacts.ContactError: This is a landline number: it cannot receive text messages.
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import NumberParseException, PhoneNumberType

DEFAULT_REGION = "GB"
MAX_INPUT = 64
DRAMA_RANGE = re.compile(r"^\+447700900\d{3}$")
SMS_TYPES = frozenset(
    {PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE, PhoneNumberType.PAGER}
)


class ContactError(ValueError):
    """A contact detail was refused; ``str(error)`` is a message fit to show the person typing."""


def parse_phone(raw: str, *, for_sms: bool, allow_drama: bool) -> str:
    """The number in E.164, UK numbers accepted without +44; landlines refused for SMS."""
    if not isinstance(raw, str) or not raw.strip():
        raise ContactError("Enter a phone number.")
    if len(raw) > MAX_INPUT:
        raise ContactError("This phone number is too long.")
    try:
        number = phonenumbers.parse(raw, DEFAULT_REGION)
    except NumberParseException:
        raise ContactError(
            "This is not a phone number. Enter a UK number like 07700 900123 or an "
            "international number starting with +."
        ) from None
    e164 = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    if allow_drama and DRAMA_RANGE.match(e164):
        return e164
    if not phonenumbers.is_valid_number(number):
        raise ContactError("This phone number is not valid: check the digits and the country code.")
    if for_sms:
        kind = phonenumbers.number_type(number)
        if kind == PhoneNumberType.FIXED_LINE:
            raise ContactError("This is a landline number: it cannot receive text messages.")
        if kind not in SMS_TYPES:
            raise ContactError("This number cannot receive text messages: give a mobile number.")
    return e164


def parse_email(raw: str) -> str:
    """The address, normalised (domain lower-cased); no DNS look-up."""
    if not isinstance(raw, str) or not raw.strip():
        raise ContactError("Enter an email address.")
    if len(raw) > 254:
        raise ContactError("This email address is too long.")
    try:
        result = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError:
        raise ContactError(
            "This is not a valid email address: it should look like name@example.com."
        ) from None
    return str(result.normalized)
