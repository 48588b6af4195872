"""Encryption at rest of contact details, and the keyed index that finds them again.

Phone numbers and email addresses are stored as Fernet tokens (AES-128-CBC with HMAC-SHA256,
from the ``cryptography`` package). ``SIGNPOST_CONTACT_KEYS`` lists the keys, newest first: the
first encrypts, every one decrypts, so a new key can be put in front while rows written under the
old one are still read (``manage.py rotate_contact_key`` then re-encrypts them all).

Fernet tokens differ every time, so equality look-ups go through a second column: the hex
HMAC-SHA256 of the value under ``SIGNPOST_CONTACT_INDEX_KEY``.

>>> ring = KeyRing(keys=(new_key(),), index_key="k")
>>> token = ring.encrypt("+447700900123")
>>> token != "+447700900123", ring.decrypt(token)
(True, '+447700900123')
>>> ring.index("+447700900123") == ring.index("+447700900123"), len(ring.index("x"))
(True, 64)
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured


class UndecryptableContact(ValueError):
    """A stored contact detail that none of the configured keys decrypts."""


@dataclass(frozen=True)
class KeyRing:
    keys: tuple[str, ...]
    index_key: str

    def _fernet(self) -> MultiFernet:
        return _multi(self.keys)

    def encrypt(self, value: str) -> str:
        return self._fernet().encrypt(value.encode("utf-8")).decode("ascii")

    def decrypt(self, token: str) -> str:
        try:
            return self._fernet().decrypt(token.encode("ascii")).decode("utf-8")
        except (InvalidToken, UnicodeError):
            raise UndecryptableContact(
                "a stored contact detail cannot be decrypted with SIGNPOST_CONTACT_KEYS"
            ) from None

    def rotate(self, token: str) -> str:
        """The same value encrypted under the first (newest) key."""
        try:
            return self._fernet().rotate(token.encode("ascii")).decode("ascii")
        except (InvalidToken, UnicodeError):
            raise UndecryptableContact(
                "a stored contact detail cannot be decrypted with SIGNPOST_CONTACT_KEYS"
            ) from None

    def index(self, value: str) -> str:
        return hmac.new(self.index_key.encode("utf-8"), value.encode("utf-8"),
                        hashlib.sha256).hexdigest()


@lru_cache(maxsize=8)
def _multi(keys: tuple[str, ...]) -> MultiFernet:
    try:
        return MultiFernet([Fernet(key.encode("ascii")) for key in keys])
    except (ValueError, UnicodeError):
        raise ImproperlyConfigured(
            "SIGNPOST_CONTACT_KEYS must list Fernet keys (32 url-safe base64-encoded bytes each; "
            "`manage.py rotate_contact_key --new-key` prints one)"
        ) from None


def key_ring() -> KeyRing:
    """The keys from settings, read on each use (no work at import time)."""
    keys = tuple(key for key in settings.SIGNPOST_CONTACT_KEYS if key)
    if not keys:
        raise ImproperlyConfigured("SIGNPOST_CONTACT_KEYS is missing: contact details are "
                                   "encrypted at rest and need a key")
    if not settings.SIGNPOST_CONTACT_INDEX_KEY:
        raise ImproperlyConfigured("SIGNPOST_CONTACT_INDEX_KEY is missing")
    return KeyRing(keys=keys, index_key=settings.SIGNPOST_CONTACT_INDEX_KEY)


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


def contact_index(value: str) -> str:
    """The look-up index of a phone number or email address ('' for none)."""
    return key_ring().index(value) if value else ""
