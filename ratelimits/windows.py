"""The two ways Signpost counts toward a limit, on the shared counters (``ratelimits.counters``).

- ``FixedWindow``: hits in the current clock-aligned window (the API's requests per minute). Simple
  on purpose: a burst may reach twice the limit across a window edge.
- ``SlidingWindow``: hits in the last ``window``, counted in one-second buckets, so a hit counts
  for the whole window and never less (log-in failures, unknown link tokens).

Each hit that opens a new bucket also deletes the scope's buckets too old to count any more, so
the table holds only what a decision can still read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ratelimits import counters

SECOND = timedelta(seconds=1)


@dataclass(frozen=True)
class Usage:
    count: int  # hits counted in the window, this one included when it was a hit
    limit: int
    resets_at: datetime  # the earliest time the count can go down (fixed: to zero)

    @property
    def used_up(self) -> bool:
        """No hit is left: the next one would go past the limit."""
        return self.count >= self.limit

    @property
    def over(self) -> bool:
        """This count went past the limit (the hit just counted is refused)."""
        return self.count > self.limit

    @property
    def remaining(self) -> int:
        return max(0, self.limit - self.count)


@dataclass(frozen=True)
class FixedWindow:
    scope: str
    limit: int
    window: timedelta

    def hit(self, *, key: str, now: datetime) -> Usage:
        count = counters.add_one(scope=self.scope, key=key, width=self.window, now=now)
        if count == 1:
            counters.prune(scope=self.scope, before=counters.bucket_start(now, self.window))
        return self._usage(count, now)

    def usage(self, *, key: str, now: datetime) -> Usage:
        since = counters.bucket_start(now, self.window)
        return self._usage(counters.count_since(scope=self.scope, key=key, since=since,
                                                now=now), now)

    def forget(self, *, key: str) -> None:
        counters.forget(scope=self.scope, key=key)

    def _usage(self, count: int, now: datetime) -> Usage:
        return Usage(count=count, limit=self.limit,
                     resets_at=counters.bucket_start(now, self.window) + self.window)


@dataclass(frozen=True)
class SlidingWindow:
    scope: str
    limit: int
    window: timedelta

    def hit(self, *, key: str, now: datetime) -> Usage:
        if counters.add_one(scope=self.scope, key=key, width=SECOND, now=now) == 1:
            counters.prune(scope=self.scope, before=self._since(now))
        return self.usage(key=key, now=now)

    def usage(self, *, key: str, now: datetime) -> Usage:
        count = counters.count_since(scope=self.scope, key=key, since=self._since(now), now=now)
        return Usage(count=count, limit=self.limit,
                     resets_at=self._since(now) + self.window + SECOND)

    def forget(self, *, key: str) -> None:
        counters.forget(scope=self.scope, key=key)

    def _since(self, now: datetime) -> datetime:
        """The first bucket still counted: the one holding ``now - window``."""
        return counters.bucket_start(now - self.window, SECOND)
