"""Counter keys that hold no personal data: a keyed hash (``SECRET_KEY``) of a username or an
address, so the counter table names neither and the hash cannot be reversed by a dictionary.

>>> len(private_key("ip", "192.0.2.1")), private_key("ip", "x") == private_key("ip", "x")
(64, True)
>>> private_key("ip", "x") != private_key("username", "x")
True
"""

from __future__ import annotations

import hashlib
import hmac

from django.conf import settings


def private_key(kind: str, value: str) -> str:
    """The hex HMAC-SHA256 of ``kind:value`` under the project's secret key."""
    return hmac.new(settings.SECRET_KEY.encode(), f"{kind}:{value}".encode(),
                    hashlib.sha256).hexdigest()
