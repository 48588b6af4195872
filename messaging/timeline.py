"""The delivery log: every event of one message, or of every message about one thing.

Rows carry ids, statuses, codes and reasons; never a contact detail or a message body.
"""

from __future__ import annotations

import csv
import io
import uuid
from dataclasses import dataclass
from datetime import datetime

from messaging.models import DeliveryEvent, Message

COLUMNS = ("at", "message", "channel", "template", "language", "origin", "triggered_by",
           "kind", "previous_status", "status", "provider_status", "error_code", "detail")


@dataclass(frozen=True)
class TimelineRow:
    at: datetime
    message: str
    channel: str
    template: str
    language: str
    origin: str
    triggered_by: str
    kind: str
    previous_status: str
    status: str
    provider_status: str
    error_code: str
    detail: str

    def values(self) -> list[str]:
        return [self.at.isoformat(), *(str(getattr(self, name)) for name in COLUMNS[1:])]


def _rows(messages: list[Message]) -> list[TimelineRow]:
    by_id = {message.pk: message for message in messages}
    events = DeliveryEvent.objects.filter(message__in=messages).order_by("at", "pk")
    rows = []
    for event in events:
        message = by_id[event.message_id]
        user = message.triggered_by
        rows.append(TimelineRow(
            at=event.at, message=str(message.pk), channel=message.channel,
            template=message.template, language=message.language, origin=message.origin,
            triggered_by=user.get_username() if user is not None else "",
            kind=event.kind, previous_status=event.previous_status, status=event.status,
            provider_status=event.provider_status, error_code=event.error_code,
            detail=event.detail,
        ))
    return rows


def message_timeline(*, message_id: uuid.UUID) -> list[TimelineRow] | None:
    message = Message.objects.select_related("triggered_by").filter(pk=message_id).first()
    return None if message is None else _rows([message])


def subject_timeline(*, about_type: str, about_id: str) -> list[TimelineRow]:
    messages = list(Message.objects.select_related("triggered_by").filter(
        about_type=about_type, about_id=about_id))
    return _rows(messages)


def to_csv(rows: list[TimelineRow]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_safe_cell(value) for value in row.values()])
    return out.getvalue()


def _safe_cell(value: str) -> str:
    """Stop spreadsheet formula injection: a cell never starts with = + - @."""
    return "'" + value if value[:1] in ("=", "+", "-", "@") else value
