"""Keeping under Notify's rate limit (3,000 requests a minute per API key by default), counted
for the key across every worker process and machine.

Each request to Notify takes one hit of a clock-aligned minute on the shared counters
(``ratelimits``), under a keyed hash of the API key (the counter table never holds the key).
When the minute's budget is spent the request is not made: the caller gets the seconds until the
next minute, and the gateway retries the message then. A fixed window may let a burst reach
twice the budget across a minute's edge, as the API's own limit does; Notify's own counting
answers that rare case with a 429, which is retried too.

>>> from datetime import datetime, UTC
>>> wait_seconds(now=datetime(2026, 12, 7, 9, 0, 45, 500000, tzinfo=UTC),
...              resets_at=datetime(2026, 12, 7, 9, 1, tzinfo=UTC))
14.5
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from ratelimits.keys import private_key
from ratelimits.windows import FixedWindow

WINDOW = timedelta(minutes=1)
SCOPE = "notify-api-key"


@dataclass(frozen=True)
class Turn:
    allowed: bool
    retry_after_s: float  # 0 when allowed; else the seconds until the next minute's budget


def wait_seconds(*, now: datetime, resets_at: datetime) -> float:
    return max(0.0, (resets_at - now).total_seconds())


def take_turn(*, now: datetime | None = None) -> Turn:
    """Count one request to Notify under the configured key; refused once the minute is spent."""
    now = now or timezone.now()
    window = FixedWindow(scope=SCOPE, limit=settings.NOTIFY_RATE_PER_MINUTE, window=WINDOW)
    usage = window.hit(key=private_key("notify-api-key", settings.NOTIFY_API_KEY), now=now)
    if usage.over:
        return Turn(allowed=False,
                    retry_after_s=wait_seconds(now=now, resets_at=usage.resets_at))
    return Turn(allowed=True, retry_after_s=0.0)
