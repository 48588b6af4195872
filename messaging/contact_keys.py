"""Key rotation for the contact details encrypted at rest (docs/security.md, "Key rotation").

Put the new key first in ``SIGNPOST_CONTACT_KEYS`` (keeping the old one after it), restart, run
``manage.py rotate_contact_key``; when it reports every row done, drop the old key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import transaction

from messaging.crypto import key_ring
from messaging.models import InboundMessage, Recipient

BATCH = 500

# Other apps store values encrypted under the same keys. Each registers its own rotation (from its
# AppConfig.ready()) so that one command re-encrypts everything while the gateway imports none of
# them: the name says what was rewritten, the function rewrites it and returns how many rows.
_ROTATIONS: dict[str, Callable[[], int]] = {}


def register_rotation(what: str, rotate: Callable[[], int]) -> None:
    """Register (or replace) the rotation of the values named ``what`` (plural noun phrase)."""
    _ROTATIONS[what] = rotate


def registered_rotations() -> list[tuple[str, Callable[[], int]]]:
    return list(_ROTATIONS.items())


@dataclass(frozen=True)
class RotationReport:
    recipients: int  # rows looked at
    reencrypted: int  # phone and email values written again under the newest key
    reindexed: int  # rows whose look-up index changed (SIGNPOST_CONTACT_INDEX_KEY was changed)


def rotate_contact_keys(*, batch: int = BATCH) -> RotationReport:
    """Re-encrypt every contact detail under the newest key and recompute the indexes.

    Safe to run while the service runs and to run again: each row is rewritten under its lock.
    """
    key_ring()  # a missing or bad key fails here, before any row is touched
    seen = values = reindexed = 0
    last = 0
    while True:
        ids = list(Recipient.objects.filter(pk__gt=last).order_by("pk")
                   .values_list("pk", flat=True)[:batch])
        if not ids:
            break
        last = ids[-1]
        with transaction.atomic():
            for recipient in Recipient.objects.select_for_update().filter(pk__in=ids):
                seen += 1
                before = (recipient.phone_index, recipient.email_index)
                values += bool(recipient.phone) + bool(recipient.email)
                # save() encrypts again (under the first key) and recomputes the indexes.
                recipient.save(update_fields=["phone", "email"])
                reindexed += (recipient.phone_index, recipient.email_index) != before
    return RotationReport(recipients=seen, reencrypted=values, reindexed=reindexed)


def rotate_inbound_bodies(*, batch: int = BATCH) -> int:
    """Write every stored inbound body again under the newest key; how many bodies."""
    key_ring()
    rewritten = 0
    last = 0
    while True:
        ids = list(InboundMessage.objects.filter(pk__gt=last).exclude(body="").order_by("pk")
                   .values_list("pk", flat=True)[:batch])
        if not ids:
            return rewritten
        last = ids[-1]
        with transaction.atomic():
            for inbound in InboundMessage.objects.select_for_update().filter(pk__in=ids):
                inbound.save(update_fields=["body"])  # encrypted again under the first key
                rewritten += 1
