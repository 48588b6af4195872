"""The audit chain's keys: the one that signs (``SIGNPOST_AUDIT_KEY``) and the earlier ones kept
to verify the events they signed (``SIGNPOST_AUDIT_PREVIOUS_KEYS``), each known in the log only
by its id, a fingerprint that does not reveal it.

>>> key_id(b"k") == key_id(b"k") != key_id(b"other")
True
>>> len(key_id(b"k"))
16
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def key_id(key: bytes) -> str:
    """A short fingerprint naming ``key`` in the log (an HMAC of a fixed label under it)."""
    return hmac.new(key, b"signpost audit key id", hashlib.sha256).hexdigest()[:16]


def signing_key() -> bytes:
    return str(settings.SIGNPOST_AUDIT_KEY).encode()


def previous_keys() -> list[bytes]:
    return [str(key).encode() for key in getattr(settings, "SIGNPOST_AUDIT_PREVIOUS_KEYS", [])
            if str(key)]


def keys_by_id() -> dict[str, bytes]:
    """Every configured key by its id: the signing key and the previous ones."""
    return {key_id(key): key for key in [*previous_keys(), signing_key()] if key}
