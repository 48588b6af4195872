"""Counts of deleted rows, so totals over time survive a purge."""

from __future__ import annotations

from collections import Counter
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F, Sum

from retention.models import Tally
from retention.periods import DataKind


def add_tallies(*, kind: DataKind, counts: Counter[tuple[date, str]]) -> None:
    """Add ``counts`` ((day, key) -> rows) to the tallies of ``kind``."""
    for (day, key), count in counts.items():
        updated = Tally.objects.filter(kind=kind.value, day=day, key=key).update(
            count=F("count") + count)
        if updated:
            continue
        try:
            with transaction.atomic():
                Tally.objects.create(kind=kind.value, day=day, key=key, count=count)
        except IntegrityError:  # created meanwhile
            Tally.objects.filter(kind=kind.value, day=day, key=key).update(
                count=F("count") + count)


def tallied(*, kind: DataKind, key_prefix: str = "") -> int:
    """The number of deleted rows of a kind (whose key starts with ``key_prefix``)."""
    total = Tally.objects.filter(kind=kind.value, key__startswith=key_prefix).aggregate(
        n=Sum("count"))["n"]
    return int(total or 0)
