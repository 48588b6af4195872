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


# The typeable code under a QR: 8 characters from 30 that cannot be mistaken for each other
# (no 0/O, 1/I/L, and no U), read case-insensitively; 30**8 = 6.6e11 codes (39 bits). Guessing
# is slowed by the same per-client limit as tokens (leaflets.ratelimit); docs/leaflet.md has
# the sums.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
CODE_RE = re.compile(rf"[{CODE_ALPHABET}]{{{CODE_LENGTH}}}")


def new_code() -> str:
    """A fresh code, 8 characters, upper case, no separator.

    >>> code = new_code()
    >>> len(code), set(code) <= set(CODE_ALPHABET)
    (8, True)
    """
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What a person typed, as a code: upper case, without spaces or dashes ("" if it is not
    one).

    >>> normalise_code(" k7qm-x4rd "), normalise_code("K7QMX4RD"), normalise_code("K7QM-X4R0")
    ('K7QMX4RD', 'K7QMX4RD', '')
    """
    value = re.sub(r"[\s-]", "", typed).upper()
    return value if CODE_RE.fullmatch(value) else ""


def grouped(code: str) -> str:
    """The code as shown: two groups of four.

    >>> grouped("K7QMX4RD")
    'K7QM-X4RD'
    """
    return f"{code[:4]}-{code[4:]}"


def hash_code(code: str) -> str:
    """SHA-256 of the normalised code, hex (its own prefix, so it never equals a token's)."""
    return hashlib.sha256(b"code:" + normalise_code(code).encode("ascii")).hexdigest()
