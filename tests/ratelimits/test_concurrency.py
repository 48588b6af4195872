"""Many processes counting one key at once lose no hit and never hand out one count twice.

Real concurrent connections need PostgreSQL (the scaled run): SQLite in tests is one in-memory
database, and in the service its writers take turns (``transaction_mode`` IMMEDIATE). The race
where two processes open the same bucket is also covered on both databases by
``test_counters.py::test_a_bucket_another_process_opened_first_is_added_to_not_lost``.
"""

from __future__ import annotations

import threading
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from ratelimits.models import Counter
from ratelimits.windows import FixedWindow

pytestmark = [pytest.mark.scaled, pytest.mark.django_db(transaction=True)]
THREADS, HITS = 8, 25


def test_concurrent_hits_on_one_key_are_all_counted_each_once():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent connections need PostgreSQL (the scaled run)")
    limit = FixedWindow(scope="race", limit=THREADS * HITS // 2, window=timedelta(minutes=1))
    now = datetime(2026, 11, 22, 2, 0, 1, tzinfo=UTC)  # every hit in one (new) bucket
    counts: list[int] = []
    refused: list[bool] = []
    lock = threading.Lock()
    start = threading.Barrier(THREADS)

    def worker() -> None:
        from django.db import connection as own

        try:
            start.wait(timeout=10)
            for _ in range(HITS):
                usage = limit.hit(key="k", now=now)
                with lock:
                    counts.append(usage.count)
                    refused.append(usage.over)
        finally:
            own.close()

    threads = [threading.Thread(target=worker) for _ in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(counts) == list(range(1, THREADS * HITS + 1))
    assert refused.count(False) == limit.limit
    assert Counter.objects.get(scope="race").count == THREADS * HITS
