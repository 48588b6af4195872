"""The counting core: atomic adds to clock-aligned buckets, sums, forgetting, pruning, and the
race where another process opens the same bucket first."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError
from django.db.models import QuerySet

from ratelimits import counters
from ratelimits.models import Counter

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 22, 1, 59, 30, 250_000, tzinfo=UTC)
MINUTE = timedelta(minutes=1)


def add(key: str = "k", at: datetime = T0, width: timedelta = MINUTE) -> int:
    return counters.add_one(scope="test", key=key, width=width, now=at)


def test_buckets_are_aligned_to_the_clock_whatever_the_width():
    assert counters.bucket_start(T0, MINUTE) == datetime(2026, 11, 22, 1, 59, tzinfo=UTC)
    assert counters.bucket_start(T0, timedelta(seconds=1)) == T0.replace(microsecond=0)
    assert counters.bucket_start(T0, timedelta(minutes=15)) == datetime(2026, 11, 22, 1, 45,
                                                                        tzinfo=UTC)


def test_each_add_returns_the_buckets_new_count_in_one_row_per_bucket():
    assert [add(at=T0 + timedelta(seconds=s)) for s in (0, 10, 29)] == [1, 2, 3]
    assert add(at=T0 + timedelta(seconds=30)) == 1  # 02:00:00 opens the next minute
    assert add(key="other") == 1
    assert Counter.objects.filter(scope="test").count() == 3
    assert Counter.objects.filter(scope="elsewhere").count() == 0


def test_count_since_sums_the_buckets_that_start_from_since_up_to_now():
    second = timedelta(seconds=1)
    start = T0.replace(microsecond=0)  # the bucket of T0
    for offset in (0, 1, 1, 5):
        add(at=T0 + offset * second, width=second)
    now = T0 + 5 * second
    assert counters.count_since(scope="test", key="k", since=start, now=now) == 4
    assert counters.count_since(scope="test", key="k", since=start + second, now=now) == 3
    assert counters.count_since(scope="test", key="k", since=T0, now=now) == 3  # mid-bucket
    assert counters.count_since(scope="test", key="k", since=start, now=T0 + 2 * second) == 3
    assert counters.count_since(scope="test", key="nobody", since=start, now=now) == 0


def test_forget_drops_one_keys_buckets_only():
    add(key="a")
    add(key="b")
    counters.forget(scope="test", key="a")
    assert list(Counter.objects.values_list("key", flat=True)) == ["b"]


def test_prune_deletes_the_scopes_buckets_that_start_before_the_horizon():
    add(at=T0 - 3 * MINUTE)
    add(at=T0 - MINUTE)
    add(at=T0)
    counters.add_one(scope="kept", key="k", width=MINUTE, now=T0 - 3 * MINUTE)
    assert counters.prune(scope="test", before=counters.bucket_start(T0 - MINUTE, MINUTE)) == 1
    assert Counter.objects.filter(scope="test").count() == 2
    assert Counter.objects.filter(scope="kept").count() == 1


def test_a_bucket_another_process_opened_first_is_added_to_not_lost(monkeypatch):
    """Our UPDATE ran before the bucket existed; another process then inserted it (its first hit,
    committed), so our INSERT is refused by the unique constraint and must update instead."""
    add()  # the other process's hit, already in the row
    real_update = QuerySet.update
    calls: list[int] = []

    def update_before_the_row_existed(self: QuerySet[Counter], **fields: object) -> int:
        calls.append(1)
        return 0 if len(calls) == 1 else real_update(self, **fields)

    monkeypatch.setattr(QuerySet, "update", update_before_the_row_existed)
    assert add() == 2
    assert len(calls) == 2  # the first UPDATE, then the one after the refused INSERT
    assert Counter.objects.get().count == 2


def test_the_database_refuses_a_second_row_for_one_bucket():
    add()
    with pytest.raises(IntegrityError):
        Counter.objects.create(scope="test", key="k", bucket_start=counters.bucket_start(
            T0, MINUTE), count=1)
