"""How many SMS segments a body takes: GSM-7 (160, or 153 per part) or UCS-2 (70, or 67).

>>> count_segments("Hello")
1
>>> count_segments("a" * 161)
2
>>> count_segments("€" * 80)  # each € costs two GSM-7 septets
1
>>> count_segments("Привет")  # one non-GSM character makes the whole message UCS-2
1
>>> count_segments("П" * 71)
2
"""

from __future__ import annotations

from enum import StrEnum

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")

GSM7_SINGLE, GSM7_PART = 160, 153
UCS2_SINGLE, UCS2_PART = 70, 67


class Encoding(StrEnum):
    GSM7 = "GSM-7"
    UCS2 = "UCS-2"


def encoding_for(body: str) -> Encoding:
    if all(ch in GSM7_BASIC or ch in GSM7_EXTENSION for ch in body):
        return Encoding.GSM7
    return Encoding.UCS2


def _units(body: str, encoding: Encoding) -> list[int]:
    """The cost of each character: GSM-7 septets, or UTF-16 code units."""
    if encoding is Encoding.GSM7:
        return [2 if ch in GSM7_EXTENSION else 1 for ch in body]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in body]


def count_segments(body: str) -> int:
    """Segments needed for ``body``; a character is never split across two segments."""
    if not body:
        return 0
    encoding = encoding_for(body)
    units = _units(body, encoding)
    single, part = (
        (GSM7_SINGLE, GSM7_PART) if encoding is Encoding.GSM7 else (UCS2_SINGLE, UCS2_PART)
    )
    if sum(units) <= single:
        return 1
    segments, used = 1, 0
    for cost in units:
        if used + cost > part:
            segments += 1
            used = 0
        used += cost
    return segments
