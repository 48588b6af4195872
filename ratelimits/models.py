"""Counters every web process shares: hits of one key in one time bucket (``ratelimits.counters``).

``key`` is never personal data: an id, or a keyed hash (``ratelimits.keys``).
"""

from __future__ import annotations

from django.db import models


class Counter(models.Model):
    scope = models.CharField(max_length=30)  # what is limited, e.g. "api-key", "login-ip"
    key = models.CharField(max_length=64)  # whom it is counted for, within the scope
    bucket_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["scope", "key", "bucket_start"],
                                               name="ratelimit_counter_unique")]
        indexes = [models.Index(fields=["scope", "bucket_start"])]  # the prune

    def __str__(self) -> str:
        return f"{self.scope} counter {self.pk}"
