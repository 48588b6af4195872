"""The hash chain: each event's hash covers its own fields and the hash of the event before.

Pure functions, no Django: ``event_hash`` is what ``record_event`` stores and what ``verify``
recomputes. Changing any field of any stored event, or removing or reordering events, breaks
the chain at that point.

>>> fields = {"a": 1}
>>> event_hash(GENESIS, fields) == event_hash(GENESIS, {"a": 1})
True
>>> event_hash(GENESIS, fields) == event_hash(GENESIS, {"a": 2})
False
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping

GENESIS = "0" * 64  # the "previous hash" of the first event


def canonical(fields: Mapping[str, object]) -> bytes:
    """A stable byte form of an event's fields: sorted keys, no spaces, UTF-8."""
    return json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False,
                      default=str).encode("utf-8")


def event_hash(previous: str, fields: Mapping[str, object]) -> str:
    """SHA-256 over the previous hash and the canonical fields, as 64 hex digits."""
    digest = hashlib.sha256()
    digest.update(previous.encode("ascii"))
    digest.update(b"\n")
    digest.update(canonical(fields))
    return digest.hexdigest()
