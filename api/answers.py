"""Turn records into the JSON bodies the OpenAPI document describes (``api.schemas``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from leaflets.models import LeafletIssue, LinkOpen
from messaging.models import Message
from messaging.timeline import TimelineRow


def _at(value: datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def message_body(message: Message) -> dict[str, Any]:
    return {"id": str(message.pk), "channel": message.channel, "status": message.status,
            "reason": message.reason, "updated_at": message.updated_at.isoformat()}


def issue_body(issue: LeafletIssue, messages: list[Message]) -> dict[str, Any]:
    return {
        "id": issue.pk,
        "status": issue.status,
        "language": issue.language,
        "content_version": issue.content_version,
        "crime_reference": issue.crime_reference,
        "unit_name": issue.unit.name if issue.unit is not None else "",
        "channels": list(issue.channels),
        "created_at": issue.created_at.isoformat(),
        "expires_at": issue.expires_at.isoformat(),
        "first_opened_at": _at(issue.first_opened_at),
        "messages": [message_body(message) for message in messages],
    }


def event_body(row: TimelineRow) -> dict[str, Any]:
    return {"at": row.at.isoformat(), "message": row.message, "channel": row.channel,
            "kind": row.kind, "previous_status": row.previous_status, "status": row.status,
            "provider_status": row.provider_status, "error_code": row.error_code,
            "detail": row.detail}


def open_body(link_open: LinkOpen) -> dict[str, Any]:
    return {"at": link_open.opened_at.isoformat(), "language": link_open.language}
