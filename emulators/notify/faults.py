"""Faults set through the control API: the next requests answer 500 or 429, or hang.

>>> faults = Faults()
>>> faults.add(Fault(kind="429", remaining=1))
>>> faults.draw(now=0.0).kind, faults.draw(now=0.0)
('429', None)
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass, field
from typing import Any

KINDS = frozenset({"500", "503", "429", "timeout"})


@dataclass
class Fault:
    kind: str
    remaining: int | None = None  # this many requests, then stop; None: no limit
    until: float | None = None  # a time.monotonic() deadline; None: no limit
    endpoints: frozenset[str] = frozenset({"send"})
    rate: float = 1.0  # the fraction of matching requests that meet it
    hold: float | None = None  # timeouts: seconds to hold; None: the emulator's default

    def active(self, now: float) -> bool:
        if self.remaining is not None and self.remaining <= 0:
            return False
        return self.until is None or now < self.until

    def to_json(self, now: float) -> dict[str, Any]:
        return {"kind": self.kind, "remaining": self.remaining, "rate": self.rate,
                "hold": self.hold,
                "seconds_left": None if self.until is None else max(self.until - now, 0.0),
                "endpoints": sorted(self.endpoints), "active": self.active(now)}


def fault_from_json(data: dict[str, Any], now: float) -> Fault:
    """Read ``{"kind": "429", "count": 3, "duration": 10, "rate": 0.5, "hold": 3,
    "endpoints": ["send", "get"]}``."""
    kind = str(data.get("kind", ""))
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(sorted(KINDS))}")
    count = data.get("count")
    duration = data.get("duration")
    endpoints = frozenset(str(e) for e in data.get("endpoints", ["send"]))
    if not endpoints <= {"send", "get", "list"}:
        raise ValueError("endpoints must be send, get or list")
    rate = float(data.get("rate", 1.0))
    if not 0.0 <= rate <= 1.0:
        raise ValueError("rate must be between 0 and 1")
    hold = data.get("hold")
    return Fault(kind=kind, remaining=int(count) if count is not None else None,
                 until=now + float(duration) if duration is not None else None,
                 endpoints=endpoints, rate=rate, hold=float(hold) if hold is not None else None)


@dataclass
class Faults:
    rules: list[Fault] = field(default_factory=list)
    random: random.Random = field(default_factory=random.Random)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, fault: Fault) -> None:
        with self.lock:
            self.rules.append(fault)

    def clear(self) -> None:
        with self.lock:
            self.rules.clear()

    def draw(self, *, now: float, endpoint: str = "send") -> Fault | None:
        """The fault this request meets, counted, or None."""
        with self.lock:
            for rule in self.rules:
                if endpoint in rule.endpoints and rule.active(now):
                    if rule.rate < 1.0 and self.random.random() >= rule.rate:
                        continue
                    if rule.remaining is not None:
                        rule.remaining -= 1
                    return rule
        return None

    def to_json(self, now: float) -> list[dict[str, Any]]:
        with self.lock:
            return [rule.to_json(now) for rule in self.rules]
