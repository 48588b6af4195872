"""Fixed and sliding windows: what they count, when they let go, and that old rows go."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from ratelimits.models import Counter
from ratelimits.windows import FixedWindow, SlidingWindow

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 22, 1, 59, 30, tzinfo=UTC)
S = timedelta(seconds=1)


def test_a_fixed_window_refuses_past_the_limit_until_the_next_window():
    per_minute = FixedWindow(scope="t", limit=2, window=timedelta(minutes=1))
    hits = [per_minute.hit(key="k", now=T0 + n * 10 * S) for n in range(3)]
    assert [(h.count, h.over, h.remaining) for h in hits] == [(1, False, 1), (2, False, 0),
                                                               (3, True, 0)]
    assert hits[2].resets_at == datetime(2026, 11, 22, 2, 0, tzinfo=UTC)
    assert per_minute.usage(key="k", now=T0 + 29 * S).count == 3
    fresh = per_minute.hit(key="k", now=T0 + 30 * S)  # 02:00:00
    assert (fresh.count, fresh.over) == (1, False)
    assert per_minute.usage(key="other", now=T0).count == 0


def test_a_sliding_window_counts_the_last_window_across_any_clock_edge():
    failures = SlidingWindow(scope="t", limit=5, window=timedelta(minutes=15))
    edge = datetime(2026, 11, 22, 2, 15, tzinfo=UTC)  # a 15-minute edge of the clock
    for at in [edge - 2 * S] * 3 + [edge + S] * 2:
        failures.hit(key="k", now=at)
    assert failures.usage(key="k", now=edge + 2 * S).used_up  # 5 within 15 minutes
    # A failure counts for the whole window and then stops counting.
    assert failures.usage(key="k", now=edge - 2 * S + timedelta(minutes=15)).count == 5
    assert failures.usage(key="k", now=edge - S + timedelta(minutes=15)).count == 2
    assert not failures.usage(key="k", now=edge - S + timedelta(minutes=15)).used_up


def test_opening_a_bucket_prunes_the_scopes_buckets_too_old_to_count():
    window = timedelta(minutes=15)
    failures = SlidingWindow(scope="t", limit=5, window=window)
    failures.hit(key="old", now=T0)
    failures.hit(key="recent", now=T0 + window)
    assert set(Counter.objects.values_list("key", flat=True)) == {"old", "recent"}
    failures.hit(key="recent", now=T0 + window + 2 * S)
    assert set(Counter.objects.values_list("key", flat=True)) == {"recent"}

    per_minute = FixedWindow(scope="m", limit=5, window=timedelta(minutes=1))
    per_minute.hit(key="a", now=T0)
    per_minute.hit(key="b", now=T0 + timedelta(minutes=1))
    assert list(Counter.objects.filter(scope="m").values_list("key", flat=True)) == ["b"]


def test_forget_resets_one_key():
    failures = SlidingWindow(scope="t", limit=2, window=timedelta(minutes=15))
    for key in ("a", "a", "b"):
        failures.hit(key=key, now=T0)
    failures.forget(key="a")
    assert failures.usage(key="a", now=T0).count == 0
    assert failures.usage(key="b", now=T0).count == 1
