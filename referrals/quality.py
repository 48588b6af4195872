"""Data-quality flags of a referral: what a support service would otherwise find out by calling.

Numbers are checked with ``messaging.contacts`` (libphonenumber), never a home-made pattern.
"""

from __future__ import annotations

from django.conf import settings

from messaging.contacts import ContactError, parse_phone
from messaging.models import Recipient
from referrals.statuses import QualityFlag


def phone_flag(phone: str) -> QualityFlag | None:
    """The problem with a victim's number, or None when it can take texts and calls."""
    if not phone:
        return QualityFlag.MISSING_NUMBER
    try:
        parse_phone(phone, for_sms=True, allow_drama=settings.SIGNPOST_ALLOW_DRAMA_NUMBERS)
    except ContactError as error:
        if "landline" in str(error):
            return QualityFlag.LANDLINE
        return QualityFlag.INVALID_NUMBER
    return None


def quality_flags(*, recipient: Recipient, safe_recipient: Recipient | None,
                  interpreter_needed: bool) -> list[str]:
    flags: list[QualityFlag] = []
    flag = phone_flag(recipient.phone)
    if flag is not None:
        flags.append(flag)
    if safe_recipient is None or not safe_recipient.phone:
        flags.append(QualityFlag.NO_SAFE_CONTACT)
    if interpreter_needed:
        flags.append(QualityFlag.INTERPRETER_NEEDED)
    return [flag.value for flag in flags]
