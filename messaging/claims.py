"""The worker's two writes per send, each one conditional UPDATE plus its event, no row lock.

``claim`` moves a message ``queued`` → ``sending`` only if it is still exactly as the worker
read it (queued, no provider reference, the same attempt count) and its recipient has not opted
out of the channel; ``record_accepted`` stores the provider's acceptance only if the message is
still ``sending`` from that same attempt. The database applies each UPDATE to one row version
at a time (PostgreSQL re-checks the WHERE clause after waiting for a concurrent writer; SQLite
has one writer), so two workers can never both claim one message: exactly one provider send.

Either returns False when its condition did not hold; the caller then takes the locked path in
``messaging.sending``, which handles every other case (an opt-out to close, a report that came
first) exactly as before.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Case, Exists, F, OuterRef, Q, Value, When
from django.utils import timezone

from messaging.models import DeliveryEvent, Message, OptOut
from messaging.results import SendAccepted
from messaging.statuses import MessageStatus, can_move
from messaging.transitions import move_if

ACCEPTED = "accepted by the provider"


def claim(message: Message) -> bool:
    """Claim ``message`` (read without a lock, status ``queued``); on success it is updated in
    memory as well. False: it changed meanwhile, or its recipient opted out (locked path)."""
    now = timezone.now()
    attempt = message.attempts + 1
    first_attempt_at = message.first_attempt_at or now
    unchanged = Q(provider_ref="", attempts=message.attempts)
    if not message.is_opt_out_confirmation:
        unchanged &= ~Q(Exists(OptOut.objects.filter(
            recipient_id=OuterRef("recipient_id"), channel=OuterRef("channel"),
            ended_at__isnull=True)))
    if not move_if(message_id=message.pk, current=MessageStatus.QUEUED,
                   new=MessageStatus.SENDING, matching=unchanged, kind="attempt",
                   detail=f"attempt {attempt}",
                   also={"attempts": attempt, "first_attempt_at": first_attempt_at,
                         "next_attempt_at": None}):
        return False
    message.status = MessageStatus.SENDING.value
    message.attempts = attempt
    message.first_attempt_at = first_attempt_at
    message.next_attempt_at = None
    return True


def record_accepted(*, message: Message, result: SendAccepted) -> bool:
    """Store an acceptance for the attempt ``message`` holds (it is ``sending`` in memory).
    False: the message moved on meanwhile (a status callback came first: locked path)."""
    stored = {"provider_ref": result.provider_ref[:100], "encoding": result.encoding,
              "segments": result.segments, "check_provider_first": False}
    same_attempt = Q(attempts=message.attempts)
    if result.status is not MessageStatus.SENDING:  # e.g. sent: an email relay took it
        return can_move(MessageStatus.SENDING, result.status) and move_if(
            message_id=message.pk, current=MessageStatus.SENDING, new=result.status,
            matching=same_attempt, also=stored, kind="accepted",
            provider_status=result.provider_status, detail=ACCEPTED)
    # The provider queued it: no status change, as in sending._record_accepted.
    provider_status = result.provider_status[:40]
    with transaction.atomic():
        if not Message.objects.filter(same_attempt, pk=message.pk,
                                      status=MessageStatus.SENDING.value).update(
                provider_status=Case(When(provider_status="", then=Value(provider_status)),
                                     default=F("provider_status")),
                updated_at=timezone.now(), **stored):
            return False
        DeliveryEvent.objects.create(message_id=message.pk, kind="accepted",
                                     status=MessageStatus.SENDING.value,
                                     previous_status=MessageStatus.SENDING.value,
                                     provider_status=provider_status, detail=ACCEPTED)
    return True
