"""How long to wait before the next attempt: exponential back-off with jitter.

The ceiling doubles from ``base`` each attempt up to ``cap``; the wait is drawn from the upper
half of it, so retries spread out but never come at once.

>>> import random
>>> 5 <= backoff_seconds(attempt=2, base=5, cap=600, rng=random.Random(1)) <= 10
True
>>> backoff_seconds(attempt=30, base=5, cap=600, rng=random.Random(1)) <= 600
True
"""

from __future__ import annotations

import random

_SYSTEM = random.SystemRandom()


def backoff_seconds(
    *, attempt: int, base: float, cap: float, rng: random.Random | None = None
) -> float:
    ceiling = min(cap, base * 2 ** min(max(attempt - 1, 0), 30))
    return (rng or _SYSTEM).uniform(ceiling / 2, ceiling)
