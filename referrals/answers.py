"""Cleaning needs answers before they are stored: known questions, allowed values, no contacts.

>>> clean_answers({"afraid": "yes", "colour": "blue", "safe_times": "call 07700 900123"})
{'afraid': 'yes', 'safe_times': '[removed: contact detail]'}
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from referrals.needs import BY_KEY, Kind, allowed_values

MAX_TEXT = 300
# A run of 7+ digits (spaces, dashes, dots, brackets or + between them) or an email address.
CONTACT_RE = re.compile(r"(\+?\d[\d\s().-]{5,}\d)|([^\s@]+@[^\s@]+\.[^\s@]+)")
REMOVED = "[removed: contact detail]"


def clean_answers(answers: Mapping[str, object]) -> dict[str, str]:
    cleaned: dict[str, str] = {}
    for key, raw in answers.items():
        question = BY_KEY.get(key)
        if question is None or raw is None:
            continue
        value = str(raw).strip()
        allowed = allowed_values(question)
        if allowed is not None:
            if value in allowed:
                cleaned[key] = value
            continue
        if question.kind in (Kind.TEXT, Kind.TIME) and value:
            cleaned[key] = REMOVED if CONTACT_RE.search(value) else value[:MAX_TEXT]
    return cleaned
