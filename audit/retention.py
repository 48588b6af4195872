"""Retention of the audit log: events older than the period are deleted oldest first, and the
chain records it — a ``retention-purge`` event names the hash of the last event removed, so
``verify_chain`` accepts the shortened chain only from exactly that point.

To be registered with ``retention.registry`` for kind ``audit`` (see ``audit.apps``).
"""

from __future__ import annotations

from datetime import datetime

from django.db import models, transaction

from audit.actions import AuditAction, AuditRole
from audit.models import AuditEvent
from audit.services import record_event
from retention.registry import Action, PurgeCount

PURGE_ACTION = AuditAction.RETENTION_PURGE


@transaction.atomic
def purge_audit_events(*, before: datetime, now: datetime, dry_run: bool) -> PurgeCount:
    due = AuditEvent.objects.filter(at__lt=before).order_by("id")
    last = due.last()
    if last is None:
        return PurgeCount(Action.DELETED, 0)
    # Only a prefix may go: everything up to the newest due event (never a gap in the middle).
    prefix: models.QuerySet[AuditEvent] = models.QuerySet(AuditEvent).filter(id__lte=last.pk)
    count = prefix.count()
    if dry_run:
        return PurgeCount(Action.DELETED, count)
    record_event(actor=None, role=AuditRole.SYSTEM, action=PURGE_ACTION,
                 object_type="audit-chain", object_id=last.pk,
                 detail={"deleted": count, "up_to_id": last.pk, "last_deleted_hash": last.hash},
                 at=now)
    prefix.delete()  # the plain QuerySet: AuditEventQuerySet.delete refuses
    return PurgeCount(Action.DELETED, count)
