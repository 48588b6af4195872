"""Keeping under Notify's rate limit (3,000 requests a minute per API key by default).

A sliding minute of send times per worker process: a send that would go over waits for the
oldest to leave the minute, up to ``max_wait`` seconds; past that it is not sent now (the
gateway retries it with back-off). With several worker processes, give each its share
(``NOTIFY_RATE_PER_MINUTE`` divided by the workers).

>>> clock = iter([0.0, 0.0, 0.0, 61.0]).__next__
>>> pacer = Pacer(per_minute=2, clock=clock, sleep=lambda s: None)
>>> pacer.take(max_wait=0), pacer.take(max_wait=0), pacer.take(max_wait=0)
(True, True, False)
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field

WINDOW_S = 60.0


@dataclass
class Pacer:
    per_minute: int
    clock: Callable[[], float] = time.monotonic
    sleep: Callable[[float], None] = time.sleep
    _sent: deque[float] = field(default_factory=deque)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _wait_needed(self, now: float) -> float:
        while self._sent and self._sent[0] <= now - WINDOW_S:
            self._sent.popleft()
        if len(self._sent) < self.per_minute:
            return 0.0
        return self._sent[0] + WINDOW_S - now

    def take(self, *, max_wait: float) -> bool:
        """Count one request, waiting (at most ``max_wait`` s) for room; False if none came."""
        while True:
            with self._lock:
                now = self.clock()
                wait = self._wait_needed(now)
                if wait <= 0:
                    self._sent.append(now)
                    return True
            if wait > max_wait:
                return False
            self.sleep(wait)
            max_wait -= wait


_pacers: dict[int, Pacer] = {}
_pacers_lock = threading.Lock()


def pacer(per_minute: int) -> Pacer:
    """This process's pacer for the configured rate."""
    with _pacers_lock:
        found = _pacers.get(per_minute)
        if found is None:
            found = _pacers[per_minute] = Pacer(per_minute=per_minute)
        return found
