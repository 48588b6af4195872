"""One relay task per conversation: the per-sender queue of texts waiting for the assistant.

A received text is stored, and its conversation gets a relay task only when it has none (its
``RelayTurn`` row). That task relays a few of the conversation's waiting texts (urgent ones
first, then oldest first), then, while more wait, queues the conversation again at the back of
the queue. So a number that floods holds at most one worker slot at a time, and conversations
with texts waiting take turns in the order they were queued: another victim's text waits for
one turn of each busy conversation, never for a whole flood.

Nothing is left waiting without a task:

- every arrival writes the conversation's turn row (creating it if missing) in the transaction
  that stores the text; the ending task locks the row, looks for waiting texts and deletes the
  row only when there are none. An arrival that wrote first is seen by that look; one that
  writes after finds no row and makes a new one, with a new task. (PostgreSQL: the row lock;
  SQLite: writing transactions are serialised, ``transaction_mode`` IMMEDIATE.)
- a task that was lost (its worker killed mid-relay, the queue down when it was queued) leaves
  its row overdue or running without a heartbeat; the sweep gives it a new task (``recover``).
- only the task carrying the row's ``token`` runs the conversation: a task that was replaced
  (by the sweep, or by an urgent text jumping the queue) finds a different token and does
  nothing.
"""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone

from messaging import queue
from messaging.models import InboundMessage, RelayTurn
from messaging.queue import RelayDispatch
from messaging.statuses import Channel, InboundStatus

PENDING = (InboundStatus.RECEIVED.value, InboundStatus.RELAY_FAILED.value)
BATCH = 500


def _waiting(recipient_id: int) -> QuerySet[InboundMessage]:
    """The conversation's texts still to be relayed: not yet handled, or failed with attempts
    left."""
    return InboundMessage.objects.filter(
        recipient_id=recipient_id, channel=Channel.SMS.value, status__in=PENDING,
        relay_attempts__lt=settings.SIGNPOST_RELAY_MAX_ATTEMPTS,
    )


def next_texts(*, recipient_id: int, limit: int) -> list[int]:
    """The texts this turn relays: urgent ones first (a danger text never waits behind the
    sender's other texts), then oldest first."""
    return list(_waiting(recipient_id).order_by("-urgent", "pk").values_list("pk", flat=True)
                [:limit])


def _dispatch(turn: RelayTurn, delay: float | None = None) -> None:
    queue.relay_after_commit(RelayDispatch(recipient_id=turn.pk, token=str(turn.token),
                                           urgent=turn.urgent, delay=delay))


def arrived(*, recipient_id: int, urgent: bool) -> None:
    """A text of this conversation was stored (call in the same transaction): make sure the
    conversation has a relay task, queued once the text is committed."""
    now = timezone.now()
    touched = RelayTurn.objects.filter(pk=recipient_id).update(arrivals=F("arrivals") + 1)
    if not touched:
        try:
            with transaction.atomic():
                turn = RelayTurn.objects.create(recipient_id=recipient_id, urgent=urgent,
                                                due_at=now)
        except IntegrityError:
            # Another arrival created it meanwhile and has committed (the insert waited for
            # it): this text joins that turn, as when the row was there already.
            RelayTurn.objects.filter(pk=recipient_id).update(arrivals=F("arrivals") + 1)
        else:
            _dispatch(turn)
            return
    # The conversation has a task. Replace it when it is only waiting: for a retry (a new text
    # brings the failed ones along now, as the victim is texting again) or, for an urgent
    # text, at normal priority behind other conversations.
    idle = Q(due_at__gt=now) | Q(urgent=False) if urgent else Q(due_at__gt=now)
    changes: dict[str, object] = {"token": uuid.uuid4(), "due_at": now}
    if urgent:
        changes["urgent"] = True
    replaced = (RelayTurn.objects.filter(idle, pk=recipient_id, running_since__isnull=True)
                .update(**changes))
    if replaced:
        _dispatch(RelayTurn.objects.get(pk=recipient_id))


def claim(*, recipient_id: int, token: str) -> bool:
    """Start the conversation's turn; False when this task was replaced by another."""
    return bool(RelayTurn.objects.filter(pk=recipient_id, token=token)
                .update(running_since=timezone.now()))


def heartbeat(*, recipient_id: int, token: str) -> None:
    """Still running: the sweep leaves a turn alone while its heartbeat is recent."""
    RelayTurn.objects.filter(pk=recipient_id, token=token).update(running_since=timezone.now())


def end(*, recipient_id: int, token: str, retry_in: float | None,
        pause_s: float | None = None) -> None:
    """End the turn: the conversation leaves the queue when nothing of it waits, else it is
    queued again at the back: after ``retry_in`` seconds when the assistant failed and no new
    text came meanwhile; after ``pause_s`` whatever waits."""
    with transaction.atomic():
        turn = RelayTurn.objects.select_for_update().filter(pk=recipient_id, token=token).first()
        if turn is None:
            return  # replaced: the new task carries on
        waiting = _waiting(recipient_id)
        if not waiting.exists():
            turn.delete()
            return
        fresh = waiting.filter(status=InboundStatus.RECEIVED.value).exists()
        delay = pause_s or (None if fresh else retry_in)
        turn.token = uuid.uuid4()
        turn.urgent = waiting.filter(urgent=True).exists()
        turn.due_at = timezone.now() + timedelta(seconds=delay or 0)
        turn.running_since = None
        turn.save(update_fields=["token", "urgent", "due_at", "running_since"])
        _dispatch(turn, delay)


def recover(*, stuck: datetime) -> int:
    """The sweep's part: conversations whose task was lost get a new one; the number queued.

    Lost: queued (or due after a retry) longer ago than the stuck window, or running with no
    heartbeat for that long (its worker died mid-relay: its texts are still ``received``).
    Texts waiting with no turn at all (stored before turns were kept) get one too.
    """
    lost = Q(running_since__isnull=True, due_at__lt=stuck) | Q(running_since__lt=stuck)
    count = 0
    for recipient_id in list(RelayTurn.objects.filter(lost).values_list("pk", flat=True)[:BATCH]):
        with transaction.atomic():
            turn = RelayTurn.objects.select_for_update().filter(lost, pk=recipient_id).first()
            if turn is None:
                continue
            turn.token = uuid.uuid4()
            turn.due_at = timezone.now()
            turn.running_since = None
            turn.save(update_fields=["token", "due_at", "running_since"])
            _dispatch(turn)
            count += 1
    orphans = (InboundMessage.objects.filter(
        channel=Channel.SMS.value, status__in=PENDING, received_at__lt=stuck,
        recipient__isnull=False, recipient__relay_turn__isnull=True,
        relay_attempts__lt=settings.SIGNPOST_RELAY_MAX_ATTEMPTS,
    ).values_list("recipient_id", flat=True).distinct()[:BATCH])
    for recipient_id in list(orphans):
        with transaction.atomic():
            arrived(recipient_id=recipient_id, urgent=False)
        count += 1
    return count
