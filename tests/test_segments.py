from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from messaging.segments import Encoding, measure


def test_boundaries() -> None:
    assert measure("a" * 160).segments == 1
    assert measure("a" * 161).segments == 2
    assert measure("a" * 306).segments == 2
    assert measure("a" * 307).segments == 3
    assert measure("€" * 80).segments == 1  # two septets each
    assert measure("€" * 81).segments == 2
    assert measure("ą" * 70).segments == 1
    assert measure("ą" * 71).segments == 2
    assert measure("😀" * 35).units == 70  # surrogate pairs count twice in UCS-2


@given(st.text())
def test_any_text_has_a_size(text: str) -> None:
    size = measure(text)
    assert size.segments >= 1
    assert size.encoding in set(Encoding)
    per_segment = 153 if size.encoding is Encoding.GSM7 else 67
    assert size.units <= max(size.segments * per_segment, 160)
