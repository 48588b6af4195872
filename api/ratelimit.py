"""A fixed-window limit on requests per API key per minute, on the shared counters
(``ratelimits``), so every web process shares it. Simple on purpose: a burst may reach twice the
limit across a window edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from api.models import ApiKey
from ratelimits.windows import FixedWindow

WINDOW = timedelta(minutes=1)


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    retry_after_s: int


def check_rate(*, api_key: ApiKey, now: datetime | None = None,
               limit: int | None = None) -> RateDecision:
    """Count one request of this key; refuse it when the minute's limit is already used."""
    now = now or timezone.now()
    limit = limit if limit is not None else settings.API_RATE_LIMIT_PER_MINUTE
    usage = FixedWindow(scope="api-key", limit=limit, window=WINDOW).hit(key=str(api_key.pk),
                                                                         now=now)
    retry_after = max(1, int((usage.resets_at - now).total_seconds()) + 1)
    return RateDecision(allowed=not usage.over, limit=limit, remaining=usage.remaining,
                        retry_after_s=retry_after)
