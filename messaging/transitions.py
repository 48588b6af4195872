"""Apply a status to a message: locked, only along ``ALLOWED``, always with a DeliveryEvent.

A report that would move a message backwards (a late ``sent`` after ``delivered``) or repeat
its status is recorded as an ``ignored`` event and changes nothing else.

``move_if`` is the cheap form for the hot path: one conditional UPDATE (no row read, no lock
held while Python works) and its event, applied only if the message is still in the status the
caller expects; on False the caller takes the locked path (``move`` under ``select_for_update``).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from messaging.models import DeliveryEvent, Message
from messaging.statuses import MessageStatus, can_move


@dataclass(frozen=True)
class Applied:
    applied: bool
    status: MessageStatus


class UnknownMessage(LookupError):
    pass


def record_event(
    message: Message,
    *,
    kind: str,
    previous: str = "",
    provider_status: str = "",
    error_code: str = "",
    detail: str = "",
) -> DeliveryEvent:
    return DeliveryEvent.objects.create(
        message=message,
        kind=kind,
        status=message.status,
        previous_status=previous,
        provider_status=provider_status[:40],
        error_code=error_code[:20],
        detail=detail[:300],
    )


def move(
    message: Message,
    new: MessageStatus,
    *,
    kind: str = "status",
    provider_status: str = "",
    error_code: str = "",
    detail: str = "",
) -> bool:
    """Move a message already locked by the caller; False (and an ``ignored`` event) if barred."""
    current = MessageStatus(message.status)
    if not can_move(current, new):
        record_event(
            message,
            kind="ignored",
            previous=current,
            provider_status=provider_status,
            error_code=error_code,
            detail=f"{new} after {current} ignored",
        )
        return False
    message.status = new.value
    if provider_status:
        message.provider_status = provider_status[:40]
    if error_code:
        message.error_code = error_code[:20]
    if detail and new not in (MessageStatus.QUEUED, MessageStatus.SENDING):
        message.reason = detail[:300]
    message.save()
    record_event(
        message,
        kind=kind,
        previous=current,
        provider_status=provider_status,
        error_code=error_code,
        detail=detail,
    )
    return True


def move_if(
    *,
    message_id: uuid.UUID | str,
    current: MessageStatus,
    new: MessageStatus,
    matching: Q | None = None,
    also: dict[str, Any] | None = None,
    kind: str = "status",
    provider_status: str = "",
    error_code: str = "",
    detail: str = "",
) -> bool:
    """Move the message ``current`` → ``new`` if it is still ``current`` (and ``matching``),
    setting ``also`` and exactly the fields ``move`` sets, with its event, in one transaction.

    False, changing nothing, if the condition did not hold. Two such moves of one message never
    both apply: each UPDATE finds the row as the other left it (PostgreSQL re-checks the WHERE
    clause after waiting for the other's row lock; SQLite has one writer at a time).
    """
    if not can_move(current, new):
        raise ValueError(f"{new} after {current} is not an allowed move")
    changes: dict[str, Any] = {"status": new.value, "updated_at": timezone.now(), **(also or {})}
    if provider_status:
        changes["provider_status"] = provider_status[:40]
    if error_code:
        changes["error_code"] = error_code[:20]
    if detail and new not in (MessageStatus.QUEUED, MessageStatus.SENDING):
        changes["reason"] = detail[:300]
    rows = Message.objects.filter(pk=message_id, status=current.value)
    if matching is not None:
        rows = rows.filter(matching)
    with transaction.atomic():
        if not rows.update(**changes):
            return False
        DeliveryEvent.objects.create(
            message_id=message_id, kind=kind, status=new.value, previous_status=current.value,
            provider_status=provider_status[:40], error_code=error_code[:20], detail=detail[:300],
        )
    return True


def apply_status(
    *,
    message_id: uuid.UUID | str,
    status: MessageStatus,
    kind: str = "callback",
    provider_status: str = "",
    error_code: str = "",
    detail: str = "",
) -> Applied:
    """Lock the message and move it to ``status`` if allowed. UnknownMessage if there is none."""
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None:
            raise UnknownMessage(str(message_id))
        applied = move(
            message,
            status,
            kind=kind,
            provider_status=provider_status,
            error_code=error_code,
            detail=detail,
        )
        return Applied(applied=applied, status=MessageStatus(message.status))
