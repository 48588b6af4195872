"""Crime references: normalised the same way wherever they are stored or matched.

>>> normalise("  ab/12345/26 ")
'AB/12345/26'
>>> is_valid("AB/12345/26"), is_valid("two words"), is_valid("")
(True, False, False)
"""

from __future__ import annotations

import re
from typing import Protocol

MAX_LENGTH = 64
REFERENCE_RE = re.compile(r"[A-Z0-9][A-Z0-9/\-_.]{0,63}")


def normalise(raw: str) -> str:
    """Upper case, spaces collapsed: "ab/1/26" and "AB/1/26 " are one crime."""
    return " ".join(raw.split()).upper()


def matches_force(reference: str, pattern: str) -> bool:
    """Whether a normalised reference fits a force's format (a blank pattern accepts any)."""
    return not pattern or re.fullmatch(pattern, reference) is not None


def is_valid(reference: str) -> bool:
    """A normalised reference: letters, digits and / - _ . only, at most 64 characters."""
    return REFERENCE_RE.fullmatch(reference) is not None


class ForceFormat(Protocol):
    """What a force says about its references (``organisations.Organisation`` has both)."""

    crime_reference_pattern: str
    crime_reference_example: str


class CrimeReferenceError(ValueError):
    """A crime reference that does not match the force's format (the message says how)."""


def normalise_for_force(*, organisation: ForceFormat | None, reference: str) -> str:
    """The reference normalised, checked against the force's pattern; blank is allowed (the
    crime may not be recorded yet).

    >>> from types import SimpleNamespace
    >>> force = SimpleNamespace(crime_reference_pattern=r"\\d{2}/\\d{6}/\\d{2}",
    ...                         crime_reference_example="01/234567/26")
    >>> normalise_for_force(organisation=force, reference=" 01/234567/26 ")
    '01/234567/26'
    >>> normalise_for_force(organisation=force, reference="")
    ''
    >>> normalise_for_force(organisation=force, reference="12")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    crimes.references.CrimeReferenceError: ... It looks like 01/234567/26. Leave it blank ...
    """
    value = normalise(reference)
    pattern = organisation.crime_reference_pattern if organisation is not None else ""
    if value and not matches_force(value, pattern):
        example = organisation.crime_reference_example if organisation is not None else ""
        hint = f" It looks like {example}." if example else ""
        raise CrimeReferenceError(f"That is not a crime reference of this force.{hint} "
                                  "Leave it blank if the crime is not recorded yet.")
    return value
