"""Crime references: normalised the same way wherever they are stored or matched.

>>> normalise("  ab/12345/26 ")
'AB/12345/26'
>>> is_valid("AB/12345/26"), is_valid("two words"), is_valid("")
(True, False, False)
"""

from __future__ import annotations

import re

MAX_LENGTH = 64
REFERENCE_RE = re.compile(r"[A-Z0-9][A-Z0-9/\-_.]{0,63}")


def normalise(raw: str) -> str:
    """Upper case, spaces collapsed (as organisations.services.normalise_crime_reference does):
    "ab/1/26" and "AB/1/26 " are one crime."""
    return " ".join(raw.split()).upper()


def matches_force(reference: str, pattern: str) -> bool:
    """Whether a normalised reference fits a force's format (a blank pattern accepts any)."""
    return not pattern or re.fullmatch(pattern, reference) is not None


def is_valid(reference: str) -> bool:
    """A normalised reference: letters, digits and / - _ . only, at most 64 characters."""
    return REFERENCE_RE.fullmatch(reference) is not None
