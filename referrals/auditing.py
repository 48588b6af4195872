"""The one call site for audit events of the referrals app (``audit.services.record_event``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db import models

from audit.actions import AuditAction, AuditRole
from audit.services import record_event


def _role(by: User | None) -> str:
    if by is None:
        return AuditRole.VICTIM.value
    names = {group.name for group in by.groups.all()}
    roles = [role.value for role in AuditRole if role.value in names]
    return roles[0] if roles else AuditRole.ADMIN.value


def audit(*, action: AuditAction, obj: models.Model, by: User | None = None, role: str = "",
          reason: str = "", detail: dict[str, Any] | None = None) -> None:
    """Record who did what to which referrals record; codes and ids only, no personal data."""
    record_event(
        actor=by,
        role=role or _role(by),
        action=action.value,
        object_type=f"referrals.{type(obj).__name__.lower()}",
        object_id=str(obj.pk),
        reason=reason,
        detail=detail,
    )
