"""Recording a case event for the crime-recording system: idempotent, audited, one commit."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from api.auditing import record_api_call
from api.idempotency import StoredAnswer, create_once, find_answer
from api.models import ApiKey
from audit.actions import AuditAction
from caseupdates.events import EventRejected, EventSource, Recorded, record_event


def _moment(body: Mapping[str, Any], name: str, errors: dict[str, str]) -> datetime | None:
    raw = body.get(name)
    if raw is None:
        return None
    try:
        return datetime.fromisoformat(str(raw))
    except ValueError:
        errors[name] = "Not an ISO 8601 date-time."
        return None


def _body(recorded: Recorded) -> dict[str, Any]:
    event = recorded.event
    return {
        "id": event.pk, "crime_reference": event.crime_reference, "kind": event.kind,
        "decided_at": event.decided_at.isoformat(), "held": event.matched_at is None,
        "updates": [{"id": u.pk, "due_at": u.due_at.isoformat(),
                     "enhanced_rights": u.enhanced_rights, "status": u.status}
                    for u in recorded.updates],
    }


def record_for_api(*, api_key: ApiKey, body: Mapping[str, Any], idempotency_key: str | None,
                   fingerprint: str) -> StoredAnswer:
    """Record the event (EventRejected for bad input); a repeated key replays the answer."""
    if idempotency_key is not None:
        stored = find_answer(api_key=api_key, key=idempotency_key, fingerprint=fingerprint)
        if stored is not None:
            return stored
    errors: dict[str, str] = {}
    decided_at = _moment(body, "decided_at", errors)
    court_at = _moment(body, "court_at", errors)
    if errors or decided_at is None:
        raise EventRejected(errors or {"decided_at": "Required."})

    def create() -> StoredAnswer:
        recorded = record_event(
            organisation=api_key.organisation, crime_reference=str(body["crime_reference"]),
            kind=str(body["kind"]), decided_at=decided_at, court_at=court_at,
            court_place=str(body.get("court_place", "")),
            officer_note=str(body.get("officer_note", "")), source=EventSource.API)
        record_api_call(api_key=api_key, action=AuditAction.CREATE,
                        object_type="caseupdates.caseevent", object_id=recorded.event.pk,
                        reason="case event from the crime-recording system")
        return StoredAnswer(status=201, body=_body(recorded))

    return create_once(api_key=api_key, key=idempotency_key, fingerprint=fingerprint,
                       create=create)
