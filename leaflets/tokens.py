"""Link tokens: 128 random bits, URL-safe, and the hash that is all the database keeps.

>>> token = new_token()
>>> len(token), is_well_formed(token), len(hash_token(token))
(22, True, 64)
>>> is_well_formed("../etc/passwd")
False
"""

from __future__ import annotations

import hashlib
import re
import secrets

TOKEN_BYTES = 16  # 128 bits
TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{22}")


def new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def hash_token(token: str) -> str:
    """SHA-256 of the token, hex. A 128-bit random token needs no slow hash or salt."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def is_well_formed(token: str) -> bool:
    return TOKEN_RE.fullmatch(token) is not None
