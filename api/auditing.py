"""The API's audit events (``audit.services.record_event``): key changes and reads of issues."""

from __future__ import annotations

from django.contrib.auth.models import User

from api.models import ApiKey
from audit.actions import AuditAction, AuditRole
from audit.services import record_event


def record_key_event(*, api_key: ApiKey, action: str, actor: User | None) -> None:
    """An API key was created or revoked (by an admin, or by a command when actor is None)."""
    record_event(
        actor=actor,
        role=AuditRole.ADMIN.value if actor is not None else AuditRole.SYSTEM.value,
        action=action,
        object_type="api.apikey",
        object_id=api_key.pk,
        detail={"organisation": api_key.organisation_id, "scopes": list(api_key.scopes)},
    )


def record_api_call(*, api_key: ApiKey, action: AuditAction, object_type: str,
                    object_id: str | int, reason: str = "") -> None:
    """A system read or changed personal data through the API; the key names the caller."""
    record_event(
        actor=None,
        role=AuditRole.API.value,
        action=action.value,
        object_type=object_type,
        object_id=object_id,
        reason=reason,
        detail={"api_key": api_key.prefix, "organisation": api_key.organisation_id},
    )
