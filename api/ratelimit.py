"""A fixed-window limit on requests per API key per minute, counted in the database so every web
process shares it. Simple on purpose: a burst may reach twice the limit across a window edge.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from api.models import ApiKey, RateWindow

WINDOW = timedelta(minutes=1)
KEEP = timedelta(hours=1)


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
    start = now.replace(second=0, microsecond=0)
    with transaction.atomic():
        updated = RateWindow.objects.filter(api_key=api_key, window_start=start).update(
            count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    RateWindow.objects.create(api_key=api_key, window_start=start, count=1)
            except IntegrityError:  # another process opened the window meanwhile
                RateWindow.objects.filter(api_key=api_key, window_start=start).update(
                    count=F("count") + 1)
            RateWindow.objects.filter(api_key=api_key, window_start__lt=now - KEEP).delete()
        count = RateWindow.objects.get(api_key=api_key, window_start=start).count
    retry_after = max(1, int((start + WINDOW - now).total_seconds()) + 1)
    return RateDecision(allowed=count <= limit, limit=limit, remaining=max(0, limit - count),
                        retry_after_s=retry_after)
