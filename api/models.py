"""API keys (only a hash stored) and idempotency records (request counts: ``ratelimits``)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone

from organisations.models import Organisation


class ApiKey(models.Model):
    """One organisation's key for one system. The secret is shown once and never stored.

    The key is ``sp_<prefix>_<secret>``: ``prefix`` finds the row, ``secret_hash`` (SHA-256 of
    the whole key; a 256-bit random key needs no slow hash) proves it.
    """

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT,
                                     related_name="api_keys")
    name = models.CharField(max_length=100)  # which system uses it, e.g. "Crime recording"
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    scopes = models.JSONField(default=list)  # api.scopes.Scope values
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = "API key"

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix})"

    @property
    def active(self) -> bool:
        return self.revoked_at is None


class IdempotencyRecord(models.Model):
    """The answer to a request made with an Idempotency-Key: a repeat gets the same answer."""

    api_key = models.ForeignKey(ApiKey, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=200)
    request_hash = models.CharField(max_length=64)  # SHA-256 of method, path and body
    status = models.PositiveSmallIntegerField()
    body = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["api_key", "key"],
                                               name="api_idempotency_unique_key")]

    def __str__(self) -> str:
        return f"idempotency record {self.pk}"

