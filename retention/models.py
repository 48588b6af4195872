"""What the retention purge leaves behind: counts of deleted rows, and a record of each run."""

from __future__ import annotations

from django.db import models


class Tally(models.Model):
    """How many rows of one kind, on one day, with one key (e.g. "org:3|lang:pl"), were deleted.

    Dashboard totals are the live rows plus these, so a purge never changes them.
    """

    kind = models.CharField(max_length=40)
    day = models.DateField()
    key = models.CharField(max_length=120, blank=True, default="")
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "day", "key"], name="tally_unique_kind_day_key")
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.day} {self.key}: {self.count}"


class PurgeRun(models.Model):
    """One run of the purge: when, what started it, and how many records of each kind."""

    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    trigger = models.CharField(max_length=20)  # daily | command
    dry_run = models.BooleanField(default=False)
    counts = models.JSONField(default=dict)  # kind -> {"action": ..., "records": n, "days": d}

    class Meta:
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"purge run {self.pk} ({self.trigger})"
