"""Write and verify the audit log. Every view of a victim's contact details or referral, every
export, change and erasure calls ``record_event`` in the same transaction as the act itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.chain import GENESIS, event_hash, plain_hash
from audit.models import AuditEvent

MAX_ATTEMPTS = 5  # another writer took the same predecessor: read the new head and retry
VERIFY_BATCH = 2000
KEYED_ANCHOR = "audit-keyed"  # the event from which on every event must carry the keyed hash


def _key() -> bytes:
    return str(settings.SIGNPOST_AUDIT_KEY).encode()


def _head_hash() -> str:
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS


def record_event(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    role: str,
    action: str,
    object_type: str,
    object_id: str | int = "",
    reason: str = "",
    detail: Mapping[str, object] | None = None,
    at: datetime | None = None,
) -> AuditEvent:
    """Append one event to the chain and return it.

    ``actor`` is the logged-in user, or None for the system or the victim (say which in
    ``role``). ``detail`` holds codes and ids only — never a name, number, address or message.
    """
    user_id = actor.pk if actor is not None and actor.is_authenticated else None
    event = AuditEvent(
        at=at or timezone.now(),
        actor_id=user_id,
        actor_username=actor.get_username() if user_id is not None and actor else "",
        role=role[:20],
        action=action[:40],
        object_type=object_type[:60],
        object_id=str(object_id)[:64],
        reason=reason[:500],
        detail=dict(detail or {}),
    )
    for attempt in range(MAX_ATTEMPTS):
        try:
            with transaction.atomic():
                event.pk = None
                event._state.adding = True
                event.previous_hash = _head_hash()
                event.hash = event_hash(event.previous_hash, event.chained_fields(), key=_key())
                event.save(force_insert=True)
                return event
        except IntegrityError:
            if attempt == MAX_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


@dataclass(frozen=True)
class ChainReport:
    ok: bool
    checked: int
    broken_at: int | None = None  # id of the first event that does not verify
    problem: str = ""


def _events() -> Iterator[AuditEvent]:
    last_id = 0
    while True:
        batch = list(AuditEvent.objects.filter(id__gt=last_id).order_by("id")[:VERIFY_BATCH])
        if not batch:
            return
        yield from batch
        last_id = batch[-1].pk


def _purge_anchors() -> set[str]:
    """Hashes the chain may start after: the last event deleted by each retention purge."""
    details = (AuditEvent.objects.filter(action="retention-purge")
               .values_list("detail", flat=True))
    return {str(detail.get("last_deleted_hash", "")) for detail in details
            if isinstance(detail, dict)}


def _keyed_from() -> int:
    """The id from which events must carry the keyed hash: the anchor written when a chain of
    unkeyed events was first keyed, or the start (every event, when there is no anchor)."""
    anchor = (AuditEvent.objects.filter(action=KEYED_ANCHOR).order_by("id")
              .values_list("id", flat=True).first())
    return anchor or 0


def _hash_matches(event: AuditEvent, previous: str, *, keyed: bool) -> bool:
    fields = event.chained_fields()
    if event.hash == event_hash(previous, fields, key=_key()):
        return True
    return not keyed and event.hash == plain_hash(previous, fields)


def anchor_keyed_chain() -> AuditEvent | None:
    """Mark the point from which the chain is keyed, when unkeyed events exist (run once on
    upgrade, by migration): verification accepts the plain hash only before this event, and
    the event itself, keyed, covers the last unkeyed hash."""
    if not AuditEvent.objects.exists() or AuditEvent.objects.filter(action=KEYED_ANCHOR).exists():
        return None
    return record_event(actor=None, role="system", action=KEYED_ANCHOR, object_type="audit",
                        detail={"unkeyed_head": _head_hash()})


def verify_chain() -> ChainReport:
    """Recompute every hash in order; report the first event that was changed, removed or
    inserted out of order. The chain starts at the genesis hash, or right after events a
    recorded retention purge deleted. Every hash is keyed (``SIGNPOST_AUDIT_KEY``) except those
    written before the keyed anchor, so a log re-chained without the key fails. (Removing the
    newest events leaves a shorter valid chain: compare the count and head with a copy kept
    elsewhere to catch that.)"""
    previous: str | None = None
    checked = 0
    keyed_from = _keyed_from()
    for event in _events():
        if previous is None and event.previous_hash != GENESIS:
            if event.previous_hash not in _purge_anchors():
                return ChainReport(False, checked, event.pk,
                                   "does not start the chain, and no purge explains the gap")
            previous = event.previous_hash
        previous = previous or GENESIS
        if event.previous_hash != previous:
            return ChainReport(False, checked, event.pk,
                               "does not follow the event before it (one removed or reordered)")
        if not _hash_matches(event, previous, keyed=event.pk >= keyed_from):
            return ChainReport(False, checked, event.pk,
                               "its contents were changed, or it was chained without the key")
        previous = event.hash
        checked += 1
    return ChainReport(True, checked)
