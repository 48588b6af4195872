"""Text from providers, made safe to store: PostgreSQL's text columns cannot hold NUL (U+0000).

>>> storable("hel\\x00lo")
'hello'
"""

from __future__ import annotations


def storable(text: str) -> str:
    """The text without NUL characters (everything else, control characters included, is kept)."""
    return text.replace("\x00", "")
