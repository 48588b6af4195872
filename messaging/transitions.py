"""Move a message's status: ``advance``, the one function every status write of the gateway goes
through, and the one place for what a move writes (``status_fields``).

``advance`` first tries the cheap form when the caller says which status the message should be
in (``expect``): one conditional UPDATE (no row read, no lock held while Python works) and its
event, applied only if the message is still so (and ``matching``). When that does not hold, or
without ``expect``, it takes the row lock itself and applies the same move under it, after the
caller's ``locked`` check (the cases the UPDATE cannot decide: an opt-out to close, a report for
another provider reference …). Only along ``ALLOWED``; a move that would go backwards or repeat
a status is recorded as an ``ignored`` event and changes nothing else.

Two conditional UPDATEs of one message never both apply: each finds the row as the other left
it (PostgreSQL re-checks the WHERE clause after waiting for the other's row lock; SQLite has one
writer at a time).
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Case, F, Q, Value, When
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
    for name, value in status_fields(new, provider_status=provider_status, error_code=error_code,
                                     detail=detail).items():
        setattr(message, name, value)
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
    changes: dict[str, Any] = {
        **status_fields(new, provider_status=provider_status, error_code=error_code, detail=detail),
        "updated_at": timezone.now(), **(also or {})}
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


def status_fields(new: MessageStatus, *, provider_status: str = "", error_code: str = "",
                  detail: str = "") -> dict[str, Any]:
    """The columns a move to ``new`` writes, besides those the caller adds: the status, the
    provider's raw status and error code when given, and the reason for any status but the
    worker's own (``queued``, ``sending``)."""
    fields: dict[str, Any] = {"status": new.value}
    if provider_status:
        fields["provider_status"] = provider_status[:40]
    if error_code:
        fields["error_code"] = error_code[:20]
    if detail and new not in (MessageStatus.QUEUED, MessageStatus.SENDING):
        fields["reason"] = detail[:300]
    return fields


def _record_only(*, message_id: uuid.UUID | str, expect: MessageStatus, matching: Q | None,
                 also: dict[str, Any], kind: str, provider_status: str, detail: str) -> bool:
    """No status change: write ``also`` (and the provider's status if none is stored yet) if the
    message is still ``expect``, with an event."""
    rows = Message.objects.filter(pk=message_id, status=expect.value)
    if matching is not None:
        rows = rows.filter(matching)
    with transaction.atomic():
        if not rows.update(provider_status=Case(When(provider_status="",
                                                     then=Value(provider_status[:40])),
                                                default=F("provider_status")),
                           updated_at=timezone.now(), **also):
            return False
        DeliveryEvent.objects.create(message_id=message_id, kind=kind, status=expect.value,
                                     previous_status=expect.value,
                                     provider_status=provider_status[:40], detail=detail[:300])
    return True


def record_locked(message: Message, *, also: dict[str, Any], kind: str, provider_status: str = "",
                  detail: str = "") -> None:
    """The locked form of a write without a status change (the caller holds the row lock)."""
    for name, value in also.items():
        setattr(message, name, value)
    if not message.provider_status:
        message.provider_status = provider_status[:40]
    message.save()
    record_event(message, kind=kind, previous=message.status, provider_status=provider_status,
                 detail=detail)


Locked = Callable[[Message], Applied | None]  # under the row lock: an answer, or None to go on


def advance(
    *,
    message_id: uuid.UUID | str,
    new: MessageStatus | None,
    expect: MessageStatus | None = None,
    matching: Q | None = None,
    also: dict[str, Any] | None = None,
    kind: str = "status",
    provider_status: str = "",
    error_code: str = "",
    detail: str = "",
    locked: Locked | None = None,
    only: tuple[str, ...] = (),
) -> Applied:
    """Move the message to ``new`` (None: no status change, ``also`` and an event only), setting
    ``also`` and the ``status_fields``, with its event. UnknownMessage if there is none.

    With ``expect``: one conditional UPDATE if the message is still ``expect`` (and
    ``matching``). Otherwise, or when that finds it changed, under the row lock: ``locked`` (if
    given) sees the locked row first and may answer instead (having written what it must); then
    the move is applied to the row as it is (``move``: ignored if ``ALLOWED`` bars it), or for
    ``new`` None the write without a status change. ``only``: the columns to load under the lock
    (``save`` then writes just those).
    """
    if expect is not None:
        if new is None:
            done = _record_only(message_id=message_id, expect=expect, matching=matching,
                                also=also or {}, kind=kind, provider_status=provider_status,
                                detail=detail)
        else:
            done = can_move(expect, new) and move_if(
                message_id=message_id, current=expect, new=new, matching=matching, also=also,
                kind=kind, provider_status=provider_status, error_code=error_code, detail=detail)
        if done:
            return Applied(applied=True, status=new or expect)
    with transaction.atomic():
        rows = Message.objects.select_for_update(of=("self",)).filter(pk=message_id)
        message = (rows.only(*only) if only else rows.select_related("recipient")).first()
        if message is None:
            raise UnknownMessage(str(message_id))
        answer = locked(message) if locked is not None else None
        if answer is not None:
            return answer
        if new is None:
            record_locked(message, also=also or {}, kind=kind, provider_status=provider_status,
                          detail=detail)
            return Applied(applied=True, status=MessageStatus(message.status))
        for name, value in (also or {}).items():
            setattr(message, name, value)
        applied = move(message, new, kind=kind, provider_status=provider_status,
                       error_code=error_code, detail=detail)
        return Applied(applied=applied, status=MessageStatus(message.status))


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
    return advance(message_id=message_id, new=status, kind=kind, provider_status=provider_status,
                   error_code=error_code, detail=detail)
