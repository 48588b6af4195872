"""The worker's two writes per send, each through ``transitions.advance``: one conditional UPDATE
plus its event when the message is as the worker read it, else the same write under the row lock.

``claim`` moves a message ``queued`` → ``sending`` only if it is still exactly as the worker
read it (queued, no provider reference, the same attempt count) and its recipient has not opted
out of the channel; under the lock, a message found opted out is closed instead, and one that
moved on is left alone. ``record_accepted`` stores the provider's acceptance for the attempt the
message holds; under the lock (a status callback came first) the acceptance is stored without
moving the status back. The database applies each UPDATE to one row version at a time
(PostgreSQL re-checks the WHERE clause after waiting for a concurrent writer; SQLite has one
writer), so two workers can never both claim one message: exactly one provider send.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from messaging import optouts
from messaging.models import Message, OptOut
from messaging.results import SendAccepted
from messaging.statuses import Channel, MessageStatus
from messaging.transitions import Applied, advance, move, record_locked

ACCEPTED = "accepted by the provider"
OPTED_OUT = "not sent: the recipient has opted out of this channel"


def attempt_fields(message: Message) -> dict[str, Any]:
    """What a claim writes besides the status: the attempt counted, and when the first was."""
    return {"attempts": message.attempts + 1,
            "first_attempt_at": message.first_attempt_at or timezone.now(),
            "next_attempt_at": None}


def claim_locked(message: Message) -> bool:
    """Lock held. Claim ``message`` (updated in memory); False, and the message closed if its
    recipient opted out, when it must not be sent now."""
    if message.status != MessageStatus.QUEUED or message.provider_ref:
        return False
    if not message.is_opt_out_confirmation and optouts.is_opted_out(
        recipient=message.recipient, channel=Channel(message.channel)
    ):
        move(message, MessageStatus.PERMANENT_FAILURE, detail=OPTED_OUT)
        return False
    for name, value in attempt_fields(message).items():
        setattr(message, name, value)
    move(message, MessageStatus.SENDING, kind="attempt", detail=f"attempt {message.attempts}")
    return True


def claim(message: Message, *, after_attempt: int | None = None) -> bool:
    """Claim ``message`` (read without a lock, status ``queued``); on success it is updated in
    memory as well. False when it must not be sent: it moved on meanwhile, a task queued after
    attempt ``after_attempt`` finds more made (stale), or its recipient opted out (then closed)."""
    unchanged = Q(provider_ref="", attempts=message.attempts)
    if not message.is_opt_out_confirmation:
        unchanged &= ~Q(Exists(OptOut.objects.filter(
            recipient_id=OuterRef("recipient_id"), channel=OuterRef("channel"),
            ended_at__isnull=True)))
    fields = attempt_fields(message)
    locked_row: list[Message] = []

    def under_lock(row: Message) -> Applied:
        claimed = not (after_attempt is not None and row.attempts != after_attempt) and (
            claim_locked(row))
        if claimed:
            locked_row.append(row)
        return Applied(applied=claimed, status=MessageStatus(row.status))

    done = advance(message_id=message.pk, new=MessageStatus.SENDING, expect=MessageStatus.QUEUED,
                   matching=unchanged, also=fields, kind="attempt",
                   detail=f"attempt {fields['attempts']}", locked=under_lock)
    if not done.applied:
        return False
    if locked_row:
        fields = {name: getattr(locked_row[0], name)
                  for name in (*fields, "check_provider_first", "provider_status")}
    for name, value in {"status": MessageStatus.SENDING.value, **fields}.items():
        setattr(message, name, value)
    return True


def record_accepted(*, message: Message, result: SendAccepted) -> None:
    """Store an acceptance for the attempt ``message`` holds (it is ``sending`` in memory). A
    status callback that came first keeps its status; the acceptance is recorded beside it."""
    stored = {"provider_ref": result.provider_ref[:100], "encoding": result.encoding,
              "segments": result.segments, "check_provider_first": False}
    # The provider queued it: no status change. Sent (an email relay took it): a move.
    new = None if result.status is MessageStatus.SENDING else result.status

    def under_lock(row: Message) -> Applied | None:
        if row.status == MessageStatus.SENDING:
            return None  # as advance does it: the move, or the acceptance alone
        record_locked(row, also=stored, kind="accepted", provider_status=result.provider_status,
                      detail=ACCEPTED)
        return Applied(applied=False, status=MessageStatus(row.status))

    advance(message_id=message.pk, new=new, expect=MessageStatus.SENDING,
            matching=Q(attempts=message.attempts), also=stored, kind="accepted",
            provider_status=result.provider_status, detail=ACCEPTED, locked=under_lock)
