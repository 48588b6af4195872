"""Notify's documented test recipients, and the outcome every other recipient gets.

Smoke-test numbers and addresses are accepted and never sent (always ``delivered``); the
failure ones end as their name says. A number outside the UK ends ``sent``: Notify gets no
receipt for most international texts.

>>> outcome_for("07700900002").status, outcome_for("+447700900003").status
('permanent-failure', 'temporary-failure')
>>> outcome_for("perm-fail@simulator.notify").status, outcome_for("+33612345678").status
('permanent-failure', 'sent')
>>> outcome_for("+447700900123").status
'delivered'
"""

from __future__ import annotations

from dataclasses import dataclass

SMOKE_TEST_NUMBERS = frozenset({"07700900000", "07700900111", "07700900222"})
SMOKE_TEST_EMAILS = frozenset({
    "simulate-delivered@notifications.service.gov.uk",
    "simulate-delivered-2@notifications.service.gov.uk",
    "simulate-delivered-3@notifications.service.gov.uk",
})
FAILING: dict[str, str] = {
    "07700900003": "temporary-failure",
    "07700900002": "permanent-failure",
    "temp-fail@simulator.notify": "temporary-failure",
    "perm-fail@simulator.notify": "permanent-failure",
}


@dataclass(frozen=True)
class Outcome:
    status: str  # the final status
    callback: bool = True  # post a delivery receipt for it (False: the callback is "lost")
    delay: float | None = None  # seconds per step; None: the emulator's default


def uk_national(number: str) -> str:
    """``+447700900123`` and ``447700900123`` as ``07700900123``; anything else unchanged."""
    digits = number.replace(" ", "")
    for prefix in ("+44", "44"):
        if digits.startswith(prefix) and len(digits) == len(prefix) + 10:
            return "0" + digits[len(prefix):]
    return digits


def is_international(number: str) -> bool:
    return not uk_national(number).startswith("0")


def outcome_for(recipient: str) -> Outcome:
    key = recipient.lower() if "@" in recipient else uk_national(recipient)
    if key in FAILING:
        return Outcome(FAILING[key])
    if "@" not in recipient and is_international(recipient):
        return Outcome("sent")
    return Outcome("delivered")


def is_smoke_test(recipient: str) -> bool:
    return recipient.lower() in SMOKE_TEST_EMAILS or uk_national(recipient) in SMOKE_TEST_NUMBERS
