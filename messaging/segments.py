"""How many SMS segments a text costs, and in which encoding (GSM-7 or UCS-2).

A segment holds 160 GSM-7 characters (153 when the text is split) or 70 UCS-2 code units (67
when split). One character outside GSM-7 makes the whole text UCS-2. Characters in the GSM-7
extension table (``^{}\\[~]|€`` and form feed) take two septets.

>>> str(measure("Your leaflet: https://sp.example/l/abc").encoding)
'GSM-7'
>>> measure("x" * 161).segments
2
>>> str(measure("Ваш буклет").encoding), measure("Ваш буклет").segments
('UCS-2', 1)
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞ\x1bÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENSION = frozenset("\f^{}\\[~]|€")


class Encoding(StrEnum):
    GSM7 = "GSM-7"
    UCS2 = "UCS-2"


@dataclass(frozen=True)
class SmsSize:
    encoding: Encoding
    units: int  # septets for GSM-7, UTF-16 code units for UCS-2
    segments: int


def encoding_of(text: str) -> Encoding:
    allowed = GSM7_BASIC | GSM7_EXTENSION
    return Encoding.GSM7 if all(ch in allowed for ch in text) else Encoding.UCS2


def measure(text: str) -> SmsSize:
    """The encoding, length in units and segment count of one SMS text."""
    encoding = encoding_of(text)
    if encoding is Encoding.GSM7:
        units = sum(2 if ch in GSM7_EXTENSION else 1 for ch in text)
        single, multi = 160, 153
    else:
        units = len(text.encode("utf-16-le")) // 2
        single, multi = 70, 67
    segments = 1 if units <= single else -(-units // multi)
    return SmsSize(encoding=encoding, units=units, segments=max(segments, 1))
