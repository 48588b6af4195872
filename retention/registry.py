"""Where each app registers how its data of one kind is erased or anonymised when due.

An app calls ``register`` from its ``AppConfig.ready()``::

    register(DataKind.REFERRALS, purge_referrals)

A purger takes ``before`` (the cut-off: older data is due), ``now`` and ``dry_run``, and returns
how many records it erased, anonymised or deleted (or would, on a dry run). A purger that deletes
rows first adds them to ``retention.tallies`` so dashboard totals stay the same.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Protocol

from retention.periods import DataKind


class Action(StrEnum):
    ERASED = "erased"  # personal fields blanked, the row (and its counts) kept
    DELETED = "deleted"  # rows deleted after their counts were tallied


@dataclass(frozen=True)
class PurgeCount:
    action: Action
    records: int


class Purger(Protocol):
    def __call__(self, *, before: datetime, now: datetime, dry_run: bool) -> PurgeCount: ...


_PURGERS: dict[DataKind, Purger] = {}


def register(kind: DataKind, purger: Purger) -> None:
    """Register (or replace) the purger of one kind of data."""
    _PURGERS[kind] = purger


def purger_for(kind: DataKind) -> Purger | None:
    return _PURGERS.get(kind)


@contextmanager
def registered(kind: DataKind, purger: Purger) -> Iterator[None]:
    """For tests: a purger registered for the duration of a ``with`` block."""
    previous = _PURGERS.get(kind)
    register(kind, purger)
    try:
        yield
    finally:
        if previous is None:
            _PURGERS.pop(kind, None)
        else:
            _PURGERS[kind] = previous


@contextmanager
def unregistered(kind: DataKind) -> Iterator[None]:
    """For tests: no purger for ``kind`` for the duration of a ``with`` block."""
    previous = _PURGERS.pop(kind, None)
    try:
        yield
    finally:
        if previous is not None:
            _PURGERS[kind] = previous
