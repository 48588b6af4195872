"""Audit events of transfers: a referral's personal data left the service (an export)."""

from __future__ import annotations

from audit.actions import AuditAction, AuditRole
from audit.services import record_event
from referrals.models import Referral
from transfers.statuses import TransferKind


def record_transfer(*, referral: Referral, kind: TransferKind, detail: dict[str, object],
                    reason: str) -> None:
    record_event(
        actor=None,
        role=AuditRole.SYSTEM.value,
        action=AuditAction.EXPORT.value,
        object_type="referrals.referral",
        object_id=str(referral.pk),
        reason=reason,
        detail={"transfer": kind.value, "target": referral.target_id, **detail},
    )
