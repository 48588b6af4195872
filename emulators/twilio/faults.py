"""Fault injection: answer some API requests with 500, 429, or silence until the client gives up.

>>> injector = FaultInjector(random.Random(1))
>>> injector.add(FaultRule(kind=FaultKind.ERROR_500, remaining=1))
>>> injector.draw(Endpoint.SEND).kind, injector.draw(Endpoint.SEND)
(<FaultKind.ERROR_500: '500'>, None)
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any


class FaultKind(StrEnum):
    ERROR_500 = "500"
    RATE_LIMITED = "429"
    TIMEOUT = "timeout"


class Endpoint(StrEnum):
    SEND = "send"
    FETCH = "fetch"
    LIST = "list"


@dataclass
class FaultRule:
    kind: FaultKind
    rate: float = 1.0  # the fraction of matching requests that fail
    remaining: int | None = None  # fail this many requests, then stop; None: no limit
    until: float | None = None  # a time.monotonic() deadline; None: no limit
    endpoints: frozenset[Endpoint] = frozenset({Endpoint.SEND})
    hold: float | None = None  # timeout faults: seconds to hold; None: the emulator's default

    def active(self, now: float) -> bool:
        if self.remaining is not None and self.remaining <= 0:
            return False
        return self.until is None or now < self.until

    def to_json(self, now: float) -> dict[str, Any]:
        return {
            "kind": self.kind.value,
            "rate": self.rate,
            "remaining": self.remaining,
            "seconds_left": None if self.until is None else max(self.until - now, 0.0),
            "endpoints": sorted(endpoint.value for endpoint in self.endpoints),
            "hold": self.hold,
            "active": self.active(now),
        }


def rule_from_json(data: dict[str, Any], now: float) -> FaultRule:
    """Read ``{"kind": "429", "rate": 0.5, "count": 3, "duration": 10, "endpoints": ["send"]}``."""
    rate = float(data.get("rate", 1.0))
    if not 0.0 <= rate <= 1.0:
        raise ValueError("rate must be between 0 and 1")
    count = data.get("count")
    duration = data.get("duration")
    hold = data.get("hold")
    return FaultRule(
        kind=FaultKind(str(data.get("kind", ""))),
        rate=rate,
        remaining=int(count) if count is not None else None,
        until=now + float(duration) if duration is not None else None,
        endpoints=frozenset(Endpoint(e) for e in data.get("endpoints", [Endpoint.SEND])),
        hold=float(hold) if hold is not None else None,
    )


@dataclass
class FaultInjector:
    rng: random.Random
    clock: Callable[[], float] = time.monotonic
    rules: list[FaultRule] = field(default_factory=list)

    def add(self, rule: FaultRule) -> None:
        self.rules.append(rule)

    def clear(self) -> None:
        self.rules.clear()

    def draw(self, endpoint: Endpoint) -> FaultRule | None:
        """The fault to inject into this request, if any (consuming one of its count)."""
        now = self.clock()
        for rule in self.rules:
            if endpoint in rule.endpoints and rule.active(now) and self.rng.random() < rule.rate:
                if rule.remaining is not None:
                    rule.remaining -= 1
                return rule
        return None

    def to_json(self) -> list[dict[str, Any]]:
        now = self.clock()
        return [rule.to_json(now) for rule in self.rules]
