"""Data-quality flags of a referral: what a support service would otherwise find out by calling.

Numbers are checked with ``messaging.contacts`` (libphonenumber), never a home-made pattern.
"""

from __future__ import annotations

from collections.abc import Mapping

from django.conf import settings

from messaging.contacts import ContactError, parse_phone
from messaging.models import Recipient
from referrals import needs
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


def no_safe_contact(*, recipient: Recipient, safe_recipient: Recipient | None,
                    answers: Mapping[str, object]) -> bool:
    """True when the service has no safe way to reach the victim.

    That is: no separate safe number, and either the victim said texting their number is not
    safe or they left no number or email at all. A victim who gave one number and said it is
    safe has a safe contact (most do not give a second number).
    """
    if safe_recipient is not None and safe_recipient.phone:
        return False
    said_unsafe = answers.get("safe_to_text") == needs.NO
    return said_unsafe or not (recipient.phone or recipient.email)


def quality_flags(*, recipient: Recipient, safe_recipient: Recipient | None,
                  interpreter_needed: bool, answers: Mapping[str, object]) -> list[str]:
    flags: list[QualityFlag] = []
    flag = phone_flag(recipient.phone)
    if flag is not None:
        flags.append(flag)
    if no_safe_contact(recipient=recipient, safe_recipient=safe_recipient, answers=answers):
        flags.append(QualityFlag.NO_SAFE_CONTACT)
    if interpreter_needed:
        flags.append(QualityFlag.INTERPRETER_NEEDED)
    return [flag.value for flag in flags]
