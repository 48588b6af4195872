"""AuditEvent: who saw, changed, exported or erased which personal data, when, why and as what.

Append-only and tamper-evident: ``save`` refuses to change a stored event, ``delete`` (of one
event or of a queryset) refuses, the database refuses UPDATE by trigger (migration 0002), and
each event carries the hash of the one before (``audit.chain``), so an edit made
behind the application's back shows up in ``audit.services.verify_chain``. An event names
objects by type and id, never by a victim's contact details.
"""

from __future__ import annotations

from datetime import UTC
from typing import Any, NoReturn

from django.db import models


class AuditImmutable(Exception):
    """Raised on any attempt to change or delete an audit event through the application."""


class AuditEventQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise AuditImmutable("audit events cannot be changed")

    def delete(self) -> NoReturn:
        raise AuditImmutable("audit events cannot be deleted")


class AuditEvent(models.Model):
    at = models.DateTimeField(db_index=True)
    # The actor is kept by id and name, not by foreign key: removing a user must not touch the
    # log, and the chain must not depend on another table.
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_username = models.CharField(max_length=150, blank=True)
    role = models.CharField(max_length=20)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=64, blank=True)
    reason = models.CharField(max_length=500, blank=True)
    detail = models.JSONField(default=dict, blank=True)  # codes and ids only, no personal data
    previous_hash = models.CharField(max_length=64, unique=True)  # one successor per event
    hash = models.CharField(max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]
        permissions = [("verify_auditevent", "Can verify the audit chain")]

    def __str__(self) -> str:
        return f"audit {self.pk}: {self.action} {self.object_type} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise AuditImmutable("audit events cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise AuditImmutable("audit events cannot be deleted")

    def chained_fields(self) -> dict[str, object]:
        """The fields the hash covers (everything but the two hashes and the id)."""
        return {
            "at": self.at.astimezone(UTC).isoformat(),
            "actor_id": self.actor_id,
            "actor_username": self.actor_username,
            "role": self.role,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "reason": self.reason,
            "detail": self.detail,
        }
