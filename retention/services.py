"""The retention purge: every kind of data past its period is erased, anonymised or deleted.

Kinds run in ``DataKind`` order (bodies before contact details). A kind with no registered purger
is reported, never silently skipped. A purger that fails (for example Rasa's tracker store is
unreachable) does not stop the others: the run and the report record it (``PurgeReport.failed``),
and the daily task and the command then fail loudly. Log lines carry counts only.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from django.utils import timezone

from retention.models import PurgeRun
from retention.periods import DataKind, cutoff, retention_days
from retention.registry import PurgeCount, purger_for

logger = logging.getLogger(__name__)


class Trigger(StrEnum):
    DAILY = "daily"
    COMMAND = "command"


class PurgeFailed(Exception):
    """One or more kinds could not be purged (the others were; see the run's counts)."""


@dataclass(frozen=True)
class KindResult:
    kind: DataKind
    days: int
    count: PurgeCount | None  # None: no purger registered for this kind (or it failed)
    error: str = ""  # the exception's class name when the purger failed


@dataclass(frozen=True)
class PurgeReport:
    run_id: int
    dry_run: bool
    results: list[KindResult] = field(default_factory=list)

    @property
    def failed(self) -> list[DataKind]:
        return [result.kind for result in self.results if result.error]

    def raise_if_failed(self) -> None:
        if self.failed:
            raise PurgeFailed(f"purge run {self.run_id} could not purge: "
                              + ", ".join(kind.value for kind in self.failed))

    def records(self, kind: DataKind) -> int:
        for result in self.results:
            if result.kind is kind and result.count is not None:
                return result.count.records
        return 0


def purge_due(*, trigger: Trigger, now: datetime | None = None,
              dry_run: bool = False) -> PurgeReport:
    """Erase what the retention periods say is due (or, on a dry run, count it)."""
    now = now or timezone.now()
    run = PurgeRun.objects.create(started_at=now, trigger=trigger.value, dry_run=dry_run)
    results = []
    for kind in DataKind:
        purger = purger_for(kind)
        days = retention_days(kind)
        if purger is None:
            results.append(KindResult(kind, days, None))
            continue
        try:
            count = purger(before=cutoff(kind, now=now), now=now, dry_run=dry_run)
        except Exception as error:  # recorded; the report says which kinds failed
            logger.error("retention %s: failed (%s)", kind.value, type(error).__name__)
            results.append(KindResult(kind, days, None, type(error).__name__))
            continue
        results.append(KindResult(kind, days, count))
        logger.info("retention %s: %s %d records older than %d days%s", kind.value,
                    count.action.value, count.records, days, " (dry run)" if dry_run else "")
    run.counts = {
        r.kind.value: {"days": r.days, "action": r.count.action.value if r.count else "",
                       "records": r.count.records if r.count else 0,
                       "registered": r.count is not None or bool(r.error), "error": r.error}
        for r in results
    }
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    return PurgeReport(run_id=run.pk, dry_run=dry_run, results=results)
