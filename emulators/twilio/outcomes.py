"""What happens to a message after it is accepted: the status steps and their callbacks.

>>> [(s.status, s.error_code) for s in OutcomeRule(Outcome.UNDELIVERED).steps()]
[('sent', None), ('undelivered', 30003)]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from emulators.twilio.errors import DELIVERY_ERRORS


class Outcome(StrEnum):
    DELIVERED = "delivered"  # sent -> delivered
    UNDELIVERED = "undelivered"  # sent -> undelivered (with an error code)
    FAILED = "failed"  # failed (with an error code)
    NO_CALLBACK = "no-callback"  # sent -> delivered, but no callback is posted
    STUCK = "stuck"  # sent, and nothing after that


DEFAULT_ERROR_CODES: dict[Outcome, int] = {Outcome.UNDELIVERED: 30003, Outcome.FAILED: 30008}


@dataclass(frozen=True)
class Step:
    status: str
    error_code: int | None = None
    callback: bool = True


@dataclass(frozen=True)
class OutcomeRule:
    outcome: Outcome = Outcome.DELIVERED
    error_code: int | None = None
    delay: float | None = None  # seconds before each step; None: the emulator's default

    def steps(self) -> list[Step]:
        code = self.error_code or DEFAULT_ERROR_CODES.get(self.outcome)
        match self.outcome:
            case Outcome.DELIVERED:
                return [Step("sent"), Step("delivered")]
            case Outcome.UNDELIVERED:
                return [Step("sent"), Step("undelivered", code)]
            case Outcome.FAILED:
                return [Step("failed", code)]
            case Outcome.NO_CALLBACK:
                return [Step("sent", callback=False), Step("delivered", callback=False)]
            case Outcome.STUCK:
                return [Step("sent")]

    def to_json(self) -> dict[str, Any]:
        return {"outcome": self.outcome.value, "error_code": self.error_code, "delay": self.delay}


def rule_from_json(data: dict[str, Any]) -> OutcomeRule:
    """Read ``{"outcome": "undelivered", "error_code": 30005, "delay": 0.1}``; ValueError if bad."""
    outcome = Outcome(data.get("outcome", Outcome.DELIVERED))
    error_code = data.get("error_code")
    if error_code is not None and int(error_code) not in DELIVERY_ERRORS:
        raise ValueError(f"unknown delivery error code {error_code}")
    delay = data.get("delay")
    if delay is not None and float(delay) < 0:
        raise ValueError("delay must not be negative")
    return OutcomeRule(
        outcome=outcome,
        error_code=int(error_code) if error_code is not None else None,
        delay=float(delay) if delay is not None else None,
    )


@dataclass
class OutcomeTable:
    """The global rule, and rules for particular destination numbers."""

    default: OutcomeRule = field(default_factory=OutcomeRule)
    by_number: dict[str, OutcomeRule] = field(default_factory=dict)

    def for_number(self, number: str) -> OutcomeRule:
        return self.by_number.get(number, self.default)

    def set(self, rule: OutcomeRule, number: str | None = None) -> None:
        if number is None:
            self.default = rule
        else:
            self.by_number[number] = rule

    def reset(self) -> None:
        self.default = OutcomeRule()
        self.by_number.clear()

    def to_json(self) -> dict[str, Any]:
        return {
            "default": self.default.to_json(),
            "numbers": {number: rule.to_json() for number, rule in self.by_number.items()},
        }
