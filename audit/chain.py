"""The hash chain: each event's hash covers its own fields and the hash of the event before.

Pure functions, no Django: ``event_hash`` is what ``record_event`` stores and what ``verify``
recomputes. Changing any field of any stored event, or removing or reordering events, breaks
the chain at that point.

The hash is an HMAC-SHA256 under a key that lives in the environment, never in the database
(``SIGNPOST_AUDIT_KEY``): whoever owns the database can delete an event, but cannot re-chain
the events after it so that they verify again. ``plain_hash`` is the unkeyed SHA-256 events
were chained with before the key; it is accepted only before the chain's "keyed" anchor.

>>> fields, key = {"a": 1}, b"k"
>>> event_hash(GENESIS, fields, key=key) == event_hash(GENESIS, {"a": 1}, key=key)
True
>>> event_hash(GENESIS, fields, key=key) == event_hash(GENESIS, {"a": 2}, key=key)
False
>>> event_hash(GENESIS, fields, key=key) == event_hash(GENESIS, fields, key=b"other")
False
>>> event_hash(GENESIS, fields, key=key) == plain_hash(GENESIS, fields)
False
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping

GENESIS = "0" * 64  # the "previous hash" of the first event


def canonical(fields: Mapping[str, object]) -> bytes:
    """A stable byte form of an event's fields: sorted keys, no spaces, UTF-8."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str).encode("utf-8")


def _message(previous: str, fields: Mapping[str, object]) -> bytes:
    return previous.encode("ascii") + b"\n" + canonical(fields)


def event_hash(previous: str, fields: Mapping[str, object], *, key: bytes) -> str:
    """HMAC-SHA256 under ``key`` of the previous hash and the canonical fields (64 hex)."""
    if not key:
        raise ValueError("the audit chain needs a key (SIGNPOST_AUDIT_KEY)")
    return hmac.new(key, _message(previous, fields), hashlib.sha256).hexdigest()


def plain_hash(previous: str, fields: Mapping[str, object]) -> str:
    """The unkeyed SHA-256 of events written before the chain was keyed."""
    return hashlib.sha256(_message(previous, fields)).hexdigest()
