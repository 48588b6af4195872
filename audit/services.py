"""Write and verify the audit log. Every view of a victim's contact details or referral, every
export, change and erasure calls ``record_event`` in the same transaction as the act itself.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from itertools import pairwise

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import IntegrityError, transaction
from django.utils import timezone

from audit.chain import GENESIS, event_hash, plain_hash
from audit.keys import key_id, keys_by_id, signing_key
from audit.models import AuditEvent

MAX_ATTEMPTS = 5  # another writer took the same predecessor: read the new head and retry
VERIFY_BATCH = 2000
KEYED_ANCHOR = "audit-keyed"  # the event from which on every event must carry the keyed hash
# The event from which on events are signed by a new key (``detail``: its id and the id of the
# key before it), itself signed by the new key and covering the last hash the old key signed.
KEY_ROTATED = "audit-key-rotated"


def _key() -> bytes:
    return signing_key()


def _head_hash() -> str:
    last = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
    return last or GENESIS


def _head_signed_by_a_previous_key() -> str | None:
    """The id of the previous key the newest event was signed by, when it was not signed by
    ``SIGNPOST_AUDIT_KEY`` (the key was rotated since): the next event must be a rotation
    anchor. None when the head is the signing key's, or no configured key's at all."""
    head = AuditEvent.objects.order_by("-id").first()
    if head is None:
        return None
    fields = head.chained_fields()
    current = _key()
    if head.hash == event_hash(head.previous_hash, fields, key=current):
        return None
    for found_id, key in keys_by_id().items():
        if key != current and head.hash == event_hash(head.previous_hash, fields, key=key):
            return found_id
    return None


def _append(event: AuditEvent) -> AuditEvent:
    """Write ``event`` after the head, in the caller's transaction (retried on a race)."""
    event.pk = None
    event._state.adding = True
    event.previous_hash = _head_hash()
    event.hash = event_hash(event.previous_hash, event.chained_fields(), key=_key())
    event.save(force_insert=True)
    return event


def _rotation_anchor(previous_key_id: str) -> AuditEvent:
    return AuditEvent(at=timezone.now(), role="system", action=KEY_ROTATED,
                      object_type="audit", detail={"key_id": key_id(_key()),
                                                   "previous_key_id": previous_key_id})


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
                # The first event after the key changed: the anchor goes before it.
                rotated_from = _head_signed_by_a_previous_key()
                if rotated_from is not None:
                    _append(_rotation_anchor(rotated_from))
                return _append(event)
        except IntegrityError:
            if attempt == MAX_ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")  # pragma: no cover


def anchor_key_rotation() -> AuditEvent | None:
    """After ``SIGNPOST_AUDIT_KEY`` was changed (the old key moved to
    ``SIGNPOST_AUDIT_PREVIOUS_KEYS``): append the anchor from which the new key signs, unless
    the head is already the new key's. ``record_event`` does the same before its first event,
    so this only closes the window in which the log is quiet (``manage.py rotate_audit_key``)."""
    for attempt in range(MAX_ATTEMPTS):
        try:
            with transaction.atomic():
                rotated_from = _head_signed_by_a_previous_key()
                if rotated_from is None:
                    return None
                return _append(_rotation_anchor(rotated_from))
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


def _hash_matches(event: AuditEvent, previous: str, *, key: bytes, keyed: bool) -> bool:
    fields = event.chained_fields()
    if event.hash == event_hash(previous, fields, key=key):
        return True
    return not keyed and event.hash == plain_hash(previous, fields)


@dataclass(frozen=True)
class _Rotation:
    at_id: int
    key_id: str
    previous_key_id: str


def _rotations() -> list[_Rotation]:
    found = []
    for pk, detail in (AuditEvent.objects.filter(action=KEY_ROTATED).order_by("id")
                       .values_list("id", "detail")):
        detail = detail if isinstance(detail, dict) else {}
        found.append(_Rotation(pk, str(detail.get("key_id", "")),
                               str(detail.get("previous_key_id", ""))))
    return found


def _misplaced_rotation(rotations: list[_Rotation]) -> int | None:
    """The first anchor out of order: each must name as previous the key of the events before
    it, and the last one the signing key, so an old key (perhaps leaked) signs nothing after
    the anchor that retired it."""
    for before, after in pairwise(rotations):
        if after.previous_key_id != before.key_id:
            return after.at_id
    if rotations and rotations[-1].key_id != key_id(_key()):
        return rotations[-1].at_id
    return None


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
    written before the keyed anchor, so a log re-chained without the key fails. Events before a
    key rotation's anchor are checked under the previous key the anchor names (kept in
    ``SIGNPOST_AUDIT_PREVIOUS_KEYS``); the anchor, signed by the new key, covers the last of
    them. (Removing the newest events leaves a shorter valid chain: compare the count and head
    with a copy kept elsewhere to catch that.)"""
    previous: str | None = None
    checked = 0
    keyed_from = _keyed_from()
    rotations = _rotations()
    misplaced = _misplaced_rotation(rotations)
    if misplaced is not None:
        return ChainReport(False, 0, misplaced,
                           "a key rotation that does not follow the one before it, or the last "
                           "rotation is not to SIGNPOST_AUDIT_KEY")
    # The oldest events are the first anchor's previous key's (all of them the signing key's
    # when the key was never rotated); each anchor starts its new key's events.
    segment_key_id = rotations[0].previous_key_id if rotations else key_id(_key())
    starts = {rotation.at_id: rotation.key_id for rotation in rotations}
    keys = keys_by_id()
    for event in _events():
        segment_key_id = starts.get(event.pk, segment_key_id)
        if previous is None and event.previous_hash != GENESIS:
            if event.previous_hash not in _purge_anchors():
                return ChainReport(False, checked, event.pk,
                                   "does not start the chain, and no purge explains the gap")
            previous = event.previous_hash
        previous = previous or GENESIS
        if event.previous_hash != previous:
            return ChainReport(False, checked, event.pk,
                               "does not follow the event before it (one removed or reordered)")
        key = keys.get(segment_key_id)
        if key is None:
            return ChainReport(False, checked, event.pk,
                               "signed by a previous key that is not configured "
                               "(SIGNPOST_AUDIT_PREVIOUS_KEYS)")
        if not _hash_matches(event, previous, key=key, keyed=event.pk >= keyed_from):
            return ChainReport(False, checked, event.pk,
                               "its contents were changed, or it was chained without the key")
        previous = event.hash
        checked += 1
    return ChainReport(True, checked)
