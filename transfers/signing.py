"""The webhook signature: HMAC-SHA256 over "<timestamp>.<body>" with the service's secret.

Header: ``X-Signpost-Signature: t=<unix seconds>,v1=<hex>``. A receiver recomputes it, compares
in constant time, and refuses a timestamp older than five minutes (replays).

>>> header = sign(secret="s3cret", timestamp=1700000000, body=b'{"a":1}')
>>> header.startswith("t=1700000000,v1=")
True
>>> verify(secret="s3cret", header=header, body=b'{"a":1}', now=1700000100)
True
>>> verify(secret="s3cret", header=header, body=b'{"a":2}', now=1700000100)
False
>>> verify(secret="s3cret", header=header, body=b'{"a":1}', now=1700001000)
False
"""

from __future__ import annotations

import hashlib
import hmac

HEADER = "X-Signpost-Signature"
TOLERANCE_S = 300


def _digest(secret: str, timestamp: int, body: bytes) -> str:
    signed = str(timestamp).encode("ascii") + b"." + body
    return hmac.new(secret.encode("utf-8"), signed, hashlib.sha256).hexdigest()


def sign(*, secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={_digest(secret, timestamp, body)}"


def verify(*, secret: str, header: str, body: bytes, now: int,
           tolerance_s: int = TOLERANCE_S) -> bool:
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    if abs(now - timestamp) > tolerance_s:
        return False
    return hmac.compare_digest(parts.get("v1", ""), _digest(secret, timestamp, body))
