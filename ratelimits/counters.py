"""The counting core: add one hit to a key's time bucket atomically, sum a key's recent buckets,
forget a key, prune old buckets. The policies (``ratelimits.windows``) decide what to count.

Buckets are aligned to the Unix epoch, so every process puts a hit in the same row. Adding is an
``UPDATE … SET count = count + 1``; the first hit of a bucket inserts the row, and when two
processes insert at once the unique constraint refuses the second, which then updates instead.

>>> from datetime import datetime, timedelta, UTC
>>> bucket_start(datetime(2026, 11, 22, 1, 59, 31, 5, tzinfo=UTC), timedelta(minutes=1))
datetime.datetime(2026, 11, 22, 1, 59, tzinfo=datetime.timezone.utc)
>>> bucket_start(datetime(2026, 11, 22, 1, 59, 31, 5, tzinfo=UTC), timedelta(minutes=10))
datetime.datetime(2026, 11, 22, 1, 50, tzinfo=datetime.timezone.utc)
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.db import IntegrityError, connection, transaction
from django.db.models import F

from ratelimits.models import Counter

_TABLE = Counter._meta.db_table

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def bucket_start(now: datetime, width: timedelta) -> datetime:
    """The start of the bucket of ``width`` that holds ``now``."""
    return EPOCH + ((now - EPOCH) // width) * width


def add_one(*, scope: str, key: str, width: timedelta, now: datetime) -> int:
    """Count one hit of ``key`` in the bucket holding ``now``; that bucket's count after it."""
    start = bucket_start(now, width)
    row = Counter.objects.filter(scope=scope, key=key, bucket_start=start)
    with transaction.atomic():
        if not row.update(count=F("count") + 1):
            try:
                with transaction.atomic():
                    Counter.objects.create(scope=scope, key=key, bucket_start=start, count=1)
            except IntegrityError:  # another process opened the bucket meanwhile
                row.update(count=F("count") + 1)
        # Our update holds the row's lock until commit: this reads our count, plus any hit
        # committed before ours.
        return row.values_list("count", flat=True).get()


def count_since(*, scope: str, key: str, since: datetime, now: datetime) -> int:
    """The hits of ``key`` in the buckets that start from ``since`` up to ``now``.

    Plain SQL: every request to a leaflet link asks this first (is the client blocked?), and
    building the query through the ORM cost more than running it.
    """
    quote, adapt = connection.ops.quote_name, connection.ops.adapt_datetimefield_value
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COALESCE(SUM({quote('count')}), 0) FROM {quote(_TABLE)} "  # noqa: S608
            f"WHERE {quote('scope')} = %s AND {quote('key')} = %s "
            f"AND {quote('bucket_start')} >= %s AND {quote('bucket_start')} <= %s",
            [scope, key, adapt(since), adapt(now)])
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def forget(*, scope: str, key: str) -> None:
    """Drop every bucket of ``key`` (e.g. a good log-in clears that username's failures)."""
    Counter.objects.filter(scope=scope, key=key).delete()


def prune(*, scope: str, before: datetime) -> int:
    """Delete the scope's buckets that start before ``before``; how many were deleted."""
    deleted, _ = Counter.objects.filter(scope=scope, bucket_start__lt=before).delete()
    return deleted
